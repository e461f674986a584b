"""The occasion detector reads English and Spanish phrasings, accents or not."""

from __future__ import annotations

import pytest

from shared.analytics.occasion import detect


@pytest.mark.parametrize(
    ("text", "occasion"),
    [
        ("Party for my daughter's 10th birthday on Saturday", "birthday"),
        ("my husband is turning 40!", "birthday"),
        ("Es el cumpleaños de mi hijo", "birthday"),
        ("fiesta de cumpleanos para 15", "birthday"),
        ("la quinceañera de mi hija", "birthday"),
        ("our 25th wedding anniversary", "anniversary"),  # anniversary before wedding
        ("celebramos nuestro aniversario", "anniversary"),
        ("rehearsal dinner for 30", "wedding"),
        ("para una boda en junio", "wedding"),
        ("grad party for my son", "graduation"),
        ("celebrating her graduation from UCLA", "graduation"),
        ("Graduación de mi hija", "graduation"),
        ("team building event for the office", "corporate"),
        ("una cena para la empresa", "corporate"),
        ("a birthday at the office", "birthday"),  # the personal occasion wins
        ("Christmas Eve dinner", "holiday"),
        ("New Year's party", "holiday"),
        ("cena de Navidad", "holiday"),
        ("a dinner for the holidays", "holiday"),
        ("Año Nuevo con la familia", "holiday"),
    ],
)
def test_detects(text: str, occasion: str) -> None:
    assert detect(text) == occasion


@pytest.mark.parametrize(
    "text",
    ["How much for 20 people?", "dec 5, zip 90012", "¿Cuánto cuesta para 10 personas?", ""],
)
def test_no_occasion_named(text: str) -> None:
    assert detect(text) is None


def test_words_only_match_whole() -> None:
    assert detect("a bodacious menu") is None  # "boda" inside another word
    assert detect("two police officers") is None
