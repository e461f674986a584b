"""The price book's name tables, built the way the offline provider builds them."""

from __future__ import annotations

from datetime import date

import pytest

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


def read(text: str, today: date = WEDNESDAY) -> Extraction:
    return extract(text, today=today, known_proteins=PROTEINS, known_addons=ADDONS)


@pytest.fixture
def book_tables() -> tuple[dict[str, str], dict[str, str]]:
    return PROTEINS, ADDONS
