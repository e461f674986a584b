"""Identifiers: sortable random ids for new records, stable ids for claims and dedup keys."""

from __future__ import annotations

import hashlib
import os
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case


def _b32(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        value, rem = divmod(value, 32)
        chars.append(_ALPHABET[rem])
    return "".join(reversed(chars))


def new_id(prefix: str = "") -> str:
    """A ULID-style id: 48-bit millisecond time + 80 random bits; sorts by creation time."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    body = _b32(ms, 10) + _b32(rand, 16)
    return f"{prefix}_{body}" if prefix else body


def stable_id(*parts: object) -> str:
    """The same parts always give the same id: deterministic document ids for claims/dedup."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:40]
