"""A short extractive call summary for staff: the caller's first sentences and the intent.

Offline and deterministic (no LLM): good enough to scan a transcript list, and the whole
transcript is the customer's message right above it.
"""

from __future__ import annotations

import re

MAX_CHARS = 240
SENTENCES = 2
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def summarise(transcript: str, *, agent: str | None, emotion: str | None) -> str:
    sentences = [s for s in _SENTENCE.split(" ".join(transcript.split())) if s]
    gist = " ".join(sentences[:SENTENCES])
    if len(gist) > MAX_CHARS:
        gist = gist[: MAX_CHARS - 3].rsplit(" ", 1)[0] + "..."
    labels = [f"intent: {agent or 'unknown'}"]
    if emotion and emotion != "neutral":
        labels.append(f"mood: {emotion}")
    return f"{gist} ({'; '.join(labels)})"
