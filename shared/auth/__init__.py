"""Who is calling: admin JWTs, service API keys, roles, and per-client rate limits."""
