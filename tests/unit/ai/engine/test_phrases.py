"""Head counts in replies take their noun in the right number, in both languages."""

from __future__ import annotations

import pytest

from shared.ai.flows.phrases import counted


@pytest.mark.parametrize(
    ("n", "kind", "lang", "text"),
    [
        (1, "adults", "en", "1 adult"),
        (10, "adults", "en", "10 adults"),
        (1, "children", "en", "1 kid"),
        (2, "children", "en", "2 kids"),
        (1, "toddlers", "en", "1 under 6"),
        (1, "guests", "en", "1 guest"),
        (12, "guests", "en", "12 guests"),
        (0, "guests", "en", "0 guests"),
        (1, "adults", "es", "1 adulto"),
        (3, "adults", "es", "3 adultos"),
        (1, "children", "es", "1 niño"),
        (1, "toddlers", "es", "1 menor de 6"),
        (2, "toddlers", "es", "2 menores de 6"),
        (1, "guests", "es", "1 invitado"),
        (1, "adults", "fr", "1 adult"),
    ],
)
def test_counted(n: int, kind: str, lang: str, text: str) -> None:
    assert counted(n, kind, lang) == text
