"""Replies in the house voice, built only from tool results (so every amount is grounded)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def usd(cents: int) -> str:
    return f"${cents / 100:,.2f}".replace(".00", "")


def _day(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%A, %B %-d")


def quote(result: dict[str, Any]) -> str:
    parts = [
        f"For {result['guests']} guests on {_day(result['event_date'])} your total is "
        f"{usd(result['total_cents'])}."
    ]
    if result["minimum_applied"]:
        parts.append(
            f"Parties have a {usd(result['party_minimum_cents'])} food minimum, so the "
            f"{usd(result['food_subtotal_cents'])} for your group is raised to "
            f"{usd(result['party_minimum_cents'])}."
        )
    if result["surcharge_cents"]:
        parts.append(
            f"That includes a {usd(result['surcharge_cents'])} {result['peak_day']} "
            "peak-date surcharge."
        )
    if result["travel_cents"]:
        parts.append(
            f"Travel is {usd(result['travel_cents'])} ({result['road_miles']} road miles)."
        )
    parts.append(
        f"A {usd(result['deposit_cents'])} deposit confirms your date; gratuity isn't "
        "included. Want me to check which start times are free?"
    )
    return " ".join(parts)


def availability(result: dict[str, Any]) -> str:
    times = result["start_times"]
    day = _day(result["event_date"])
    if not times:
        return f"Sorry, {day} is fully booked. Would another date work for you?"
    shown = ", ".join(times[:8]) + (" and more" if len(times) > 8 else "")
    return f"Great news: on {day} we can start at {shown}. Which time would you like?"


def hold(result: dict[str, Any]) -> str:
    start = datetime.fromisoformat(result["start"])
    return (
        f"Done! I've held {start.strftime('%A, %B %-d at %-I:%M %p')} for you for 30 minutes "
        f"(booking {result['booking_id']}). Pay the {usd(result['deposit_cents'])} deposit to "
        f"confirm it; your total is {usd(result['total_cents'])}."
        + (f" Pay here: {result['deposit_url']}" if result.get("deposit_url") else "")
    )


def status(result: dict[str, Any]) -> str:
    start = datetime.fromisoformat(result["start"])
    paid = "deposit paid" if result["deposit_paid"] else "deposit not paid yet"
    return (
        f"Your booking {result['booking_id']} for {start.strftime('%A, %B %-d at %-I:%M %p')}"
        f" is {result['status']} ({paid})."
    )


def travel(result: dict[str, Any]) -> str:
    if not result["travel_cents"]:
        return (
            f"Good news: you're {result['road_miles']} road miles from our {result['market']}"
            f" chefs, within the free {result['free_miles']} miles, so there's no travel fee."
        )
    return (
        f"You're {result['road_miles']} road miles from our {result['market']} chefs; the "
        f"first {result['free_miles']} are free, so travel is {result['travel_fee']}."
    )


def proteins(result: dict[str, Any]) -> str:
    if not result["lines"] and not result["third_protein_cents"]:
        return "Those proteins are all included, no upgrade charge."
    parts = [
        f"{line['portions']} x {line['protein']}: {usd(line['upgrade_cents'])}"
        for line in result["lines"]
        if line["upgrade_cents"]
    ]
    if result["third_protein_cents"]:
        parts.append(f"third proteins: {usd(result['third_protein_cents'])}")
    return f"Upgrades come to {usd(result['total_cents'])} ({'; '.join(parts)})."


def knowledge(result: dict[str, Any]) -> str | None:
    hits = result.get("results") or []
    if not hits:
        return None
    text = hits[0]["text"].split(": ", 1)[-1]
    sentences = [s.strip() for s in text.split(". ") if s.strip()]
    return ". ".join(sentences[:3]).rstrip(".") + "."


def escalated(reason: str) -> str:
    if reason.startswith("complaint") or reason.startswith("care"):
        return (
            "I'm really sorry this happened, and thank you for telling us. You shouldn't have "
            "had this experience, and we own it. I've passed this to our guest care team with "
            "high priority: a manager will contact you within one business day to make it right."
        )
    return (
        "I've passed this to our team and a person will get back to you shortly. Thanks for "
        "your patience!"
    )


ASK = {
    "guests": "Happy to help! How many guests will you have (adults and kids 6-12)?",
    "date_zip": "What date is the party, and what's the zip code of the address?",
    "date": "What date is the party?",
    "zip": "What's the zip code where the party will be?",
    "time": "What start time would you like?",
    "contact": "Lovely! To hold that time, could you send the host's name, a phone number or "
    "email, and the street address of the party?",
    "clarify": "Sorry, I didn't quite catch that. Could you tell me a bit more about what you "
    "need: a price, a date, or a question about our service?",
}
