"""What the party is for, from the customer's own words (English and Spanish).

A small pure detector: the first occasion whose phrasing appears wins, checked in a fixed
order so "a birthday at the office party" is a birthday, not corporate. Accents are
folded so "graduación" and "graduacion" match alike.
"""

from __future__ import annotations

import re
import unicodedata

from shared.platform.analytics import Occasion

_PHRASES: tuple[tuple[Occasion, tuple[str, ...]], ...] = (
    (
        "birthday",
        (
            r"birthdays?",
            r"b-?day",
            r"turning \d+",
            r"\d+(st|nd|rd|th) bday",
            r"cumple(anos)?",
            r"quinceanera",
            r"quince anos",
        ),
    ),
    ("anniversary", (r"anniversary", r"aniversario", r"bodas de (plata|oro)")),
    (
        "wedding",
        (
            r"wedding",
            r"bridal",
            r"rehearsal dinner",
            r"engagement",
            r"boda",
            r"compromiso",
            r"despedida de soltera",
        ),
    ),
    ("graduation", (r"graduat\w*", r"grad party", r"graduacion", r"graduarse")),
    (
        "corporate",
        (
            r"corporate",
            r"company",
            r"office",
            r"team (event|building|dinner)",
            r"client dinner",
            r"empresa",
            r"oficina",
            r"corporativ[oa]",
            r"trabajo",
        ),
    ),
    (
        "holiday",
        (
            r"christmas",
            r"xmas",
            r"thanksgiving",
            r"new year'?s",
            r"4th of july",
            r"fourth of july",
            r"memorial day",
            r"labor day",
            r"easter",
            r"holidays?",
            r"navidad",
            r"nochebuena",
            r"ano nuevo",
            r"dia de accion de gracias",
            r"dia festivo",
        ),
    ),
)

_PATTERNS: tuple[tuple[Occasion, re.Pattern[str]], ...] = tuple(
    (occasion, re.compile(r"\b(" + "|".join(phrases) + r")\b")) for occasion, phrases in _PHRASES
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def detect(text: str) -> Occasion | None:
    """The occasion a message names, or None when it names none."""
    folded = _fold(text)
    for occasion, pattern in _PATTERNS:
        if pattern.search(folded):
            return occasion
    return None
