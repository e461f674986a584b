"""The rule tagger: objection families in English and Spanish, phrasings that must not
tag, a customer who takes an objection back, loss reasons, sentiment and the six tag
families."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.analytics.tagging import rules, sentiment
from shared.analytics.tagging.model import Conversation, Said
from shared.analytics.tagging.phrases import objections_in, standing

FAMILIES = {
    "price": [
        "That's too expensive",
        "hmm, a bit pricey. any discount?",
        "it's out of our budget",
        "that's more than we want to spend",
        "we can't afford that right now",
        "Es muy caro para nosotros",
        "es más de lo que queremos gastar",
        "¿Hay algo más barato? no me alcanza el presupuesto",
    ],
    "minimum": [
        "Is there a minimum? we're only 6 people",
        "the $500 minimum is a lot for us",
        "there are just 5 of us",
        "el mínimo es mucho, solo somos 5",
        "somos pocos, solo 4 personas",
    ],
    "travel_fee": [
        "The travel fee is a lot",
        "why is there a $100 travel charge?",
        "we're too far for you I guess",
        "¿Por qué el cargo de viaje?",
        "estamos muy lejos, cobran por la distancia?",
    ],
    "availability": [
        "You're booked that day?",
        "That date is fully booked? do you have another date",
        "oh no, you're all booked up",
        "No hay disponibilidad ese día, ¿otra fecha?",
        "si están ocupados ese día no sirve",
    ],
    "requirements": [
        "two of our guests are vegan and one is gluten free",
        "can you cook indoors? we live in an apartment",
        "we don't have a backyard",
        "my son has a nut allergy",
        "no tenemos espacio afuera, ¿puede ser adentro?",
        "mi esposa es celíaca, ¿tienen opciones sin gluten?",
    ],
    "competition": [
        "we found another caterer",
        "we decided to go with a different company",
        "we went with someone else, thanks",
        "we have other quotes that are better",
        "vamos con otra compañía",
        "ya contratamos a otro chef",
    ],
}
CASES = [(text, family) for family, texts in FAMILIES.items() for text in texts]

NEGATIVES = [
    "Sounds great, book it for 5pm",
    "Perfecto, reserve para las 5",
    "we want the filet mignon",
    "how much for 20 people?",
    "¿cuánto cuesta para 15 personas?",
    "it's not too expensive at all",
    "no es caro, está bien",
    "the price is fine, let's do it",
    "el precio está bien",
    "we booked with you last year and loved it",
    "is the chef available at 6?",
    "thank you so much!",
]


def test_every_family_has_four_phrasings_including_spanish() -> None:
    for family, texts in FAMILIES.items():
        assert len(texts) >= 4, family
        assert any(t for t in texts if any(c in t for c in "ñáéíóú¿") or " es " in t), family


@pytest.mark.parametrize(("text", "family"), CASES)
def test_each_phrasing_raises_its_family(text: str, family: str) -> None:
    assert objections_in(text) == [family]


@pytest.mark.parametrize("text", NEGATIVES)
def test_questions_praise_and_negations_raise_nothing(text: str) -> None:
    assert objections_in(text) == []


def test_two_objections_in_one_message_come_in_a_fixed_order() -> None:
    assert objections_in("too expensive, and the travel fee too") == ["price", "travel_fee"]


@pytest.mark.parametrize(
    "said",
    [
        ["That's too expensive", "actually never mind, the price is fine"],
        ["es muy caro", "olvídalo, el precio está bien"],
        ["too expensive. scratch that, we'll pay it"],
    ],
)
def test_a_customer_who_takes_it_back_has_no_standing_objection(said: list[str]) -> None:
    assert standing(said) == {}


def test_taking_one_objection_back_leaves_the_others() -> None:
    said = ["too expensive and the travel fee is a lot", "ok the price is fine"]
    assert standing(said) == {"travel_fee": 0}


T0 = datetime(2026, 11, 3, 18, tzinfo=UTC)


def _conversation(*turns: tuple[str, str], lost: bool = True) -> Conversation:
    messages = [
        Said(id=f"m{i}", author=author, text=text, at=T0 + timedelta(minutes=i))
        for i, (author, text) in enumerate(turns)
    ]
    quoted = next(m.at for m in messages if m.author == "ai")
    return Conversation(
        thread_id="t",
        messages=messages,
        quoted_at=quoted,
        lost_at=T0 + timedelta(days=7) if lost else None,
    )


def test_the_loss_is_the_last_standing_objection_with_its_message_as_evidence() -> None:
    reading = rules.read(
        _conversation(
            ("customer", "how much for 20 on dec 5?"),
            ("ai", "That's $1,100 for 20 guests."),
            ("customer", "the travel fee is a lot"),
            ("ai", "It covers the chef's drive."),
            ("customer", "honestly we found another caterer"),
        )
    )
    assert reading.loss is not None
    assert (reading.loss.reason, reading.loss.evidence_id) == ("competition", "m4")
    assert [(r.message_id, r.objection) for r in reading.objections] == [
        ("m2", "travel_fee"),
        ("m4", "competition"),
    ]


def test_a_customer_silent_after_the_quote_is_no_reply() -> None:
    reading = rules.read(_conversation(("customer", "precio para 20?"), ("ai", "Son $1,100.")))
    assert reading.loss is not None
    assert (reading.loss.reason, reading.loss.evidence_id) == ("no_reply", None)


def test_a_customer_who_answered_without_a_reason_is_other() -> None:
    reading = rules.read(
        _conversation(("customer", "price for 20?"), ("ai", "$1,100."), ("customer", "ok, thanks"))
    )
    assert reading.loss is not None and reading.loss.reason == "other"


def test_a_retracted_objection_is_not_the_loss_reason() -> None:
    reading = rules.read(
        _conversation(
            ("customer", "price for 20?"),
            ("ai", "$1,100."),
            ("customer", "too expensive"),
            ("customer", "never mind, the price is fine"),
        )
    )
    assert (reading.loss is not None and reading.loss.reason == "no_reply") or (
        reading.loss is not None and reading.loss.reason == "other"
    )
    assert not [t for t in reading.tags if t.family == "objections"]


def test_no_loss_for_a_conversation_that_is_not_lost() -> None:
    assert rules.read(_conversation(("customer", "hi"), ("ai", "$1,100."), lost=False)).loss is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("This is amazing, thank you so much!", 0.3, 1.0),
        ("¡Perfecto, gracias! Nos encanta", 0.3, 1.0),
        ("That's too expensive, really disappointed", -1.0, -0.3),
        ("Es muy caro, qué lástima", -1.0, -0.3),
        ("how much for 20 people?", 0.0, 0.0),
    ],
)
def test_sentiment_is_in_range_and_signed(text: str, low: float, high: float) -> None:
    assert low <= sentiment.of_message(text) <= high


def test_the_families_are_read_from_the_words() -> None:
    reading = rules.read(
        _conversation(
            ("customer", "first time doing hibachi! my daughter's birthday, 40 guests with kids"),
            ("ai", "That's $2,400."),
            ("customer", "can we add lobster? we'd like to book for this saturday"),
            lost=False,
        )
    )
    found = {(t.family, t.tag) for t in reading.tags}
    assert {
        ("intent", "high_intent"),
        ("intent", "upgrade_likely"),
        ("budget", "premium"),
        ("party_type", "birthday"),
        ("party_type", "kids"),
        ("party_type", "large_party"),
        ("behaviour", "first_time"),
        ("behaviour", "urgency"),
    } <= found
    assert all(0 <= t.confidence <= 1 for t in reading.tags)


def test_spanish_price_shopping_on_a_budget() -> None:
    reading = rules.read(
        _conversation(
            ("customer", "¿cuánto cuesta? nuestro presupuesto es de 800"),
            ("ai", "Son $1,100."),
            ("customer", "es más de lo que queremos gastar"),
        )
    )
    found = {(t.family, t.tag) for t in reading.tags}
    assert {
        ("intent", "price_shopping"),
        ("budget", "budget_stated"),
        ("budget", "budget_sensitive"),
        ("objections", "price"),
    } <= found
    assert reading.sentiment < 0
