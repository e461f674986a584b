"""Spanish messages read offline: counts, dates, times, yes/no, proteins (by the price
book's Spanish aliases). `today` is Wednesday 2026-11-18."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from shared.ai.offline.extract import extract
from shared.ai.offline.spanish import to_english
from tests.unit.ai.offline.conftest import ADDONS, BOOK, PROTEINS, WEDNESDAY, read, stated

SPANISH: list[tuple[str, dict[str, Any]]] = [
    # Counts.
    ("somos 15", {"guests": 15}),
    ("Somos 15 personas", {"guests": 15}),
    ("somos quince", {"guests": 15}),
    ("quince personas", {"guests": 15}),
    ("veinticinco invitados", {"guests": 25}),
    ("treinta y dos personas", {"guests": 32}),
    ("seremos 20", {"guests": 20}),
    ("para 8 personas", {"guests": 8}),
    ("10 adultos y 4 niños", {"adults": 10, "children": 4}),
    ("diez adultos y cuatro niños", {"adults": 10, "children": 4}),
    ("12 adultos, 3 ninos y un bebé", {"adults": 12, "children": 3, "toddlers": 1}),
    ("dos niños de 3 y 5 años", {"toddlers": 2, "children_ages": (3, 5)}),
    ("3 niños de 4, 8 y 10 años", {"children": 2, "toddlers": 1, "children_ages": (4, 8, 10)}),
    ("una docena de personas", {"guests": 12}),
    ("2 adolescentes", {"adults": 2}),
    # Dates.
    ("el sábado 12 de diciembre", {"event_date": date(2026, 12, 12)}),
    ("el sabado 12 de diciembre", {"event_date": date(2026, 12, 12)}),
    ("el próximo sábado", {"event_date": date(2026, 11, 28)}),
    ("el sábado que viene", {"event_date": date(2026, 11, 28)}),
    ("este sábado", {"event_date": date(2026, 11, 21)}),
    ("mañana", {"event_date": date(2026, 11, 19)}),
    ("pasado mañana", {"event_date": date(2026, 11, 20)}),
    ("hoy", {"event_date": WEDNESDAY}),
    ("en tres semanas", {"event_date": date(2026, 12, 9)}),
    ("dentro de dos semanas", {"event_date": date(2026, 12, 2)}),
    ("en una semana", {"event_date": date(2026, 11, 25)}),
    ("el 20 de enero", {"event_date": date(2027, 1, 20)}),
    ("el primero de diciembre", {"event_date": date(2026, 12, 1)}),
    ("el 5 de diciembre de 2026", {"event_date": date(2026, 12, 5)}),
    ("el 20", {"event_date": date(2026, 11, 20)}),
    ("este fin de semana", {"event_date": date(2026, 11, 21), "date_is_weekend": True}),
    ("el próximo fin de semana", {"event_date": date(2026, 11, 28), "date_is_weekend": True}),
    ("a principios de marzo", {"unsure": ("event_date",)}),
    ("la semana que viene", {"unsure": ("event_date",)}),
    # Times.
    ("a las 6 de la tarde", {"start_time": time(18, 0)}),
    ("a las 7 de la noche", {"start_time": time(19, 0)}),
    ("a las 11 de la mañana", {"start_time": time(11, 0)}),
    ("a las 18:00", {"start_time": time(18, 0)}),
    ("a las 6 y media", {"start_time": time(18, 30)}),
    ("a las seis", {"start_time": time(18, 0)}),
    ("mañana por la mañana", {"event_date": date(2026, 11, 19)}),
    ("al mediodía", {"start_time": time(12, 0)}),
    # Yes / no.
    ("sí", {"yes": True}),
    ("si", {"yes": True}),
    ("Sí, por favor", {"yes": True}),
    ("claro", {"yes": True}),
    ("claro que sí", {"yes": True}),
    ("dale", {"yes": True}),
    ("está bien", {"yes": True}),
    ("de acuerdo", {"yes": True}),
    ("perfecto", {"yes": True}),
    ("vale", {"yes": True}),
    ("Sí, confirmo", {"yes": True}),
    ("resérvalo", {"yes": True}),
    ("no gracias", {"no": True}),
    ("no, gracias", {"no": True}),
    ("todavía no", {"no": True}),
    ("no", {"no": True}),
    # Proteins and add-ons by their Spanish aliases.
    ("langosta", {"proteins": {"lobster_tail": None}}),
    ("filete para todos", {"proteins": {"filet_mignon": None}}),
    ("quiero camarones y pollo", {"proteins": {"shrimp": None, "chicken": None}}),
    ("salmón", {"proteins": {"salmon": None}}),
    ("2 colas de langosta", {"proteins": {"lobster_tail": 2}}),
    ("vieiras y verduras", {"proteins": {"scallops": None, "vegetables": None}}),
    (
        "filete para 6 de nosotros y langosta para los otros 6",
        {"proteins": {"filet_mignon": 6, "lobster_tail": 6}},
    ),
    ("sin langosta", {"removed_proteins": {"lobster_tail"}}),
    ("no quiero camarones", {"removed_proteins": {"shrimp"}}),
    ("quita el sake", {"removed_addons": {"sake_service"}}),
    ("una tercera proteína para todos", {"third_protein_for_all": True}),
    ("servicio de sake", {"addons": {"sake_service"}}),
    # Allergies and diets: a safety reading, in either language.
    ("soy alérgica a los mariscos", {"allergens": {"shellfish"}}),
    ("alergia al maní", {"allergens": {"peanuts"}}),
    ("uno es alérgico a las nueces", {"allergens": {"nuts"}}),
    ("sin gluten por favor", {"allergens": {"gluten"}, "dietary": {"gluten_free"}}),
    ("dos son vegetarianos", {"dietary": {"vegetarian"}}),
    ("somos veganos", {"dietary": {"vegan"}}),
    ("Hola, soy Ana", {"name": "Ana"}),
    # Several at once.
    (
        "Hola, somos 10 adultos y 4 niños, el sábado 12 de diciembre a las 6 de la tarde, "
        "código postal 95661",
        {
            "adults": 10,
            "children": 4,
            "event_date": date(2026, 12, 12),
            "start_time": time(18, 0),
            "zipcode": "95661",
        },
    ),
]


@pytest.mark.parametrize(("message", "expected"), SPANISH)
def test_spanish(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


def test_an_ambiguous_spanish_word_is_not_resolved() -> None:
    found = extract(
        "bistec para 10",
        today=WEDNESDAY,
        known_proteins=PROTEINS,
        known_addons=ADDONS,
        ambiguous_proteins=tuple(BOOK.ambiguous_proteins),
    )
    assert dict(found.ambiguous_proteins) == {"bistec": 10}
    assert dict(found.proteins) == {}


@pytest.mark.parametrize(
    "message",
    [
        "no mayo please, 20 people",  # "mayo" is not a month here
        "we need it once a week",  # "once" is not eleven in English
        "we sin no more: 12 adults",
        "Dale and I are hosting 12 adults",
        "once we confirm, 20 people",
        "tres leches cake for dessert",
    ],
)
def test_english_is_not_rewritten_as_spanish(message: str) -> None:
    found = read(message)
    assert found.language == "en"
    assert found.yes is False
    assert found.removed_proteins == frozenset()
    assert found.event_date is None


@pytest.mark.parametrize(
    ("spanish", "english"),
    [
        ("somos quince personas", "we're 15 people"),
        ("el proximo sabado a las 6 de la tarde", "next saturday at 6:00pm"),
        ("10 adultos y 4 ninos", "10 adults and 4 kids"),
        ("en realidad somos 15", "actually we're 15"),
        ("sin langosta", "without langosta"),
    ],
)
def test_to_english(spanish: str, english: str) -> None:
    assert to_english(spanish) == english


def test_an_english_count_stays_english() -> None:
    assert read("we need it once a week, 12 adults").adults == 12
    assert read("Dale and I are hosting 12 adults").name is None


@pytest.mark.parametrize(
    "message",
    [
        "¿traen la parrilla?",
        "¿cocinan adentro?",
        "¿incluye arroz?",
        "¿y las mesas?",
        "¡hola! ¿tienen fechas?",
        "traen la parrilla y el propano?",
    ],
)
def test_a_short_spanish_question_is_spanish(message: str) -> None:
    assert read(message).language == "es"


@pytest.mark.parametrize(
    "message", ["do you bring the grill?", "is the chef bringing plates?", "hi! any dates?"]
)
def test_a_short_english_question_stays_english(message: str) -> None:
    assert read(message).language == "en"
