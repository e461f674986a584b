"""The offline provider: answers customers with no LLM (extraction, dialogue policy, templates)."""
