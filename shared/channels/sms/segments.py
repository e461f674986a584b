"""SMS encoding, segment counting and splitting (pure; no I/O).

A text that uses only the GSM 03.38 alphabet travels as GSM-7: 160 septets in one SMS, or
153 per segment once concatenated (the rest carries the concatenation header). The
extension-table characters (`€ [ ] { } \\ ^ ~ |` and form feed) take two septets each.
Any other character switches the whole message to UCS-2: 70 UTF-16 code units alone, 67
per segment concatenated (an emoji outside the BMP is two units). A character is never
split across segments, so a two-unit character that does not fit starts the next one.

Split rule: one message may use at most `MAX_SEGMENTS` (2) segments, so a long reply is cut
into several messages, each as long as fits, cut after the last sentence end (`.`, `!`, `?`
or a line break) in its second half, else at the last space, else mid-word. At most
`MAX_PARTS` (3) messages are sent; past that the last one stops at the last whole sentence
that fits (or, with none, at a word followed by "..."). Each part is encoded on its own:
an emoji in the third part does not make the first two UCS-2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Encoding = Literal["GSM-7", "UCS-2"]

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

LIMITS: dict[Encoding, tuple[int, int]] = {"GSM-7": (160, 153), "UCS-2": (70, 67)}
MAX_SEGMENTS = 2
MAX_PARTS = 3
ELLIPSIS = "..."  # GSM-7, unlike "…", so a cut never forces UCS-2

_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True)
class SegmentCount:
    encoding: Encoding
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int


def encoding_of(text: str) -> Encoding:
    allowed = GSM_BASIC | GSM_EXTENSION
    return "GSM-7" if all(ch in allowed for ch in text) else "UCS-2"


def _unit_sizes(text: str, encoding: Encoding) -> list[int]:
    if encoding == "GSM-7":
        return [2 if ch in GSM_EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def count(text: str) -> SegmentCount:
    """How the text travels and how many segments it costs."""
    encoding = encoding_of(text)
    sizes = _unit_sizes(text, encoding)
    single, per_segment = LIMITS[encoding]
    units = sum(sizes)
    if units <= single:
        return SegmentCount(encoding, units, 1)
    segments, used = 1, 0
    for size in sizes:
        if used + size > per_segment:
            segments, used = segments + 1, 0
        used += size
    return SegmentCount(encoding, units, segments)


def fits(text: str) -> bool:
    return count(text).segments <= MAX_SEGMENTS


def _longest_fitting_prefix(text: str, suffix: str = "") -> int:
    """The most characters from the start that, with `suffix`, still fit (segments only
    grow with length, so a binary search finds it)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle] + suffix):
            low = middle
        else:
            high = middle - 1
    return low


def _cut(text: str, limit: int, sentences_only: bool = False) -> int:
    """Where to end a part of at most `limit` characters: a sentence end, else a space."""
    probe = text[: limit + 1] if limit < len(text) else text + " "  # sees the next character
    ends = [m.end() for m in _SENTENCE_END.finditer(probe)]
    sentence = max((e for e in ends if e <= limit), default=0)
    if sentence > (0 if sentences_only else limit // 2):
        return sentence
    if sentences_only:
        return 0
    space = text[:limit].rfind(" ")
    return space if space > 0 else limit


def _shortened(text: str) -> str:
    """The last allowed part: whole sentences that fit, else words and an ellipsis."""
    whole = _cut(text, _longest_fitting_prefix(text), sentences_only=True)
    if whole:
        return text[:whole].rstrip()
    room = _longest_fitting_prefix(text, ELLIPSIS)
    return text[: _cut(text, max(room, 1))].rstrip() + ELLIPSIS


def split(text: str) -> list[str]:
    """The messages to send for `text`, each at most `MAX_SEGMENTS` segments."""
    parts: list[str] = []
    rest = text.strip()
    while rest:
        if len(parts) == MAX_PARTS - 1 and not fits(rest):
            parts.append(_shortened(rest))
            break
        end = len(rest) if fits(rest) else _cut(rest, _longest_fitting_prefix(rest))
        parts.append(rest[:end].rstrip())
        rest = rest[end:].strip()
    return parts
