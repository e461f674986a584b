"""The reminder windows and the review-request key, as pure rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shared.ai import routing
from shared.growth.reminders import date_due, next_occurrence
from shared.pricing import default_price_book


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        (date(1990, 3, 20), date(2027, 3, 6), date(2027, 3, 20)),
        (date(1990, 3, 20), date(2027, 3, 21), date(2028, 3, 20)),
        (date(1992, 2, 29), date(2027, 2, 1), date(2027, 2, 28)),  # no Feb 29 in 2027
        (date(1992, 2, 29), date(2028, 2, 1), date(2028, 2, 29)),
    ],
)
def test_the_next_occurrence_of_a_date(day: date, today: date, expected: date) -> None:
    assert next_occurrence(day, today) == expected


def test_a_date_reminder_is_due_from_14_days_ahead_to_8() -> None:
    birthday = date(1990, 3, 20)
    due = {d: date_due(birthday, date(2027, 3, d)) for d in range(4, 14)}
    assert [d for d, hit in due.items() if hit] == [6, 7, 8, 9, 10, 11, 12]


@pytest.mark.parametrize(
    ("text", "occasion"),
    [
        ("It's my birthday on March 20, party for 10", "birthday"),
        ("our anniversary is June 2nd, 2 adults", "anniversary"),
        ("Es mi cumpleaños el 20 de marzo, somos 10", "birthday"),
        ("nuestro aniversario es el 2 de junio", "anniversary"),
    ],
)
def test_a_birthday_or_anniversary_in_a_message_is_remembered(text: str, occasion: str) -> None:
    today = datetime(2026, 11, 21, tzinfo=UTC).date()
    learned = routing.memory_from(text, today, default_price_book())
    assert list(learned.important_dates) == [occasion]
    assert learned.important_dates[occasion].year in (2027, 2026)


def test_other_occasions_and_dates_are_not_important_dates() -> None:
    today = date(2026, 11, 21)
    assert routing.memory_from("A graduation party on May 3", today, default_price_book()) \
        .important_dates == {}  # fmt: skip
    assert routing.memory_from("my birthday!", today, default_price_book()).important_dates == {}
