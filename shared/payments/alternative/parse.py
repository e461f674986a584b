"""Read a pasted payment-notification email: who paid, how much, memo and date (pure).

Banks and apps word these a few ways ("You received $100.00 from JO HOST", "Jo Host paid
you $100.00", "JO HOST sent you $100.00", or labelled Amount:/From: fields); the patterns
below are tried in order and the first that finds an amount wins. HTML is stripped first.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

Provider = Literal["zelle", "venmo", "cash_app", "paypal", "unknown"]

_PROVIDERS: tuple[tuple[Provider, str], ...] = (
    ("zelle", r"\bzelle"),
    ("venmo", r"\bvenmo"),
    ("cash_app", r"\bcash\s?app\b"),
    ("paypal", r"\bpaypal\b"),
)
_MONEY = r"\$\s?(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)"
_NAME = r"(?P<payer>[A-Za-z][A-Za-z.'\-]*(?:[ \t]+[A-Za-z][A-Za-z.'\-]*){0,4})"
_END = r"(?=\s+(?:on|via|with|for|through|and|to)\b|\s*[\n.,;!(-]|\s*$)"
_AMOUNT_AND_PAYER = (
    re.compile(rf"\b{_NAME}\s+(?:paid|sent)\s+you\s*(?:money\s*)?[:-]?\s*{_MONEY}", re.I),
    re.compile(rf"\byou(?:'ve| have)?\s+received\s+{_MONEY}\s+from\s+{_NAME}{_END}", re.I),
    re.compile(
        rf"\b{_MONEY}\s+(?:was\s+)?(?:sent|paid)\s+(?:to\s+you\s+)?by\s+{_NAME}{_END}", re.I
    ),
)
_LABELLED_AMOUNT = re.compile(rf"\b(?:amount|payment amount)\s*:?\s*{_MONEY}", re.I)
_LABELLED_PAYER = re.compile(rf"^\s*(?:from|sender|sent by|payer)\s*:\s*{_NAME}\s*$", re.I | re.M)
_MEMO = (
    re.compile(r"\b(?:memo|note|message)\s*[:-]\s*(?P<memo>[^\n]+)", re.I),
    re.compile(r"\$[\d,]+(?:\.\d{2})?\s+for\s+(?P<q>[\"'])(?P<memo>.+?)(?P=q)", re.I),
)
_DATE = re.compile(
    r"\b(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\b",
    re.I,
)
_DATE_FORMATS = ("%b %d %Y", "%B %d %Y", "%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d")
# Non-breaking spaces, dashes and curly quotes as their plain forms.
_PLAIN = str.maketrans(
    {"\u00a0": " ", "\u2013": "-", "\u2014": "-", "\u201c": '"', "\u201d": '"', "\u2019": "'"}
)
_BOOKING_ID = re.compile(r"\bbk_[0-9a-z]{6,40}\b", re.I)


class PaymentNotice(BaseModel):
    provider: Provider
    payer: str | None = Field(description="Payer's name as the email gives it")
    amount_cents: int | None
    memo: str | None = None
    paid_on: date | None = None
    booking_ids: list[str] = Field(default_factory=list, description="Booking ids in the text")


def plain_text(text: str) -> str:
    """HTML (or text) -> plain lines with single spaces."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"(?i)<br\s*/?>|</(p|div|tr|li|h\d)>", "\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).translate(_PLAIN)
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def cents(amount: str) -> int:
    return int(Decimal(amount.replace(",", "")) * 100)


def _paid_on(text: str) -> date | None:
    for match in _DATE.finditer(text):
        raw = re.sub(r"[.,]", "", match["date"]).replace("Sept", "Sep")
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
    return None


def _name(raw: str) -> str:
    return raw.strip(" .'-")  # "MARIA LOPEZ." ends a sentence, not the name


def _amount_and_payer(text: str) -> tuple[int | None, str | None]:
    for pattern in _AMOUNT_AND_PAYER:
        found = pattern.search(text)
        if found:
            return cents(found["amount"]), _name(found["payer"])
    amount = _LABELLED_AMOUNT.search(text)
    payer = _LABELLED_PAYER.search(text)
    return (
        cents(amount["amount"]) if amount else None,
        _name(payer["payer"]) if payer else None,
    )


def parse(text: str) -> PaymentNotice:
    plain = plain_text(text)
    provider: Provider = next(
        (name for name, pattern in _PROVIDERS if re.search(pattern, plain, re.I)), "unknown"
    )
    amount, payer = _amount_and_payer(plain)
    memo = next((m["memo"].strip() for p in _MEMO if (m := p.search(plain))), None)
    ids = list(dict.fromkeys(i.lower() for i in _BOOKING_ID.findall(plain)))
    return PaymentNotice(
        provider=provider,
        payer=payer,
        amount_cents=amount,
        memo=memo,
        paid_on=_paid_on(plain),
        booking_ids=ids,
    )
