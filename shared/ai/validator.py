"""Checks every outgoing AI reply before a customer sees it.

- Price grounding by role (see `grounding`): each money amount must equal an amount a tool
  produced in this thread or one in the price book *for the same thing* ("$10 a head" needs
  a $10 per-guest price, not the $10 third protein); anything else is blocked (the caller
  regenerates once, then sends a safe holding reply and escalates).
- Booking claims: "held/reserved/booked" needs a successful hold in the thread; "confirmed/
  paid" needs a booking status that says so.
- Allergen replies carry the cross-contact disclaimer (appended when missing).
- No other customer's data: booking ids, emails and phone numbers must be this customer's.
- Channel length: replies over the channel's limit are sent back to be shortened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shared.ai.grounding import (
    DESCRIBED,
    Amounts,
    Mention,
    book_amounts,
    grounds,
    mentions,
    tool_amounts,
)

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

_FREE_CLAIM = re.compile(
    r"\bfree\s+(?:of charge|delivery|upgrades?|party|dinner|lobster|filet)\b"
    r"|\b(?:upgrades?|lobster|filet|the party|dinner)\s+(?:is|are)\s+free\b",
    re.I,
)
# Free travel is true when a tool priced this address's travel at $0.
_FREE_TRAVEL = re.compile(
    r"\bfree\s+travel\b|\btravel\s+(?:is|will be|would be)\s+(?:free|on us)\b"
    r"|\bviaje\s+(?:es\s+)?gratis\b",
    re.I,
)
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

    amounts_cents: Amounts = field(default_factory=Amounts)
    held_booking_ids: set[str] = field(default_factory=set)
    confirmed_booking_ids: set[str] = field(default_factory=set)
    own_booking_ids: set[str] = field(default_factory=set)
    own_contacts: set[str] = field(default_factory=set)

    def absorb(self, tool: str, result: dict[str, Any]) -> None:
        """Fold one tool result in (errors establish nothing, except the protein costs the
        tool could price beside the names it could not)."""
        if "error" in result and tool != "calculate_protein_costs":
            return
        for cents, role in tool_amounts(tool, result):
            self.amounts_cents.tag(cents, role)
        booking_id = result.get("booking_id")
        if isinstance(booking_id, str):
            self.own_booking_ids.add(booking_id)
            if tool == "create_booking_hold":
                self.held_booking_ids.add(booking_id)
            if result.get("status") == "confirmed" or result.get("deposit_paid") is True:
                self.confirmed_booking_ids.add(booking_id)


_BOOK_AMOUNTS: dict[str, Amounts] = {}  # per version: published versions never change


def price_book_amounts(book: Any) -> Amounts:
    """Every cents figure the price book publishes, each with its role (unit prices,
    upgrades, add-ons, minimum, deposit, per-mile rate), and its item names. Read-only."""
    if book.version not in _BOOK_AMOUNTS:
        _BOOK_AMOUNTS[book.version] = book_amounts(book)
    return _BOOK_AMOUNTS[book.version]


def money_in(text: str) -> list[int]:
    """Money amounts a reply states, in cents ("$1,100", "$55.00", "10 dollars", "ten bucks")."""
    return [m.cents for m in mentions(text)]


def ungrounded(text: str, evidence: Evidence, book: set[int]) -> list[Mention]:
    """The amounts in `text` that no tool result or price-book entry proves, role included."""
    names = book.names if isinstance(book, Amounts) else {}
    return [
        m
        for m in mentions(text, names)
        if not any(grounds(a, m.cents, m.reading) for a in (evidence.amounts_cents, book))
    ]


def _shown(mention: Mention) -> str:
    amount = f"${mention.cents / 100:,.2f}"
    return f"{amount} as {DESCRIBED[mention.reading]}" if mention.reading else amount


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
    unproven = ungrounded(text, evidence, book_amounts)
    if unproven:
        shown = ", ".join(dict.fromkeys(_shown(m) for m in unproven))
        problems.append(
            Problem("ungrounded_price", f"amounts no tool produced for what they describe: {shown}")
        )
    free_travel = _FREE_TRAVEL.search(text) and not evidence.amounts_cents.grounds(0, "travel")
    if _FREE_CLAIM.search(text) or free_travel:
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
