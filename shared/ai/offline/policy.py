"""The offline dialogue policy: which tool to call next, or what to say.

Stateless by design: the slots come from every customer message in the conversation and
the facts from this turn's tool results, so the same conversation always gets the same
answer. It emits the tool calls an LLM would, and escalates what it cannot handle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shared.ai.offline import templates

_STATUS = re.compile(r"\b(status|my booking|my reservation|booking id|bk_[0-9a-z]+)\b", re.I)
_BOOKING_ID = re.compile(r"\bbk_[0-9a-z]{10,}\b")
_AVAILABILITY = re.compile(
    r"\b(what times?|which times?|available|availability|open (?:slots?|times?)|free (?:slots?|"
    r"times?)|times? (?:are|is) (?:free|open|available)|are you free|when can)\b",
    re.I,
)
_OFFERED_TIMES = "check which start times are free"
_CHANGE = re.compile(
    r"\b(cancel|reschedul\w*|change (?:the )?(?:date|time)|move (?:my|the))\b", re.I
)


@dataclass
class Slots:
    """What the customer has told us so far (later messages override earlier ones)."""

    adults: int | None = None
    children: int = 0
    toddlers: int = 0
    event_date: date | None = None
    start_time: str | None = None
    zipcode: str | None = None
    proteins: dict[str, int | None] = field(default_factory=dict)
    third_proteins: int = 0
    addons: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    dietary: list[str] = field(default_factory=list)

    @property
    def guests(self) -> int | None:
        return None if self.adults is None else self.adults + self.children + self.toddlers

    def protein_portions(self) -> dict[str, int]:
        """Mentioned without a count means one portion per guest."""
        guests = self.guests or 0
        return {k: (v if v is not None else guests) for k, v in self.proteins.items()}


@dataclass(frozen=True)
class Call:
    tool: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Say:
    text: str


Action = Call | Say


def _quote_args(s: Slots) -> dict[str, Any]:
    assert s.adults is not None and s.event_date and s.zipcode
    return {
        "adults": s.adults,
        "children": s.children,
        "toddlers": s.toddlers,
        "protein_selections": s.protein_portions(),
        "third_protein_portions": s.third_proteins,
        "addons": s.addons,
        "customer_zipcode": s.zipcode,
        "event_date": s.event_date.isoformat(),
    }


def _ask_missing(s: Slots) -> Say:
    if s.adults is None:
        return Say(templates.ASK["guests"])
    if s.event_date is None and s.zipcode is None:
        return Say(templates.ASK["date_zip"])
    if s.event_date is None:
        return Say(templates.ASK["date"])
    return Say(templates.ASK["zip"])


def _ready_to_quote(s: Slots) -> bool:
    return s.adults is not None and s.event_date is not None and s.zipcode is not None


def decide(
    agent: str,
    s: Slots,
    text: str,
    results: list[tuple[str, dict[str, Any]]],
    tools: set[str],
    *,
    said_yes: bool = False,
    previous_reply: str = "",
) -> Action:
    """The next step for `agent` given the slots and this turn's tool results so far."""
    if results:
        return _after_tools(agent, s, results, tools)
    wants_times = _AVAILABILITY.search(text) or (said_yes and _OFFERED_TIMES in previous_reply)
    if wants_times and agent in ("lead", "operations") and "check_availability" in tools:
        return _operations(s, text, tools) if _ready_to_quote(s) else _ask_missing(s)
    if agent == "care":
        return Call("escalate_to_human", {"reason": f"complaint: {text[:200]}", "priority": "high"})
    if agent in ("knowledge", "allergen") or (agent == "menu" and not s.proteins):
        return Call("search_knowledge", {"query": text[:300]})
    if agent == "menu":
        return Call(
            "calculate_protein_costs",
            {
                "protein_selections": s.protein_portions(),
                "third_protein_portions": s.third_proteins,
            },
        )
    if agent == "distance":
        return (
            Call("calculate_travel_fee", {"customer_zipcode": s.zipcode})
            if s.zipcode
            else Say(templates.ASK["zip"])
        )
    if agent == "operations":
        return _operations(s, text, tools)
    # lead (and anything unexpected): price it once we know enough.
    if s.ambiguous:
        return Say(_ambiguous_question(s.ambiguous))
    return Call("calculate_party_quote", _quote_args(s)) if _ready_to_quote(s) else _ask_missing(s)


def _operations(s: Slots, text: str, tools: set[str]) -> Action:
    booking = _BOOKING_ID.search(text)
    if booking or (_STATUS.search(text) and not _ready_to_quote(s)):
        if booking:
            return Call("get_booking_status", {"booking_id": booking.group(0)})
        return Say("Sure! What's your booking id? It starts with bk_ and is in your confirmation.")
    if _CHANGE.search(text):
        return Say(
            "You can cancel or reschedule from the link in your confirmation. The "
            "deposit is refundable up to 7 days before the event. Want a team member "
            "to help instead?"
        )
    if not _ready_to_quote(s):
        return _ask_missing(s)
    if s.start_time is None:
        return Call(
            "check_availability",
            {
                "event_date": s.event_date.isoformat() if s.event_date else None,
                "guests": s.guests,
                "customer_zipcode": s.zipcode,
            },
        )
    if not (s.name and (s.phone or s.email) and s.address):
        return Say(templates.ASK["contact"])
    return Call(
        "create_booking_hold",
        _quote_args(s)
        | {
            "start_time": s.start_time,
            "name": s.name,
            "phone": s.phone,
            "email": s.email,
            "address": s.address,
            "dietary_notes": ", ".join(s.dietary) or None,
        },
    )


def _ambiguous_question(names: list[str]) -> str:
    return (
        f'Quick check on "{names[0]}": did you mean NY strip steak (included) or filet '
        "mignon (a premium upgrade)?"
    )


def _after_tools(
    agent: str, s: Slots, results: list[tuple[str, dict[str, Any]]], tools: set[str]
) -> Action:
    name, result = results[-1]
    error = result.get("error")
    if name == "escalate_to_human":
        return Say(templates.escalated(result.get("reason", "")))
    if error:
        return _after_error(name, error, s)
    if name == "calculate_party_quote":
        return Say(templates.quote(result))
    if name == "check_availability":
        return Say(templates.availability(result))
    if name == "create_booking_hold":
        return Say(templates.hold(result))
    if name == "get_booking_status":
        return Say(templates.status(result))
    if name == "calculate_travel_fee":
        return Say(templates.travel(result))
    if name == "calculate_protein_costs":
        return Say(templates.proteins(result))
    answer = templates.knowledge(result)
    if answer is None:
        return Call(
            "escalate_to_human", {"reason": "no knowledge-base answer", "priority": "normal"}
        )
    return Say(answer)


_ESCALATE_CODES = {"outside_service_area", "custom_event", "tool_failed"}


def _after_error(tool: str, error: dict[str, Any], s: Slots) -> Action:
    code = error.get("code", "")
    if code in _ESCALATE_CODES:
        return Call("escalate_to_human", {"reason": code, "priority": "normal"})
    if code == "ambiguous_protein":
        return Say(_ambiguous_question(s.ambiguous or ["steak"]))
    if code == "slot_taken":
        times = [t["local_time"] for t in error.get("next_starts", [])][:5]
        alternatives = f" The next free starts are {', '.join(times)}." if times else ""
        return Say(f"Sorry, that time was just taken.{alternatives} Which works for you?")
    if code in (
        "too_soon",
        "too_far",
        "market_closed",
        "outside_hours",
        "off_grid",
        "no_chef_free",
    ):
        return Say(
            f"{error.get('message', 'That time is not available.')} Could you pick "
            "another date or time? We start every half hour from 11:00 to 20:30, "
            "Tuesday to Sunday."
        )
    fields = [f["field"] for f in error.get("fields") or error.get("errors") or []] or [code]
    return Say(f"I couldn't use that: please check the {', '.join(fields)}.")


def unsure(action: Action) -> bool:
    """Actions that mean "I could not understand or answer this" (an LLM may do better)."""
    if isinstance(action, Say):
        return action.text == templates.ASK["clarify"]
    return action.tool == "escalate_to_human" and action.arguments.get("reason") in (
        "no knowledge-base answer",
    )
