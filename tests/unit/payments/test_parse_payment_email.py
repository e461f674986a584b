"""Pasted payment notifications, as banks and apps send them, read into payer/amount/memo."""

from __future__ import annotations

from datetime import date

import pytest

from shared.payments.alternative.parse import cents, parse, plain_text

CHASE_ZELLE = """
Chase
You received money with Zelle®

JO HOST sent you $100.00

Amount: $100.00
Memo: Hibachi deposit bk_01jh3k9m2q4w6e8r0t2y4u6i8o
Date: Nov 21, 2026
Transaction number: 22774455

The money is now in your account ending in (...1234).
"""

BOA_ZELLE = """Bank of America
You received $1,100.00 from MARIA LOPEZ.
The money will be in your account within minutes.
Sent on 11/20/2026
Memo: balance for dec 5 party
"""

VENMO_HTML = """<html><body>
<table><tr><td><a href="https://venmo.com/u/jo-host">Jo Host</a> paid you</td></tr>
<tr><td><span style="font-size:24px">$100.00</span></td></tr>
<tr><td><p>Hibachi night!&nbsp;&#x1F525;</p></td></tr>
<tr><td>Transfer Date and Amount:</td></tr>
<tr><td>Nov 21, 2026 PST &middot; + $100.00</td></tr>
</table><p>Venmo, 3 Lagoon Drive</p></body></html>"""

VENMO_PUSH = "Jo Host paid you $100.00 \u2014 memo: bk_01jh3k9m2q4w6e8r0t2y4u6i8o"

VENMO_QUOTED = "Sam Park paid you $250.50 for \u201chibachi deposit \U0001f364\u201d"

CASH_APP = "Cash App: You've received $75 from Dave Chen on December 1, 2026."

WELLS_LABELLED = """Zelle payment received
From: Ana Ruiz
Amount: $1,234.56
Message: deposit
Date: 2026-11-30
"""


@pytest.mark.parametrize(
    ("text", "provider", "payer", "amount", "memo", "paid_on"),
    [
        (
            CHASE_ZELLE,
            "zelle",
            "JO HOST",
            10_000,
            "Hibachi deposit bk_01jh3k9m2q4w6e8r0t2y4u6i8o",
            date(2026, 11, 21),
        ),
        (
            BOA_ZELLE,
            "unknown",
            "MARIA LOPEZ",
            110_000,
            "balance for dec 5 party",
            date(2026, 11, 20),
        ),
        (VENMO_HTML, "venmo", "Jo Host", 10_000, None, date(2026, 11, 21)),
        (VENMO_PUSH, "unknown", "Jo Host", 10_000, "bk_01jh3k9m2q4w6e8r0t2y4u6i8o", None),
        (VENMO_QUOTED, "unknown", "Sam Park", 25_050, "hibachi deposit \U0001f364", None),
        (CASH_APP, "cash_app", "Dave Chen", 7_500, None, date(2026, 12, 1)),
        (WELLS_LABELLED, "zelle", "Ana Ruiz", 123_456, "deposit", date(2026, 11, 30)),
    ],
    ids=[
        "chase-zelle",
        "boa-zelle",
        "venmo-html",
        "venmo-push",
        "venmo-quoted",
        "cash-app",
        "labelled",
    ],
)
def test_realistic_notifications(  # type: ignore[no-untyped-def]
    text, provider, payer, amount, memo, paid_on
) -> None:
    notice = parse(text)
    assert (notice.provider, notice.payer, notice.amount_cents) == (provider, payer, amount)
    assert (notice.memo, notice.paid_on) == (memo, paid_on)


def test_booking_ids_anywhere_in_the_text_are_found_once() -> None:
    assert parse(CHASE_ZELLE).booking_ids == ["bk_01jh3k9m2q4w6e8r0t2y4u6i8o"]
    twice = "Jo paid you $5.00 memo: BK_01ABCDEFGH and bk_01abcdefgh"
    assert parse(twice).booking_ids == ["bk_01abcdefgh"]


def test_text_without_an_amount_has_none() -> None:
    notice = parse("Your Zelle limit has changed.")
    assert notice.amount_cents is None and notice.payer is None


def test_cents_are_exact_integers() -> None:
    assert cents("0.29") == 29 and cents("1,000,000.01") == 100_000_001 and cents("100") == 10_000


def test_html_becomes_plain_lines() -> None:
    assert plain_text("<p>A&amp;B</p><script>x()</script><br>C\u00a0D") == "A&B\nC D"
