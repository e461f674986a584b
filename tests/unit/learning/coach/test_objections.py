"""The objection tagger: English and Spanish phrasings, accents optional, no false hits."""

import pytest

from shared.learning.coach import objections


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("That's too expensive for us", ["price"]),
        ("hmm, a bit pricey. any discount?", ["price"]),
        ("Es muy caro para nosotros", ["price"]),
        ("¿Hay algo más barato? no me alcanza el presupuesto", ["price"]),
        ("Is there a minimum? we're only 6 people", ["minimum"]),
        ("el mínimo es mucho, solo somos 5", ["minimum"]),
        ("el minimo es mucho", ["minimum"]),
        ("The travel fee is a lot", ["travel_fee"]),
        ("why is there a $100 travel charge?", ["travel_fee"]),
        ("¿Por qué el cargo de viaje? estamos muy lejos?", ["travel_fee"]),
        ("That date is fully booked? do you have another date", ["availability"]),
        ("No hay disponibilidad ese día, ¿otra fecha?", ["availability"]),
        ("too expensive, and the travel fee too", ["price", "travel_fee"]),
        ("Sounds great, book it for 5pm", []),
        ("Perfecto, reserve para las 5", []),
        ("we want the filet mignon", []),
    ],
)
def test_tag(text: str, expected: list[str]) -> None:
    assert objections.tag(text) == expected


def test_lost_reasons_are_the_objections_raised_once_each() -> None:
    said = ["too expensive", "still too expensive. and the minimum?", "ok"]
    assert objections.lost_reasons(said, ended_on_us=True) == ["price", "minimum"]


def test_a_quiet_customer_after_our_reply_is_no_reply() -> None:
    assert objections.lost_reasons(["how much for 10?"], ended_on_us=True) == ["no_reply"]
    assert objections.lost_reasons(["how much for 10?"], ended_on_us=False) == ["other"]


def test_top_orders_by_count_then_name_and_limits() -> None:
    counts = objections.count([["price"], ["price", "minimum"], ["availability"], ["minimum"]])
    assert counts == {"price": 2, "minimum": 2, "availability": 1}
    assert objections.top(counts) == [("minimum", 2), ("price", 2), ("availability", 1)]
    assert objections.top(counts, limit=1) == [("minimum", 2)]
