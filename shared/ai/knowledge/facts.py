"""The numbers the knowledge documents quote, read from where the rules live.

Documents never spell out a price, the deposit, the hold length, the refund window or the
hours: they write `{deposit}`, `{refund_days}`, `{first_start}`... and `render` fills them
from the current price book and the booking rules whenever a document is read. So an owner
who publishes a new price book changes every answer at once, and every amount an answer
states is one the validator finds in the price book.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from shared.pricing.models import PriceBook

Language = Literal["en", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "es")

_WEEKDAYS: dict[Language, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
_WORDS: dict[Language, dict[str, str]] = {
    "en": {"to": "to", "and": "and", "hours": "hours", "hour": "hour", "none": "none"},
    "es": {"to": "a", "and": "y", "hours": "horas", "hour": "hora", "none": "ninguno"},
}
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class UnknownFact(ValueError):
    """A document names a placeholder no rule provides (a typo would otherwise ship)."""


def money(cents: int) -> str:
    """$100, $5, $12.50: whole dollars without cents, the way the validator reads them."""
    dollars, rest = divmod(cents, 100)
    return f"${dollars:,}" if rest == 0 else f"${dollars:,}.{rest:02d}"


def clock(wall: time, language: Language) -> str:
    """12-hour clock: "11 am", "8:30 pm" (Spanish "11 a. m.", "8:30 p. m.")."""
    hour = wall.hour % 12 or 12
    minutes = f":{wall.minute:02d}" if wall.minute else ""
    if language == "es":
        return f"{hour}{minutes} {'a. m.' if wall.hour < 12 else 'p. m.'}"
    return f"{hour}{minutes} {'am' if wall.hour < 12 else 'pm'}"


def _hours(length: timedelta, language: Language) -> str:
    value = length.total_seconds() / 3600
    shown = f"{value:g}" if language == "en" else f"{value:g}".replace(".", ",")
    return f"{shown} {_WORDS[language]['hour' if value == 1 else 'hours']}"


def _working_days(language: Language) -> tuple[str, str]:
    """("Tuesday to Sunday", "Monday"): the standard week's working and closed days."""
    from shared.booking.availability import DEFAULT_HOURS

    names = _WEEKDAYS[language]
    open_days = [i for i, hours in enumerate(DEFAULT_HOURS.days) if hours is not None]
    closed = [names[i] for i, hours in enumerate(DEFAULT_HOURS.days) if hours is None]
    if open_days == list(range(open_days[0], open_days[-1] + 1)):
        span = f"{names[open_days[0]]} {_WORDS[language]['to']} {names[open_days[-1]]}"
    else:
        span = _listing([names[i] for i in open_days], language)
    return span, _listing(closed, language) or _WORDS[language]["none"]


def _listing(items: list[str], language: Language) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_WORDS[language]['and']} {items[-1]}"


def _party_lengths(language: Language) -> dict[str, str]:
    """The event-length bands as the booking rules define them, e.g. up to 15 guests: 2 h."""
    from shared.booking.availability import MAX_GUESTS, chefs_needed, event_duration

    bands: list[tuple[int, int, timedelta, int]] = []
    for guests in range(1, MAX_GUESTS + 1):
        key = (event_duration(guests), chefs_needed(guests))
        if bands and (bands[-1][2], bands[-1][3]) == key:
            bands[-1] = (bands[-1][0], guests, *key)
        else:
            bands.append((guests, guests, *key))
    facts = {}
    for i, (low, high, length, chefs) in enumerate(bands[:3], start=1):
        facts[f"band{i}_from"] = str(low)
        facts[f"band{i}_to"] = str(high)
        facts[f"band{i}_length"] = _hours(length, language)
        facts[f"band{i}_chefs"] = str(chefs)
    return facts


def facts(book: PriceBook, language: Language = "en") -> dict[str, str]:
    """Every placeholder a document may use, rendered for `language`."""
    from shared.booking.availability import (
        FIRST_START,
        HORIZON_DAYS,
        LAST_START,
        LEAD_TIME,
        MAX_GUESTS,
    )
    from shared.booking.policy import HOLD_MINUTES
    from shared.pricing.price_book import default_markets

    days, closed = _working_days(language)
    included = [p.label for p in book.proteins.values() if p.upgrade_cents == 0]
    upgrades = [
        f"{p.label} (+{money(p.upgrade_cents)})" for p in book.proteins.values() if p.upgrade_cents
    ]
    addons = [f"{a.label} ({money(a.cents)})" for a in book.addons.values()]
    per_item = {f"upgrade_{key}": money(p.upgrade_cents) for key, p in book.proteins.items()} | {
        f"addon_{key}": money(a.cents) for key, a in book.addons.items()
    }
    return (
        per_item
        | {
            "deposit": money(book.deposit.cents),
            "refund_days": str(book.deposit.refundable_days_before),
            "hold_minutes": str(HOLD_MINUTES),
            "lead_hours": str(int(LEAD_TIME.total_seconds() // 3600)),
            "horizon_days": str(HORIZON_DAYS),
            "first_start": clock(FIRST_START, language),
            "last_start": clock(LAST_START, language),
            "working_days": days,
            "closed_days": closed,
            "adult_price": money(book.guests.adult_cents),
            "adult_min_age": str(book.guests.adult_min_age),
            "child_price": money(book.guests.child_cents),
            "child_min_age": str(book.guests.child_min_age),
            "child_max_age": str(book.guests.adult_min_age - 1),
            "toddler_max_age": str(book.guests.child_min_age - 1),
            "toddler_price": money(book.guests.toddler_cents),
            "party_minimum": money(book.party_minimum_cents),
            "max_guests": str(min(book.max_guests, MAX_GUESTS)),
            "proteins_per_guest": str(book.proteins_per_guest),
            "third_protein": money(book.third_protein_cents),
            "included_proteins": _listing(included, language),
            "upgrades": _listing(upgrades, language),
            "addons": _listing(addons, language),
            "free_miles": str(book.travel.free_miles),
            "per_mile": money(book.travel.cents_per_mile),
            "max_miles": str(book.travel.max_miles),
            "markets": _listing([m.name for m in default_markets()], language),
            "gratuity_min": str(book.gratuity.customary_min_pct),
            "gratuity_max": str(book.gratuity.customary_max_pct),
            "peak_surcharge": f"{book.peak.surcharge_bps / 100:g}",
            "peak_dates": _listing([d.name for d in book.peak.dates], language),
        }
        | _party_lengths(language)
    )


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def check(text: str, known: Mapping[str, str]) -> None:
    """Raise `UnknownFact` naming every placeholder in `text` that `known` lacks."""
    missing = sorted(placeholders(text) - set(known))
    if missing:
        raise UnknownFact(f"unknown placeholders: {', '.join('{' + m + '}' for m in missing)}")


def render(text: str, known: Mapping[str, str]) -> str:
    """`text` with each `{name}` replaced; unknown names stay as written (checked on save)."""
    return _PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), text)
