"""Conversation tagging: why a quoted conversation was lost, which objections it raised and
its tags in six families, read by deterministic rules (English and Spanish) or by an LLM
when one is configured, and published nightly as analytics events."""
