"""Split a reply into messages a channel accepts, at sentence boundaries where possible.

Meta rejects a text over the channel's limit instead of truncating it, so a long reply goes
out as several messages. Sizes are measured by the channel's own rule (characters, or UTF-8
bytes for Instagram).
"""

from __future__ import annotations

import re
from collections.abc import Callable

Size = Callable[[str], int]

# Preferred cuts first: after a sentence or at a line break; then between words.
_BOUNDARIES = (re.compile(r"(?<=[.!?])\s+|\s*\n\s*"), re.compile(r"\s+"))


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def split(text: str, limit: int, size: Size = len) -> list[str]:
    """Parts of `text`, each non-empty and at most `limit` by `size`, in order."""
    parts: list[str] = []
    rest = text.strip()
    while rest:
        if size(rest) <= limit:
            parts.append(rest)
            break
        cut = _cut(rest, limit, size)
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return parts


def _cut(text: str, limit: int, size: Size) -> int:
    """Where the first part ends: the last boundary that keeps it within the limit."""
    for boundary in _BOUNDARIES:
        best = 0
        for match in boundary.finditer(text):
            if size(text[: match.start()]) > limit:
                break
            if match.start() > 0:
                best = match.end()
        if best:
            return best
    end = min(limit, len(text))  # no boundary fits: the longest prefix that does
    while end > 1 and size(text[:end]) > limit:
        end -= 1
    return end
