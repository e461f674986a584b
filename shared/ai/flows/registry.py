"""The flows, as data: the slots each collects (one question at a time, in order) and the
step that runs once they are all known. Adding a flow is one row here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from shared.ai.flows import booking, manage, quoting, service_info, times
from shared.ai.flows.context import FlowContext

PARTY = ("adults", "event_date", "zipcode")


@dataclass(frozen=True)
class Flow:
    name: str
    needs: tuple[str, ...]
    finish: Callable[[FlowContext], bool]  # True: the flow is done and leaves the stack


FLOWS: dict[str, Flow] = {
    f.name: f
    for f in (
        Flow("quote", PARTY, quoting.finish_quote),
        Flow("availability", PARTY, times.finish_availability),
        Flow("book", PARTY, booking.finish_book),
        Flow("reschedule", (), manage.finish_reschedule),
        Flow("cancel", (), manage.finish_cancel),
        Flow("booking_status", (), manage.finish_status),
        Flow("payment", (), service_info.finish_payment),
        Flow("handoff", (), service_info.finish_handoff),
        Flow("travel", ("zipcode",), quoting.finish_travel),
        Flow("menu_price", (), quoting.finish_menu_price),
    )
}


def collect(ctx: FlowContext, needs: tuple[str, ...]) -> bool:
    """Ask for the first missing slot; True when none is missing."""
    state = ctx.state
    missing = [n for n in needs if not state.has(n)]
    if not missing:
        return True
    first = missing[0]
    if first == "event_date" and "zipcode" in missing:
        ctx.ask("event_date", "ask.date_zip")
    else:
        ctx.ask(first, f"ask.{first}")
    return False
