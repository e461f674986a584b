"""Documents quote numbers only through placeholders filled from the price book and rules."""

from __future__ import annotations

import re
from datetime import time

import pytest

from shared.ai.knowledge import facts
from shared.ai.knowledge.base import shipped_docs
from shared.booking.availability import FIRST_START, LAST_START
from shared.booking.policy import HOLD_MINUTES
from shared.pricing.price_book import default_price_book

BOOK = default_price_book()


def test_facts_come_from_the_price_book_and_the_booking_rules() -> None:
    known = facts.facts(BOOK)
    assert known["deposit"] == facts.money(BOOK.deposit.cents)
    assert known["refund_days"] == str(BOOK.deposit.refundable_days_before)
    assert known["hold_minutes"] == str(HOLD_MINUTES)
    assert known["first_start"] == facts.clock(FIRST_START, "en")
    assert known["last_start"] == facts.clock(LAST_START, "en")
    assert known["working_days"] == "Tuesday to Sunday" and known["closed_days"] == "Monday"
    assert known["upgrade_lobster_tail"] == facts.money(BOOK.proteins["lobster_tail"].upgrade_cents)


def test_a_new_price_book_changes_the_answer() -> None:
    cheaper = BOOK.model_copy(update={"deposit": BOOK.deposit.model_copy(update={"cents": 7550})})
    assert (
        facts.render("The deposit is {deposit}.", facts.facts(cheaper)) == "The deposit is $75.50."
    )


@pytest.mark.parametrize(
    "wall,en,es",
    [
        (time(11), "11 am", "11 a. m."),
        (time(20, 30), "8:30 pm", "8:30 p. m."),
        (time(12), "12 pm", "12 p. m."),
    ],
)
def test_twelve_hour_clock(wall: time, en: str, es: str) -> None:
    assert facts.clock(wall, "en") == en and facts.clock(wall, "es") == es


def test_spanish_facts_are_spanish() -> None:
    known = facts.facts(BOOK, "es")
    assert known["working_days"] == "martes a domingo" and known["band2_length"] == "2,5 horas"


def test_unknown_placeholders_are_refused() -> None:
    with pytest.raises(facts.UnknownFact, match="depositt"):
        facts.check("pay {depositt} now", facts.facts(BOOK))


# Numbers a rule owns: money, a count of days/minutes/hours/miles/percent, a clock time.
_LITERAL_RULE = re.compile(
    r"\$\s?\d|\b\d+\s*(?:days?|d[ií]as|minutes?|minutos|hours?|horas|miles?|millas|percent"
    r"|por ciento|%)|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\. ?m\.|p\. ?m\.)|\b\d{1,2}:\d\d\b",
    re.I,
)


@pytest.mark.parametrize("doc", shipped_docs(), ids=lambda d: d.id)
def test_shipped_documents_state_no_rule_number_literally(doc) -> None:  # type: ignore[no-untyped-def]
    texts = [doc.title, doc.body, *(q.text for q in doc.questions)]
    found = [m.group(0) for text in texts for m in _LITERAL_RULE.finditer(text)]
    assert found == []
    for text in texts:
        facts.check(text, facts.facts(BOOK, doc.language))


@pytest.mark.parametrize("language", facts.LANGUAGES)
def test_every_shipped_document_renders_with_no_brace_left(language: facts.Language) -> None:
    """Placeholders with digits ({band1_length}) are placeholders too: none reaches a
    customer unfilled, in the title or the body, in either language."""
    known = facts.facts(BOOK, language)
    for doc in shipped_docs():
        for text in (doc.title, doc.body):
            rendered = facts.render(text, known)
            assert "{" not in rendered and "}" not in rendered, (doc.id, rendered)


def test_placeholders_may_hold_digits() -> None:
    assert facts.render("{band1_to} guests", {"band1_to": "15"}) == "15 guests"
    with pytest.raises(facts.UnknownFact, match="band9_to"):
        facts.check("{band9_to}", {"band1_to": "15"})
