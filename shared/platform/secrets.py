"""Secrets port: Secret Manager in production, the environment (and .env) locally."""

from __future__ import annotations

from typing import Protocol


class SecretNotFound(KeyError):
    """The named secret is not configured."""


class SecretStore(Protocol):
    def get(self, name: str) -> str:
        """Return the latest value of secret `name` (kebab-case, as in the manifest)."""
        ...
