"""Checks every outgoing AI reply before a customer sees it.

- Price grounding: each money amount must equal an amount a tool produced in this thread
  or one in the price book; anything else is blocked (the caller regenerates once, then
  sends a safe holding reply and escalates).
- Booking claims: "held/reserved/booked" needs a successful hold in the thread; "confirmed/
  paid" needs a booking status that says so.
- Allergen replies carry the cross-contact disclaimer (appended when missing).
- No other customer's data: booking ids, emails and phone numbers must be this customer's.
- Channel length: replies over the channel's limit are sent back to be shortened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ALLERGEN_DISCLAIMER = (
    "Please note: everything is cooked on one shared grill, so cross-contact with allergens "
    "is possible and we cannot guarantee any dish is allergen-free."
)
CHANNEL_LIMITS = {
    "sms": 306,
    "whatsapp": 1000,
    "messenger": 1000,
    "instagram": 1000,
    "web": 1500,
    "email": 4000,
    "voice": 600,
}

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
_MONEY = [
    re.compile(r"\$\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?(\s?k\b)?", re.I),
    re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?\s?(?:usd|dollars?|bucks)\b", re.I),
    re.compile(r"\busd\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?", re.I),
]
_WORD_MONEY = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\s+(?:dollars?|bucks)\b", re.I)
_FREE_CLAIM = re.compile(r"\bfree\s+(?:travel|of charge|delivery|upgrade|party|dinner)\b", re.I)
_HOLD_CLAIM = re.compile(
    r"\b(?:(?:you(?:'re| are)|it(?:'s| is)|(?:your\s+)?(?:booking|party|date|time|spot)\s+"
    r"(?:is|has been))\s+(?:now\s+)?(?:all\s+)?(?:booked|reserved|held|on hold|locked in|set))"
    r"|\b(?:i(?:'ve| have)|we(?:'ve| have))\s+(?:booked|reserved|held)\b",
    re.I,
)
_CONFIRMED_CLAIM = re.compile(
    r"\b(?:(?:booking|party|reservation|event)\s+(?:is|has been)\s+confirmed"
    r"|you(?:'re| are)\s+confirmed"
    r"|(?:deposit|payment)\s+(?:is|has been|was)\s+(?:paid|received|processed))\b",
    re.I,
)
_CONDITIONAL = re.compile(r"\b(once|when|after|if|as soon as|until|before|unless)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ALLERGEN_WORDS = re.compile(
    r"\b(allerg\w*|gluten|celiac|peanut|nut|nuts|shellfish|dairy|lactose|sesame|soy|egg|eggs)\b",
    re.I,
)
_BOOKING_ID = re.compile(r"\bbk_[0-9a-z]{10,}\b")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<!\w)\+?1?[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b")


@dataclass(frozen=True)
class Problem:
    code: str
    detail: str


@dataclass
class Evidence:
    """What this thread's tools have established, for grounding the reply."""

    amounts_cents: set[int] = field(default_factory=set)
    held_booking_ids: set[str] = field(default_factory=set)
    confirmed_booking_ids: set[str] = field(default_factory=set)
    own_booking_ids: set[str] = field(default_factory=set)
    own_contacts: set[str] = field(default_factory=set)

    def absorb(self, tool: str, result: dict[str, Any]) -> None:
        """Fold one tool result in (errors establish nothing)."""
        if "error" in result and tool != "calculate_protein_costs":
            return
        self.amounts_cents |= set(_cents_in(result))
        booking_id = result.get("booking_id")
        if isinstance(booking_id, str):
            self.own_booking_ids.add(booking_id)
            if tool == "create_booking_hold":
                self.held_booking_ids.add(booking_id)
            if result.get("status") == "confirmed" or result.get("deposit_paid") is True:
                self.confirmed_booking_ids.add(booking_id)


def _cents_in(value: Any, key: str = "") -> Iterable[int]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _cents_in(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _cents_in(v, key)
    elif isinstance(value, int) and not isinstance(value, bool) and _is_cents_key(key):
        yield value


def _is_cents_key(key: str) -> bool:
    """`total_cents`, an add-on's `cents`, the travel policy's `cents_per_mile`."""
    return key == "cents" or key.endswith("_cents") or key.startswith("cents_")


def price_book_amounts(book: Any) -> set[int]:
    """Every cents figure the price book publishes (unit prices, minimum, deposit...)."""
    return set(_cents_in(book.model_dump(mode="python")))


def money_in(text: str) -> list[int]:
    """Money amounts a reply states, in cents ("$1,100", "$55.00", "10 dollars", "ten bucks")."""
    found: list[int] = []
    for pattern in _MONEY:
        for m in pattern.finditer(text):
            whole = Decimal(m.group(1).replace(",", ""))
            cents = Decimal(m.group(2) or "0")
            amount = (whole + cents) * 100
            if len(m.groups()) > 2 and m.group(3):
                amount *= 1000
            found.append(int(amount))
    found += [_WORD_NUMBERS[m.group(1).lower()] * 100 for m in _WORD_MONEY.finditer(text)]
    return found


def _claims(pattern: re.Pattern[str], text: str) -> bool:
    """A sentence asserting it; "once the deposit is paid, ..." explains, it does not claim."""
    for sentence in _SENTENCE.split(text):
        match = pattern.search(sentence)
        if match and not _CONDITIONAL.search(sentence[: match.start()]):
            return True
    return False


@dataclass(frozen=True)
class Verdict:
    text: str
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(
    text: str,
    *,
    evidence: Evidence,
    book_amounts: set[int],
    channel: str,
    agent: str,
) -> Verdict:
    problems: list[Problem] = []
    allowed = evidence.amounts_cents | book_amounts
    ungrounded = sorted({a for a in money_in(text) if a not in allowed})
    if ungrounded:
        shown = ", ".join(f"${a / 100:,.2f}" for a in ungrounded)
        problems.append(Problem("ungrounded_price", f"amounts not produced by a tool: {shown}"))
    if _FREE_CLAIM.search(text):
        problems.append(Problem("ungrounded_price", "promises something free that no tool gave"))
    if _claims(_HOLD_CLAIM, text) and not evidence.held_booking_ids:
        problems.append(Problem("false_booking_claim", "claims a hold/booking without one"))
    if _claims(_CONFIRMED_CLAIM, text) and not evidence.confirmed_booking_ids:
        problems.append(Problem("false_booking_claim", "claims confirmation/payment unproven"))
    foreign = set(_BOOKING_ID.findall(text)) - evidence.own_booking_ids
    contacts = {c.lower() for c in _EMAIL.findall(text)} | {
        re.sub(r"\D", "", p)[-10:] for p in _PHONE.findall(text)
    }
    own = {c.lower() for c in evidence.own_contacts} | {
        re.sub(r"\D", "", c)[-10:] for c in evidence.own_contacts
    }
    if foreign or (contacts - own):
        problems.append(Problem("foreign_data", "mentions another customer's booking or contact"))
    limit = CHANNEL_LIMITS.get(channel, 1500)
    fixed = text
    if (agent == "allergen" or _ALLERGEN_WORDS.search(text)) and "cross-contact" not in text:
        fixed = f"{text.rstrip()}\n\n{ALLERGEN_DISCLAIMER}"
    if len(fixed) > limit:
        problems.append(Problem("too_long", f"{len(fixed)} characters; {channel} allows {limit}"))
    return Verdict(fixed, tuple(problems))
