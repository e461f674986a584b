"""Only what the customer newly wrote reaches the AI: quotes, attributions and signatures go."""

from __future__ import annotations

import pytest

from shared.channels.email.text import html_to_text, normalise_subject, reply_text

GMAIL_TOP_POSTED = """Sounds good, make it 25 adults please.

On Mon, Nov 23, 2026 at 10:02 AM MyHibachi <hello@myhibachi.com> wrote:
> Your quote for 20 adults is $1,100.
>
> > How much for 20?
"""

WRAPPED_ATTRIBUTION = """Yes, Dec 5 works.

On Mon, Nov 23, 2026 at 10:02 AM MyHibachi Bookings <
hello@myhibachi.com> wrote:

> Which date?
"""

BOTTOM_POSTED = """On Mon, Nov 23, 2026, MyHibachi wrote:
> Which date would you like?

December 5th, in 90012.
"""

INLINE = """> How many guests?
20 adults and 3 kids.
> Which zip code?
90012
"""

OUTLOOK = """Can we add lobster?

________________________________
From: MyHibachi <hello@myhibachi.com>
Sent: Monday, November 23, 2026 10:02 AM
To: Jane <jane@example.com>
Subject: RE: Party

Your quote is $1,100.
"""

OUTLOOK_HEADERS_ONLY = """Can we add lobster?

From: MyHibachi <hello@myhibachi.com>
Sent: Monday, November 23, 2026 10:02 AM
Your quote is $1,100.
"""

ORIGINAL_MESSAGE = """Thanks!
-----Original Message-----
Your quote is $1,100.
"""

SIGNATURE = """See you on the 5th.

--
Jane Doe
555-0142
"""

MOBILE = """Perfect, thank you\r\n\r\nSent from my iPhone\r\n\r\n> On Nov 23 wrote:\r\n"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GMAIL_TOP_POSTED, "Sounds good, make it 25 adults please."),
        (WRAPPED_ATTRIBUTION, "Yes, Dec 5 works."),
        (BOTTOM_POSTED, "December 5th, in 90012."),
        (INLINE, "20 adults and 3 kids.\n90012"),
        (OUTLOOK, "Can we add lobster?"),
        (OUTLOOK_HEADERS_ONLY, "Can we add lobster?"),
        (ORIGINAL_MESSAGE, "Thanks!"),
        (SIGNATURE, "See you on the 5th."),
        (MOBILE, "Perfect, thank you"),
        ("Just a question: do you bring the grill?", "Just a question: do you bring the grill?"),
        ("> only quoted\n> text", ""),
    ],
    ids=[
        "gmail",
        "wrapped-attribution",
        "bottom-posted",
        "inline",
        "outlook",
        "outlook-headers",
        "original-message",
        "signature",
        "mobile",
        "plain",
        "all-quoted",
    ],
)
def test_reply_text(text: str, expected: str) -> None:
    assert reply_text(text) == expected


def test_a_sentence_starting_with_on_is_kept() -> None:
    text = "On Saturday we'd like 20 people.\nIs that possible?"
    assert reply_text(text) == text


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: Hibachi party", "Hibachi party"),
        ("RE: Fwd: re:  Hibachi   party ", "Hibachi party"),
        ("[External] Re: [MyHibachi] Hibachi party", "Hibachi party"),
        ("Re[2]: AW: SV: Party", "Party"),
        ("Regarding the party", "Regarding the party"),
        ("", ""),
    ],
)
def test_normalise_subject(subject: str, expected: str) -> None:
    assert normalise_subject(subject) == expected


def test_html_body_without_quoted_history() -> None:
    html = (
        "<html><head><style>p{color:red}</style></head><body>"
        "<div>Hi,<br>can we book for <b>20</b> &amp; kids?</div>"
        '<div class="gmail_quote"><div>On Mon wrote:</div><blockquote>old <i>stuff</i></blockquote>'
        "</div><blockquote>more old</blockquote><p>Thanks!</p></body></html>"
    )
    assert html_to_text(html) == "Hi,\ncan we book for 20 & kids?\n\nThanks!"
