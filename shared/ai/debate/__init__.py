"""Multi-LLM debate: a panel proposes, critiques each other, a judge synthesises.

Hard or new questions (the knowledge base was unsure, the validator blocked a reply, staff
asked) are debated off the customer's path, one Cloud Function per round chained through
Pub/Sub; the synthesis reaches staff only, and customers see it once staff approve it into
the knowledge base or the FAQ cache.
"""
