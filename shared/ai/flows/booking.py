"""The book flow's last steps: a free start, the contact details, a summary of everything
understood with the exact total, and only after the customer's yes, the hold and its
deposit link. One held booking per thread unless the customer asks for another."""

from __future__ import annotations

from typing import Any

from shared.ai.flows import times
from shared.ai.flows.context import FlowContext
from shared.ai.flows.phrases import counted, listing, say, usd, when
from shared.ai.flows.quoting import quote_args, tool_error
from shared.conversation.state import BookingRef

CONFIRM = "confirm_hold"


def _missing_contact(ctx: FlowContext) -> list[str]:
    s = ctx.state
    missing = []
    if not s.has("name"):
        missing.append("contact.name")
    if not (s.has("phone") or s.has("email")):
        missing.append("contact.reach")
    if not s.has("address"):
        missing.append("contact.address")
    return missing


def _menu(ctx: FlowContext) -> str:
    chosen = ctx.state.get("proteins", {}) or {}
    items = []
    for key, count in chosen.items():
        protein = ctx.book.proteins.get(key)
        label = protein.label if protein else key
        items.append(f"{label} x {count}" if count is not None else label)
    for key in ctx.state.get("addons", []) or []:
        addon = ctx.book.addons.get(key)
        items.append(addon.label if addon else key)
    if not items:
        return ""
    return " " + ("Menú: " if ctx.lang == "es" else "Menu: ") + ", ".join(items) + "."


def _contact_line(ctx: FlowContext) -> str:
    s = ctx.state
    reach = [v for v in (s.get("phone"), s.get("email")) if v]
    return ", ".join([s.get("name"), *reach])


def _party(ctx: FlowContext) -> str:
    s = ctx.state
    total = counted(s.guests() or 0, "guests", ctx.lang)
    kids, little = s.get("children", 0) or 0, s.get("toddlers", 0) or 0
    if not kids and not little:
        return total
    parts = [counted(s.get("adults") or 0, "adults", ctx.lang)]
    if kids:
        parts.append(counted(kids, "children", ctx.lang))
    if little:
        parts.append(counted(little, "toddlers", ctx.lang))
    return f"{total} ({listing(parts, ctx.lang, both=True)})"


def _address(ctx: FlowContext) -> str:
    address, zipcode = ctx.state.get("address"), ctx.state.get("zipcode")
    return address if zipcode in address else f"{address} {zipcode}"


def _start_iso(ctx: FlowContext) -> str:
    return f"{ctx.state.get('event_date')}T{ctx.state.get('start_time')}"


def _summarise(ctx: FlowContext) -> None:
    quoted = ctx.call("calculate_party_quote", quote_args(ctx.state, ctx.book))
    if "error" in quoted:
        tool_error(ctx, quoted["error"])
        return
    if ctx.state.asked == CONFIRM and not ctx.changed:  # re-asked after a side question
        ctx.ask(CONFIRM, "summary.short", when=when(_start_iso(ctx), ctx.lang))
    else:
        ctx.ask(
            CONFIRM,
            "summary",
            guests=_party(ctx),
            when=when(_start_iso(ctx), ctx.lang),
            address=_address(ctx),
            menu=_menu(ctx),
            contact=_contact_line(ctx),
            total=usd(quoted["total_cents"]),
            deposit=usd(quoted["deposit_cents"]),
        )
    ctx.quick_replies[:] = (
        ["Sí", "No"] if ctx.lang == "es" else ["Yes, hold it", "Change something"]
    )


def manage_link(ctx: FlowContext, booking_id: str, token: str | None) -> str | None:
    if not token:
        return None
    template = ctx.platform.settings.manage_booking_url
    return template.format(booking_id=booking_id, token=token)


def _hold(ctx: FlowContext) -> None:
    s = ctx.state
    args: dict[str, Any] = quote_args(s, ctx.book) | {
        "start_time": s.get("start_time"),
        "name": s.get("name"),
        "phone": s.get("phone"),
        "email": s.get("email"),
        "address": _address(ctx),
        "dietary_notes": ", ".join(s.get("dietary", []) or []) or None,
    }
    result = ctx.call("create_booking_hold", args)
    error = result.get("error")
    if error and error.get("code") == "slot_taken":
        s.drop("start_time")
        s.pending.pop("time_ok", None)
        times.refuse(
            ctx,
            {
                "event_date": s.get("event_date"),
                "reason": "no_chef_free",
                "requested_start": args["start_time"],
                "nearest_starts": [
                    {"event_date": o["start"][:10], "local_time": o["local_time"]}
                    for o in error.get("next_starts", [])
                ],
            },
        )
        return
    if error:
        tool_error(ctx, error)
        return
    link = manage_link(ctx, result["booking_id"], result.get("manage_token"))
    s.booking = BookingRef(
        id=result["booking_id"],
        status=result["status"],
        manage_link=link,
        deposit_url=result.get("deposit_url"),
        event_date=s.event_date(),
        start_time=s.get("start_time"),
    )
    ctx.say(
        "hold.done",
        when=when(result["start"], ctx.lang),
        id=result["booking_id"],
        deposit=usd(result["deposit_cents"]),
        total=usd(result["total_cents"]),
    )
    if result.get("deposit_url"):
        ctx.say("hold.pay", url=result["deposit_url"])
    s.asked = None
    s.pending.clear()


def finish_book(ctx: FlowContext) -> bool:
    s = ctx.state
    if not s.has("start_time"):
        result = times.check(ctx, None)
        if "error" in result:
            tool_error(ctx, result["error"])
            return True
        times.offer(ctx, result)
        return False
    if not times.start_is_free(ctx):
        return False
    missing = _missing_contact(ctx)
    if missing:
        wanted = [say(m, ctx.lang) for m in missing]
        ctx.ask("contact", "ask.contact", missing=listing(wanted, ctx.lang, both=True))
        return False
    if s.asked == CONFIRM and ctx.confirmed and not ctx.changed:
        _hold(ctx)
        return s.booking is not None
    if s.asked == CONFIRM and ctx.denied and not ctx.changed:
        ctx.ask("change", "change.what")
        return False
    _summarise(ctx)
    return False
