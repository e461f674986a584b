"""The price book's name tables, built the way the offline provider builds them, and a
compact view of an extraction for table-driven tests."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date

from shared.ai.offline.extract import Extraction, extract
from shared.pricing.models import normalise_name
from shared.pricing.price_book import default_price_book

BOOK = default_price_book()
PROTEINS = {
    normalise_name(name): key
    for key, protein in BOOK.proteins.items()
    for name in (key, protein.label, *protein.aliases)
}
ADDONS = {
    normalise_name(name): key
    for key, addon in BOOK.addons.items()
    for name in (key, addon.label, *addon.aliases)
}
WEDNESDAY = date(2026, 11, 18)
_EMPTY = Extraction()
# How the message is said rather than what it books; tested on their own (test_extract_talk).
DISCOURSE = frozenset({"correction", "language", "smalltalk", "question", "occasion"})


def read(text: str, today: date = WEDNESDAY) -> Extraction:
    return extract(text, today=today, known_proteins=PROTEINS, known_addons=ADDONS)


def stated(extraction: Extraction, discourse: bool = False) -> dict[str, object]:
    """The fields a message set (those differing from an empty extraction), as plain values;
    the DISCOURSE fields only when `discourse`."""
    found: dict[str, object] = {}
    for f in fields(extraction):
        if f.name in DISCOURSE and not discourse:
            continue
        value = getattr(extraction, f.name)
        if value != getattr(_EMPTY, f.name):
            found[f.name] = dict(value) if isinstance(value, Mapping) else value
    return found
