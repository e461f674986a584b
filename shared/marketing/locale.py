"""Where a recipient may be, for quiet hours: from their event's zip code and their phone's
area code, else their market's zone (pure; local data only).

The customer record holds a phone and an email, and each booking its zip code and market.
Both clues count when present, and they may disagree (a Florida number at a Texas party):
the send must then be inside both places' windows. An area code that spans many zones
(toll-free, non-geographic) tells nothing. With no clue at all the recipient may be in any
zone the markets use, each with the strictest state window.
"""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

import phonenumbers
import zipcodes
from phonenumbers import geocoder
from phonenumbers import timezone as phone_zones

from shared.marketing.quiet_hours import Place

_MAX_PHONE_ZONES = 2  # more than this and the area code names no place
STATES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "District of Columbia": "DC",
    "Washington D.C.": "DC", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY",
    "Louisiana": "LA", "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA",
    "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS", "Missouri": "MO",
    "Montana": "MT", "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH",
    "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR",
    "Pennsylvania": "PA", "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD",
    "Tennessee": "TN", "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA",
    "Washington": "WA", "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY",
}  # fmt: skip


def from_zipcode(zipcode: str) -> Place | None:
    try:
        found = zipcodes.matching(zipcode)
    except (TypeError, ValueError):
        return None
    if not found or not found[0].get("timezone"):
        return None
    return Place(found[0].get("state") or None, ZoneInfo(found[0]["timezone"]))


def _state_of_description(description: str) -> str | None:
    """libphonenumber's geocoder says "Florida" or "Miami, FL"."""
    if "," in description:
        code = description.rsplit(",", 1)[1].strip()
        return code if code in STATES.values() else None
    return STATES.get(description.strip())


def from_phone(phone: str) -> list[Place]:
    try:
        number = phonenumbers.parse(phone, "US")
    except phonenumbers.NumberParseException:
        return []
    zones = phone_zones.time_zones_for_number(number)
    if not zones or len(zones) > _MAX_PHONE_ZONES or zones[0] == phone_zones.UNKNOWN_TIMEZONE:
        return []
    state = _state_of_description(geocoder.description_for_number(number, "en"))
    return [Place(state, ZoneInfo(z)) for z in zones]


def places_of(
    *, phone: str | None, zipcode: str | None, fallback_zones: Iterable[str]
) -> tuple[Place, ...]:
    """Every place the recipient may be in (never empty)."""
    places = [p for p in [from_zipcode(zipcode) if zipcode else None] if p is not None]
    places += from_phone(phone) if phone else []
    if places:
        return tuple(dict.fromkeys(places))
    return tuple(Place(None, ZoneInfo(z)) for z in dict.fromkeys(fallback_zones))
