"""Why customers hesitate: a small deterministic tagger over what they wrote (English and
Spanish), so the coach report can count objections and explain lost bookings without a
model."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal

Objection = Literal["price", "minimum", "travel_fee", "availability"]
LostReason = Literal["price", "minimum", "travel_fee", "availability", "no_reply", "other"]

# Matched on lower-cased text with accents removed ("mínimo" -> "minimo").
_PATTERNS: dict[Objection, re.Pattern[str]] = {
    "price": re.compile(
        r"\b(too (expensive|pricey|much)|expensive|pricey|cheaper|costly|over (our|my) budget"
        r"|out of (our|my) budget|budget|can'?t afford|discount|caro|cara|mas barato"
        r"|barato|presupuesto|descuento|no me alcanza|no nos alcanza)\b"
    ),
    "minimum": re.compile(
        r"\b(minimum|min\.? order|minimo|pedido minimo|too small|only \d+ (people|guests)"
        r"|solo somos \d+|somos (solo|solamente) \d+)\b"
    ),
    "travel_fee": re.compile(
        r"\b(travel (fee|charge|cost)s?|mileage|too far|cargo (de|por) viaje"
        r"|tarifa (de|por) viaje|costo (de|del) viaje|muy lejos)\b"
    ),
    "availability": re.compile(
        r"\b(not available|no availability|unavailable|booked up|fully booked|no openings"
        r"|(another|other|different) (date|day|time)|no (hay|tienen) disponibilidad"
        r"|no (esta|estan) disponible|otra (fecha|hora)|otro dia|ocupad[oa]s?|llenos?)\b"
    ),
}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tag(text: str) -> list[Objection]:
    """The objections one customer message raises, in a fixed order."""
    plain = _plain(text)
    return [name for name, pattern in _PATTERNS.items() if pattern.search(plain)]


def lost_reasons(customer_texts: Iterable[str], ended_on_us: bool) -> list[LostReason]:
    """Why a quoted thread did not book: the objections its customer raised; with none,
    `no_reply` when our reply was the last word (the customer went quiet), else `other`."""
    found: list[LostReason] = []
    for text in customer_texts:
        found += [t for t in tag(text) if t not in found]
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
