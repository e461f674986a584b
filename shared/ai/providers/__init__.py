"""One provider interface; adapters for each LLM API, the offline provider, and the cascade."""
