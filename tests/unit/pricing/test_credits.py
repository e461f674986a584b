"""Price-book credits as quote lines: capped, floored at the party minimum (unless the book
says otherwise) and at the deposit, each applied once, and the quote still adds up."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from shared.pricing import QuoteRequest, ZipCentroidDistance, default_markets, default_price_book
from shared.pricing.engine import quote
from shared.pricing.models import Credit, PriceBook, Quote

WELCOME = "referral_welcome"


def book_with(**credits: Credit) -> PriceBook:
    return default_price_book().model_copy(update={"credits": credits})


def price(book: PriceBook, credits: tuple[str, ...], adults: int = 20, **fields: Any) -> Quote:
    request = QuoteRequest(
        adults=adults, customer_zipcode="90012", event_date=date(2026, 12, 5), **fields
    )
    return quote(request, book, default_markets(), ZipCentroidDistance(), credits)


def credit_of(q: Quote) -> list[tuple[str | None, int]]:
    return [(line.key, line.amount_cents) for line in q.lines if line.kind == "credit"]


def test_the_shipped_welcome_credit_is_a_line_taken_off_the_total() -> None:
    book = default_price_book()
    plain, credited = price(book, ()), price(book, (WELCOME,))
    assert credit_of(plain) == [] and plain.credit_cents == 0
    assert credit_of(credited) == [(WELCOME, 5000)]
    assert credited.total_cents == plain.total_cents - 5000
    assert credited.balance_due_cents == plain.balance_due_cents - 5000


def test_a_credit_is_capped_by_its_share_of_the_food() -> None:
    book = book_with(big=Credit(label="Big", cents=50_000, max_bps=1000))
    q = price(book, ("big",), adults=30)  # food $1,650: 10% is $165
    assert credit_of(q) == [("big", 16_500)]


def test_a_credit_never_takes_food_below_the_party_minimum() -> None:
    book = book_with(big=Credit(label="Big", cents=50_000))
    q = price(book, ("big",), adults=12)  # food $660, minimum $550
    assert credit_of(q) == [("big", 11_000)]
    assert q.food_cents - q.credit_cents == book.party_minimum_cents
    small = price(book, ("big",), adults=4)  # already at the minimum: nothing to take
    assert credit_of(small) == [] and small.total_cents == price(book, (), adults=4).total_cents


def test_the_book_may_let_a_credit_go_below_the_minimum_but_never_below_the_deposit() -> None:
    book = book_with(big=Credit(label="Big", cents=100_000, below_minimum=True))
    q = price(book, ("big",), adults=4)
    assert q.food_cents - q.credit_cents == book.deposit.cents
    assert q.balance_due_cents >= 0


def test_several_credits_share_one_floor_and_each_applies_once() -> None:
    book = book_with(
        a=Credit(label="A", cents=8_000), b=Credit(label="B", cents=8_000, max_bps=10_000)
    )
    q = price(book, ("b", "a", "a"), adults=12)  # $110 of room above the minimum
    assert credit_of(q) == [("a", 8_000), ("b", 3_000)]  # price-book order, not the caller's


def test_tax_applies_after_the_credit() -> None:
    markets = tuple(m.model_copy(update={"tax_bps": 1000}) for m in default_markets())
    request = QuoteRequest(adults=20, customer_zipcode="90012", event_date=date(2026, 12, 5))
    book = default_price_book()
    q = quote(request, book, markets, ZipCentroidDistance(), (WELCOME,))
    assert q.tax_cents == (q.food_cents - q.credit_cents) // 10


def test_unknown_or_absent_credit_keys_change_nothing() -> None:
    book = book_with()
    assert price(book, (WELCOME, "nope")) == price(book, ())


def test_a_quote_whose_credit_lines_do_not_add_up_cannot_be_built() -> None:
    q = price(default_price_book(), (WELCOME,))
    with pytest.raises(ValidationError, match="credits"):
        Quote.model_validate(q.model_dump() | {"credit_cents": 1000})
    with pytest.raises(ValidationError):
        Credit(label="Zero", cents=0)
