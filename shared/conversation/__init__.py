"""Conversation threads per customer and channel, their messages, handoffs and memory."""
