"""Offline understanding: one message's `Extraction`, read against the dialogue state, as
commands. A bare "20" or "yes" means what the last reply asked; a value that differs from
what we hold is a correction; what extraction was unsure of becomes a question.

This module only translates; flows (shared.ai.flows) decide what to do with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from shared.ai import commands as c
from shared.ai.understanding import intents
from shared.conversation.state import DialogueState

_COUNT_SLOTS = ("adults", "children", "toddlers")
_QUESTION_AGENTS = ("knowledge", "allergen", "menu")
_SMALLTALK_WORDS = 5
_SWITCH_WORDS = 8
_QUESTION_WORDS = 2
_INFORMATIONAL = {"proteins", "addons", "occasion", "dietary"}


def _new(found: Any, name: str, default: Any) -> Any:
    """A field from CONTRACTS.md §1 (older extraction builds may not carry it yet)."""
    return getattr(found, name, default)


def _counts(found: Any, state: DialogueState) -> dict[str, int]:
    """Head counts the message states, by kind."""
    counts: dict[str, int] = {}
    kids = (found.children or 0) + (found.toddlers or 0)
    adults = found.adults
    if adults is None and found.guests is not None:
        adults = found.guests - kids if found.guests > kids and kids else found.guests
        if not kids:  # "we're 15 people now": the whole party, nobody else
            counts |= {"children": 0, "toddlers": 0} if state.has("adults") else {}
    if adults is None and found.bare_number is not None:
        asked = state.asked or ("adults" if not state.has("adults") else None)
        # After a quote or a summary a lone number revises the head count.
        revising = asked in ("offer_availability", "confirm_hold")
        if asked in ("adults", "guests") or revising or _new(found, "correction", False):
            adults = found.bare_number
        elif asked in ("children", "toddlers"):
            counts[asked] = found.bare_number
    if adults is not None:
        counts["adults"] = adults
    if found.children is not None:
        counts["children"] = found.children
    if found.toddlers is not None:
        counts["toddlers"] = found.toddlers
    return counts


def _slot_values(found: Any, state: DialogueState, text: str, today: date) -> dict[str, Any]:
    values: dict[str, Any] = dict(_counts(found, state))
    ages = _new(found, "children_ages", ())
    if ages:
        values["children_ages"] = list(ages)
    if found.event_date is not None:
        values["event_date"] = found.event_date.isoformat()
    if found.start_time is not None:
        values["start_time"] = found.start_time.strftime("%H:%M")
    for name in ("zipcode", "address", "name", "phone", "email"):
        if getattr(found, name) is not None:
            values[name] = getattr(found, name)
    occasion = _new(found, "occasion", None)
    if occasion:
        values["occasion"] = occasion
    if found.proteins and (proteins := _shared_out(found, values, state)):
        values["proteins"] = proteins
    third = _new(found, "third_protein_portions", None)
    if third is not None:
        values["third_protein_portions"] = third
    elif _new(found, "third_protein_for_all", False):
        values["third_protein_portions"] = None  # one per guest
    if found.addons:
        values["addons"] = sorted(found.addons)
    diet = sorted(set(found.allergens) | set(found.dietary))
    if diet:
        values["dietary"] = diet
    _read_against_offer(values, state, text)
    booked = state.booking
    if booked and booked.event_date and "event_date" not in values:
        moved = intents.shifted(text, booked.event_date)
        if moved is not None and moved >= today:
            values["event_date"] = moved.isoformat()
    return values


def _party_size(values: dict[str, Any], state: DialogueState) -> int | None:
    adults = values.get("adults", state.get("adults"))
    if adults is None:
        return None
    kids = (values.get(k, state.get(k)) or 0 for k in ("children", "toddlers"))
    return int(adults) + sum(int(n) for n in kids)


def _shared_out(found: Any, values: dict[str, Any], state: DialogueState) -> dict[str, Any]:
    """The message's protein portions, with shares of the party made counts when its size
    is known: "half" is half the guests (an odd party: dropped, to be asked), "the rest"
    the guests no other protein counts. Unknown size: None (the quote's policy decides)."""
    proteins: dict[str, Any] = dict(found.proteins)
    shares: Mapping[str, str] = _new(found, "protein_shares", {})
    guests = _party_size(values, state)
    if not shares or guests is None:
        return proteins
    for key in [k for k, share in shares.items() if share == "half"]:
        proteins[key] = guests // 2
        if guests % 2:
            del proteins[key]
    earlier = {k: v for k, v in (state.get("proteins") or {}).items() if v is not None}
    counted = {**earlier, **proteins}
    taken = sum(int(v) for k, v in counted.items() if v is not None and shares.get(k) != "rest")
    for key in [k for k, share in shares.items() if share == "rest"]:
        proteins[key] = max(guests - taken, 0)
    return proteins


def _unsplit_halves(found: Any, values: dict[str, Any]) -> bool:
    """A "half" share the party's size could not make a count of (the engine asks)."""
    shares: Mapping[str, str] = _new(found, "protein_shares", {})
    chosen = values.get("proteins", {})
    return any(share == "half" and chosen.get(key) is None for key, share in shares.items())


def _read_against_offer(values: dict[str, Any], state: DialogueState, text: str) -> None:
    """'Tuesday works then, same time' after we offered Tuesday, December 1: that Tuesday,
    at the time the customer asked for before."""
    offered = state.pending.get("offered") or []
    days = sorted({o["event_date"] for o in offered})
    asked = values.get("event_date")
    if asked and days and asked not in days:
        weekday = date.fromisoformat(asked).weekday()
        same = [d for d in days if date.fromisoformat(d).weekday() == weekday]
        if same:
            values["event_date"] = same[0]
    refused = state.pending.get("refused_time")
    if refused and "start_time" not in values and intents.SAME_TIME.search(text):
        values["start_time"] = refused


def _slot_commands(found: Any, values: dict[str, Any], state: DialogueState) -> list[c.Command]:
    correcting = bool(_new(found, "correction", False))
    out: list[c.Command] = []
    for slot, value in values.items():
        held = state.slots.get(slot)
        if held is not None and (correcting or held.value != value) and slot not in ("dietary",):
            out.append(c.CorrectSlot(slot=slot, value=value))  # type: ignore[arg-type]
        else:
            out.append(c.SetSlot(slot=slot, value=value))  # type: ignore[arg-type]
    for key in sorted(_new(found, "removed_proteins", frozenset())):
        out.append(c.ClearSlot(slot="proteins", item=key))
    for key in sorted(_new(found, "removed_addons", frozenset())):
        out.append(c.ClearSlot(slot="addons", item=key))
    return out


def _clarifications(found: Any) -> list[c.Command]:
    out: list[c.Command] = [
        c.Clarify(slot="proteins", about=word) for word in found.ambiguous_proteins
    ]
    out += [c.Clarify(slot=field) for field in _new(found, "unsure", ())]
    return out


def _counted(found: Any) -> bool:
    """Portions given for a protein ("lobster for 5 of us") order it; a bare name asks."""
    return any(v is not None for v in found.proteins.values())


def _flow(
    text: str, found: Any, values: dict[str, Any], state: DialogueState, agent: str
) -> str | None:
    """The flow the message asks for, if any (most specific request first)."""
    if intents.CANCEL.search(text) and not intents.CANCEL_POLICY.search(text):
        return "cancel"
    if intents.RESCHEDULE.search(text) or (
        state.booking and state.flow != "book" and intents.mentions_shift(text)
    ):
        return "reschedule"
    booked = state.booking is not None and state.booking.status in ("held", "confirmed")
    moving = {"event_date", "start_time"} & values.keys()
    if (
        booked
        and moving
        and state.flow != "reschedule"
        and not intents.ANOTHER_BOOKING.search(text)
    ):
        return "reschedule"  # a new day or time for the party already booked here
    if intents.STATUS.search(text):
        return "booking_status"
    if intents.PAYMENT.search(text) and not values.get("adults"):
        return "payment"
    if intents.AVAILABILITY.search(text):
        return "availability"
    if intents.BOOK.search(text):
        return "book"
    priced = intents.UPGRADE_PRICE.search(text) or intents.PRICE.search(text)
    party = {"adults", "event_date", "zipcode"} & values.keys()
    if priced and (found.proteins or found.addons) and not party and not _counted(found):
        return "menu_price"
    if intents.TRAVEL.search(text) and not ({"adults", "event_date"} & values.keys()):
        return "travel"
    if agent == "distance" and "zipcode" in values and len(values) == 1 and not state.flow:
        return "travel"
    if "start_time" in values and state.flow is None and not intents.PRICE.search(text):
        return "availability"  # a time asked for is checked first, then booked
    if priced or (party and state.flow is None):
        return "quote"  # details given mid-flow feed that flow instead
    if ("start_time" in values or {"name", "phone", "email", "address"} & values.keys()) and (
        state.flow is None
    ):
        return "book"
    return None


def understand(
    text: str, found: Any, state: DialogueState, *, agent: str, today: date
) -> list[c.Command]:
    """Commands for one customer message (`found` is its Extraction)."""
    out: list[c.Command] = []
    language = _new(found, "language", "en")
    # Names, addresses and "ok" read as English; leaving Spanish takes a real sentence.
    leaving = len(text.split()) > _SWITCH_WORDS and bool(_new(found, "question", False))
    if language != state.language and (language == "es" or leaving):
        out.append(c.SetLanguage(language=language))
    values = _slot_values(found, state, text, today)
    flow = _flow(text, found, values, state, agent)
    asks = bool(_new(found, "question", "?" in text))
    answered = found.yes or found.no
    if flow is None and not values and not answered:
        kind = _new(found, "smalltalk", None)
        if kind and (_smalltalk_only(found, text) or (not asks and agent not in _QUESTION_AGENTS)):
            return [*out, c.SmallTalk(kind=kind)]
        if agent == "care" and not asks:
            return [*out, c.Handoff(reason=f"complaint: {text[:200]}")]
    priced = intents.PRICE.search(text) or intents.UPGRADE_PRICE.search(text)
    informational = flow is None and values.keys() <= _INFORMATIONAL
    advice = agent in _QUESTION_AGENTS or intents.ADVICE.search(text)
    side = flow == "quote" and bool(advice) and not priced
    if asks and (informational or side):
        # "which is better, filet or NY strip?" asks about the menu; it orders nothing.
        values = {k: v for k, v in values.items() if k not in ("proteins", "addons")}
    out += _slot_commands(found, values, state)
    out += _clarifications(found)
    if _unsplit_halves(found, values) and "proteins" not in _new(found, "unsure", ()):
        out.append(c.Clarify(slot="proteins"))
    if found.yes:
        out.append(c.Confirm())
    elif found.no:
        out.append(c.Deny())
    booked = state.booking is not None and state.booking.status in ("held", "confirmed")
    if flow == "book" and booked and not intents.ANOTHER_BOOKING.search(text):
        flow = "booking_status" if not values else None  # one held booking per thread
    if flow is not None:
        out.append(c.StartFlow(flow=flow))  # type: ignore[arg-type]
    # "what?" or "huh" alone is not a question we can look up: the flow asks again.
    wants_answer = (asks or agent in _QUESTION_AGENTS or found.allergens or found.dietary) and (
        len(text.split()) >= _QUESTION_WORDS
    )
    if (asks and (informational or side)) or (
        flow is None and not values and not answered and wants_answer
    ):
        out.append(c.Knowledge(query=text[:300]))
    elif values or flow is not None or answered:
        aside = intents.side_question(text)
        if aside is not None:  # answered too, then the flow carries on
            out.append(c.Knowledge(query=aside[:300]))
    return out


def _smalltalk_only(found: Any, text: str) -> bool:
    """'hello again', 'hi there, you there?': small talk, whatever the router thinks."""
    return bool(_new(found, "smalltalk", None)) and len(text.split()) <= _SMALLTALK_WORDS
