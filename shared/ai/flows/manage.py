"""A booking the thread made or the customer names: its status, moving it, cancelling it.
Changes go through the booking service (its claims and deposit policy) and only after the
customer said yes to a summary of the change."""

from __future__ import annotations

import re
from typing import Any

from shared.ai.flows import times
from shared.ai.flows.context import FlowContext
from shared.ai.flows.phrases import clock, day, usd, when
from shared.ai.flows.quoting import tool_error
from shared.conversation.state import BookingRef

_BOOKING_ID = re.compile(r"\bbk_[0-9a-z]{10,}\b", re.I)
CONFIRM_MOVE = "confirm_reschedule"
CONFIRM_CANCEL = "confirm_cancel"


def _booking_id(ctx: FlowContext) -> str | None:
    named = _BOOKING_ID.search(ctx.text)
    if named:
        return named.group(0).lower()
    return ctx.state.booking.id if ctx.state.booking else None


def _remember(ctx: FlowContext, result: dict[str, Any]) -> None:
    """Keep the thread's view of the booking in step with what the tool said."""
    from datetime import datetime

    start = datetime.fromisoformat(result["start"])
    current = ctx.state.booking
    keep_link = current.manage_link if current and current.id == result["booking_id"] else None
    ctx.state.booking = BookingRef(
        id=result["booking_id"],
        status=result["status"],
        manage_link=keep_link,
        deposit_url=result.get("deposit_url"),
        event_date=start.date(),
        start_time=start.strftime("%H:%M"),
    )


def _lookup(ctx: FlowContext) -> dict[str, Any] | None:
    """The named or thread's booking, or None after asking for its id."""
    booking_id = _booking_id(ctx)
    if booking_id is None:
        ctx.ask("booking_id", "no_booking")
        return None
    result = ctx.call("get_booking_status", {"booking_id": booking_id})
    if "error" in result:
        ctx.ask("booking_id", "status.missing")
        return None
    _remember(ctx, result)
    return result


def finish_status(ctx: FlowContext) -> bool:
    result = _lookup(ctx)
    if result is None:
        return False
    paid = "status.paid" if result["deposit_paid"] else "status.unpaid"
    ctx.say(
        "status",
        id=result["booking_id"],
        when=when(result["start"], ctx.lang),
        status=result["status"],
        paid=ctx.phrase(paid),
    )
    if result.get("deposit_url"):
        ctx.say("hold.pay", url=result["deposit_url"])
    return True


def finish_reschedule(ctx: FlowContext) -> bool:
    booking = _lookup(ctx) if ctx.state.asked != CONFIRM_MOVE else ctx.state.pending.get("move")
    if booking is None:
        return False
    target = ctx.state.pending.get("reschedule", {})
    if not target.get("event_date"):
        ctx.ask("event_date", "ask.new_date")
        return False
    start_time = target.get("start_time") or booking["start"][11:16]
    if ctx.state.asked == CONFIRM_MOVE and ctx.denied and not ctx.changed:
        ctx.say("kept")
        ctx.state.pending.pop("reschedule", None)
        return True
    if ctx.state.asked == CONFIRM_MOVE and ctx.confirmed and not ctx.changed:
        return _move(ctx, booking, target["event_date"], start_time)
    check = ctx.call(
        "check_availability",
        {
            "event_date": target["event_date"],
            "guests": booking["guests"],
            "customer_zipcode": ctx.state.get("zipcode") or _zip_of(ctx, booking),
            "start_time": start_time,
        },
    )
    if "error" not in check and not check.get("requested_free"):
        ctx.state.pending["reschedule"] = {"event_date": target["event_date"]}
        times.refuse(ctx, check)
        ctx.state.asked = "reschedule_time"
        return False
    ctx.state.pending["move"] = booking
    ctx.ask(
        CONFIRM_MOVE,
        "reschedule.confirm",
        id=booking["booking_id"],
        old=when(booking["start"], ctx.lang),
        new=day(target["event_date"], ctx.lang) + _at(ctx.lang) + clock(start_time, ctx.lang),
    )
    ctx.quick_replies[:] = ["Sí", "No"] if ctx.lang == "es" else ["Yes, move it", "No"]
    return False


def _at(lang: str) -> str:
    return " a las " if lang == "es" else " at "


def _zip_of(ctx: FlowContext, booking: dict[str, Any]) -> str | None:
    from shared.booking.records import get

    return get(ctx.platform.store, booking["booking_id"]).customer_zipcode


def _move(ctx: FlowContext, booking: dict[str, Any], new_date: str, start_time: str) -> bool:
    result = ctx.call(
        "reschedule_booking",
        {"booking_id": booking["booking_id"], "event_date": new_date, "start_time": start_time},
    )
    ctx.state.pending.pop("move", None)
    if "error" in result:
        if result["error"].get("code") == "slot_taken":
            ctx.state.pending["reschedule"] = {"event_date": new_date}
            times.refuse(
                ctx,
                {
                    "event_date": new_date,
                    "reason": "no_chef_free",
                    "requested_start": start_time,
                    "nearest_starts": [
                        {"event_date": o["start"][:10], "local_time": o["local_time"]}
                        for o in result["error"].get("next_starts", [])
                    ],
                },
            )
            ctx.state.asked = "reschedule_time"
            return False
        tool_error(ctx, result["error"])
        return True
    _remember(ctx, result)
    ctx.state.pending.pop("reschedule", None)
    ctx.say(
        "reschedule.done",
        id=result["booking_id"],
        new=when(result["start"], ctx.lang),
        total=usd(result["total_cents"]),
    )
    return True


def finish_cancel(ctx: FlowContext) -> bool:
    if ctx.state.asked == CONFIRM_CANCEL and (ctx.confirmed or ctx.denied):
        booking_id = ctx.state.pending.pop("cancel", None)
        if ctx.denied or booking_id is None:
            ctx.say("kept")
            return True
        result = ctx.call("cancel_booking", {"booking_id": booking_id})
        if "error" in result:
            tool_error(ctx, result["error"])
            return True
        _remember(ctx, result)
        refund = (
            ctx.phrase("cancel.refunded", amount=usd(result["refund_cents"]))
            if result["refund_cents"]
            else ""
        )
        ctx.say("cancel.done", id=result["booking_id"], refund=refund)
        return True
    booking_id = _booking_id(ctx)
    if booking_id is None:
        ctx.ask("booking_id", "no_booking")
        return False
    terms = ctx.call("cancellation_terms", {"booking_id": booking_id})
    if "error" in terms:
        ctx.ask("booking_id", "status.missing")
        return False
    if terms["refund_cents"]:
        refund = ctx.phrase("cancel.refund", amount=usd(terms["refund_cents"]))
    elif terms["deposit_paid"]:
        refund = ctx.phrase("cancel.kept", days=terms["refundable_days_before"])
    else:
        refund = ctx.phrase("cancel.unpaid")
    ctx.state.pending["cancel"] = booking_id
    ctx.ask(
        CONFIRM_CANCEL,
        "cancel.confirm",
        id=booking_id,
        when=when(terms["start"], ctx.lang),
        refund=refund,
    )
    ctx.quick_replies[:] = ["Sí", "No"] if ctx.lang == "es" else ["Yes, cancel it", "No, keep it"]
    return False
