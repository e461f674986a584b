"""The vocabulary the case files are written in: a scripted customer, what a good LLM would
emit for each message, and the end state a good booking agent leaves behind.

Nothing here names a calendar date. Dates are `When` specs resolved against the test
platform's clock on the day the case runs (see `resolve_date`); message texts and expected
replies may embed them as `{date:SPEC}` (English), `{fecha:SPEC}` (Spanish) or
`{weekday:SPEC}` placeholders, and money as `{money:PATH}` (a price-book entry, e.g.
`deposit.cents`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

Json = Any
Command = Mapping[str, Json]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MESES = tuple(
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ]
)
DIAS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


@dataclass(frozen=True)
class When:
    """A date relative to the run day, as space-separated steps applied left to right:
    `+Nd` / `+Nw` add days / weeks; `sat` moves to the first Saturday on or after the
    date so far, `sat!` to the first one strictly after; `nextmonth:12` is the 12th of
    next month. "saturday three weeks from now" = `+3w sat`; "the Saturday after next" =
    `sat! +1w`; "in 3 weeks" = `+3w`."""

    spec: str


def resolve_date(spec: When | str, today: date) -> date:
    day = today
    for step in (spec.spec if isinstance(spec, When) else spec).split():
        if m := re.fullmatch(r"\+(\d+)([dw])", step):
            day += timedelta(days=int(m[1]) * (7 if m[2] == "w" else 1))
        elif m := re.fullmatch(r"(mon|tue|wed|thu|fri|sat|sun)(!?)", step):
            ahead = (WEEKDAYS.index(m[1]) - day.weekday()) % 7
            day += timedelta(days=ahead or (7 if m[2] else 0))
        elif m := re.fullmatch(r"nextmonth:(\d+)", step):
            year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
            day = date(year, month, int(m[1]))
        else:
            raise ValueError(f"bad date step {step!r} in {spec!r}")
    return day


# -- the party and the booking it should end in ----------------------------------------


@dataclass(frozen=True)
class Party:
    """What the customer wants priced; `proteins` uses price-book keys."""

    adults: int
    zipcode: str
    date: When
    children: int = 0
    toddlers: int = 0
    proteins: Mapping[str, int] = field(default_factory=dict)
    third: int = 0
    addons: tuple[str, ...] = ()

    def quote_request(self, today: datetime.date) -> dict[str, Json]:
        return {
            "adults": self.adults,
            "children": self.children,
            "toddlers": self.toddlers,
            "protein_selections": dict(self.proteins),
            "third_protein_portions": self.third,
            "addons": list(self.addons),
            "customer_zipcode": self.zipcode,
            "event_date": resolve_date(self.date, today).isoformat(),
        }


@dataclass(frozen=True)
class Booked:
    """One booking the thread made, as it should stand at the end. `moved_to` is the date
    after a reschedule (the party's date is the original one, also quoted)."""

    party: Party
    start: str  # "HH:MM", market-local
    status: Literal["held", "confirmed", "cancelled"] = "held"
    moved_to: When | None = None
    moved_start: str | None = None

    @property
    def final_date(self) -> When:
        return self.moved_to or self.party.date

    @property
    def final_start(self) -> str:
        return self.moved_start or self.start


# -- replies --------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """Checks on one AI reply. Strings are case-insensitive and may hold placeholders.
    `any_of` needs one of them, `all_of` each; `money` lists price-book paths whose amount
    the reply must state; `total_of` a party whose quoted total it must state."""

    any_of: tuple[str, ...] = ()
    all_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    money: tuple[str, ...] = ()
    total_of: Party | None = None
    question: bool = False
    no_money: bool = False


# -- the script ------------------------------------------------------------------------


@dataclass(frozen=True)
class Say:
    """A customer message; `commands` is what a good LLM emits for it (CONTRACTS.md §2)."""

    text: str
    commands: tuple[Command, ...] | None = None
    expect: Reply | None = None
    expect_llm: Reply | None = None  # only on the LLM path (e.g. a cross-check question)
    expect_offline: Reply | None = None  # only on the offline path


@dataclass(frozen=True)
class StaffConfirms:
    """Between turns: the deposit is paid, staff confirm the thread's latest booking."""


Step = Say | StaffConfirms


@dataclass(frozen=True)
class FullyBooked:
    """Before the chat: bookings made through the public API until `start` on `date` has
    no chef left in the zip's market."""

    date: When
    start: str
    zipcode: str


@dataclass(frozen=True)
class Case:
    id: str
    steps: tuple[Step, ...]
    bookings: tuple[Booked, ...] = ()  # exactly the bookings the thread made
    escalated: bool = False
    quoted: tuple[Party, ...] = ()  # other parties the customer was legitimately quoted
    setup: tuple[FullyBooked, ...] = ()
    language: Literal["en", "es"] = "en"
    note: str = ""  # what real-world break the case guards against

    @property
    def says(self) -> list[Say]:
        return [s for s in self.steps if isinstance(s, Say)]


# -- command constructors (CONTRACTS.md §2) -----------------------------------------------


def set_(slot: str, value: Json) -> Command:
    return {"type": "set_slot", "slot": slot, "value": value}


def correct(slot: str, value: Json) -> Command:
    return {"type": "correct_slot", "slot": slot, "value": value}


def clear(slot: str, item: str | None = None) -> Command:
    return {"type": "clear_slot", "slot": slot, **({"item": item} if item else {})}


def flow(name: str) -> Command:
    return {"type": "start_flow", "flow": name}


def kb(query: str) -> Command:
    return {"type": "knowledge", "query": query}


def handoff(reason: str) -> Command:
    return {"type": "handoff", "reason": reason}


def smalltalk(kind: str) -> Command:
    return {"type": "smalltalk", "kind": kind}


def language(lang: str) -> Command:
    return {"type": "set_language", "language": lang}


CONFIRM: Command = {"type": "confirm"}
DENY: Command = {"type": "deny"}
CANCEL_FLOW: Command = {"type": "cancel_flow"}


def contact(name: str, phone: str | None = None, email: str | None = None) -> list[Command]:
    out = [set_("name", name)]
    if phone:
        out.append(set_("phone", phone))
    if email:
        out.append(set_("email", email))
    return out


def on(spec: str) -> When:
    return When(spec)


# -- rendering -------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(date|fecha|weekday|dia|money|iso):([^{}]+)\}")


def render(text: str, today: date, book: Mapping[str, Json]) -> str:
    """Fill a case text's placeholders for the run day and the current price book."""

    def one(m: re.Match[str]) -> str:
        kind, arg = m[1], m[2]
        if kind == "money":
            return format_usd(book_cents(book, arg))
        day = resolve_date(arg, today)
        if kind == "date":
            return f"{MONTHS[day.month - 1]} {day.day}"
        if kind == "fecha":
            return f"{day.day} de {MESES[day.month - 1]}"
        if kind == "weekday":
            return day.strftime("%A")
        if kind == "dia":
            return DIAS[day.weekday()]
        return day.isoformat()

    return _PLACEHOLDER.sub(one, text)


def book_cents(book: Mapping[str, Json], path: str) -> int:
    node: Json = book
    for part in path.split("."):
        node = node[part]
    assert isinstance(node, int), f"price-book path {path!r} is not an amount"
    return node


def format_usd(cents: int) -> str:
    return f"${cents // 100:,}" if cents % 100 == 0 else f"${cents / 100:,.2f}"


def resolve_json(value: Json, today: date) -> Json:
    """Commands with `When` values turned into the wire format."""
    if isinstance(value, When):
        return resolve_date(value, today).isoformat()
    if isinstance(value, Mapping):
        return {k: resolve_json(v, today) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [resolve_json(v, today) for v in value]
    return value
