"""Why customers hesitate, for the coach report: the analytics tagger's phrase families
(English and Spanish) over what customers wrote, counted without a model."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from shared.analytics.tagging.phrases import Objection, objections_in

LostReason = Objection | Literal["no_reply", "other"]


def lost_reasons(customer_texts: Iterable[str], ended_on_us: bool) -> list[LostReason]:
    """Why a quoted thread did not book: the objections its customer raised; with none,
    `no_reply` when our reply was the last word (the customer went quiet), else `other`."""
    found: list[LostReason] = []
    for text in customer_texts:
        found += [t for t in objections_in(text) if t not in found]
    if found:
        return found
    return ["no_reply" if ended_on_us else "other"]


def top(counts: dict[str, int], limit: int = 5) -> list[tuple[str, int]]:
    """The most frequent first; ties by name, so the report is stable."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def count(tags: Sequence[Iterable[str]]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for one in tags:
        for name in one:
            totals[name] = totals.get(name, 0) + 1
    return totals
