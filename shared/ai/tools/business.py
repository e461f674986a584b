"""The tools every agent may be given. Argument names are the business's own (`adults`,
`children`, `protein_selections`, `customer_zipcode`, `event_date`), so existing prompts
and front ends keep working. Each returns plain JSON; money is integer cents plus a
display string, so the validator can ground every amount the reply states.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import Any, Literal, TypeVar

from shared.ai.tools.registry import Tool, ToolContext, tool
from shared.booking.policy import HOLD_MINUTES

F = TypeVar("F", bound=Callable[..., Any])


def _rules_stated(fn: F) -> F:
    """Fill the business rules' numbers into a docstring, so a description never restates one."""
    fn.__doc__ = (fn.__doc__ or "").format(hold_minutes=HOLD_MINUTES)
    return fn


def _usd(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _quote_summary(quote: Any) -> dict[str, Any]:
    return {
        "total_cents": quote.total_cents,
        "total": _usd(quote.total_cents),
        "deposit_cents": quote.deposit_cents,
        "balance_due_cents": quote.balance_due_cents,
        "food_subtotal_cents": quote.food_subtotal_cents,
        "party_minimum_cents": quote.party_minimum_cents,
        "minimum_applied": quote.minimum_applied,
        "surcharge_cents": quote.surcharge_cents,
        "peak_day": quote.peak_day,
        "travel_cents": quote.travel_cents,
        "road_miles": quote.road_miles,
        "tax_cents": quote.tax_cents,
        "credit_cents": quote.credit_cents,
        "market": quote.market_id,
        "guests": quote.guests,
        "event_date": quote.event_date.isoformat(),
        "lines": [
            {
                "label": line.label,
                "kind": line.kind,
                "quantity": line.quantity,
                "amount_cents": line.amount_cents,
            }
            for line in quote.lines
        ],
        "notes": list(quote.notes),
        "price_book_version": quote.price_book_version,
    }


def _quote_request(**fields: Any) -> Any:
    from shared.platform.http import parse
    from shared.pricing.models import QuoteRequest

    return parse(QuoteRequest, fields)


@tool
def calculate_party_quote(
    ctx: ToolContext,
    adults: int,
    customer_zipcode: str,
    event_date: date,
    children: int = 0,
    toddlers: int = 0,
    protein_selections: dict[str, int] | None = None,
    third_protein_portions: int = 0,
    addons: list[str] | None = None,
) -> dict[str, Any]:
    """Price a party exactly: guests, upgrades, add-ons, party minimum, peak-date surcharge,
    travel and deposit. The only source of prices: never state a price without it.

    Args:
        adults: Guests 13 and over (at least 1).
        customer_zipcode: 5-digit zip code of the event address.
        event_date: Event date, YYYY-MM-DD.
        children: Guests 6 to 12.
        toddlers: Guests 5 and under (free).
        protein_selections: Protein name -> portions, e.g. {"filet mignon": 4}; upgrades cost.
        third_protein_portions: Extra (third) protein portions.
        addons: Add-on names, e.g. ["premium sake service"].
    """
    from shared.pricing.service import price

    quote = price(
        ctx.platform,
        _quote_request(
            adults=adults,
            children=children,
            toddlers=toddlers,
            protein_selections=protein_selections or {},
            third_protein_portions=third_protein_portions,
            addons=tuple(addons or ()),
            customer_zipcode=customer_zipcode,
            event_date=event_date,
        ),
    )
    ctx.state["last_quote"] = quote
    return _quote_summary(quote)


@tool
def calculate_travel_fee(ctx: ToolContext, customer_zipcode: str) -> dict[str, Any]:
    """Road miles from the nearest market and the travel fee for a zip code, or whether it is
    outside the service area.

    Args:
        customer_zipcode: 5-digit zip code of the event address.
    """
    from shared.pricing import store as price_books
    from shared.pricing.engine import serving_route
    from shared.pricing.markets import markets
    from shared.pricing.service import distance_for
    from shared.pricing.travel import travel_line

    store = ctx.platform.store
    book = price_books.current(store)
    route = serving_route(customer_zipcode, markets(store), distance_for(ctx.platform), book)
    line = travel_line(route, book.travel)
    return {
        "market": route.market.name,
        "road_miles": float(route.road_miles),
        "free_miles": book.travel.free_miles,
        "travel_cents": line.amount_cents,
        "travel_fee": _usd(line.amount_cents),
    }


@tool
def calculate_protein_costs(
    ctx: ToolContext,
    protein_selections: dict[str, int],
    third_protein_portions: int = 0,
) -> dict[str, Any]:
    """Cost of protein upgrades and third-protein portions (included proteins cost nothing).

    Args:
        protein_selections: Protein name -> portions.
        third_protein_portions: Extra (third) protein portions.
    """
    from shared.pricing import store as price_books

    book = price_books.current(ctx.platform.store)
    lines: list[dict[str, Any]] = []
    unknown: list[str] = []
    ambiguous: list[dict[str, Any]] = []
    for name, portions in protein_selections.items():
        if book.protein_choices(name):
            ambiguous.append({"name": name, "choices": list(book.protein_choices(name))})
            continue
        key = book.protein_key(name)
        if key is None:
            unknown.append(name)
            continue
        protein = book.proteins[key]
        lines.append(
            {
                "protein": protein.label,
                "portions": portions,
                "upgrade_cents": protein.upgrade_cents * portions,
            }
        )
    third = third_protein_portions * book.third_protein_cents
    result: dict[str, Any] = {
        "lines": lines,
        "third_protein_cents": third,
        "total_cents": sum(line["upgrade_cents"] for line in lines) + third,
    }
    if unknown or ambiguous:
        result["error"] = {
            "code": "unknown_or_ambiguous",
            "unknown": unknown,
            "ambiguous": ambiguous,
        }
    return result


@tool
def check_availability(
    ctx: ToolContext,
    event_date: date,
    guests: int,
    customer_zipcode: str,
    start_time: time | None = None,
) -> dict[str, Any]:
    """Free start times (local) for a date and party size at a zip code. When the asked
    start (or the whole day) is not free, says why and lists the nearest free starts.

    Args:
        event_date: Event date, YYYY-MM-DD.
        guests: Total guests including children.
        customer_zipcode: 5-digit zip code of the event address.
        start_time: The start the customer asked for, HH:MM local (optional).
    """
    from shared.booking.models import AvailabilityRequest
    from shared.booking.slots import availability

    found = availability(
        ctx.platform,
        AvailabilityRequest(date=event_date, guests=guests, customer_zipcode=customer_zipcode),
    )
    starts = [s.local_time for s in found.starts]
    result: dict[str, Any] = {
        "market": found.market,
        "timezone": found.timezone,
        "event_date": found.date.isoformat(),
        "duration_minutes": found.duration_minutes,
        "start_times": starts,
    }
    asked = start_time.strftime("%H:%M") if start_time else None
    if asked is not None:
        result["requested_start"] = asked
        result["requested_free"] = asked in starts
    if (asked is None and starts) or (asked is not None and asked in starts):
        return result
    return result | _refusal(ctx, found, start_time or time(18), starts)


NEARBY_DAYS = 3


def _same_time_nearby(ctx: ToolContext, found: Any, wanted: time) -> list[dict[str, str]]:
    """The day is closed or full: the start closest to the asked time on the nearest open
    days, after it first and then before it (a Monday off -> Tuesday, then Sunday)."""
    from datetime import timedelta

    from shared.booking.models import AvailabilityRequest
    from shared.booking.slots import availability

    minutes = wanted.hour * 60 + wanted.minute
    options: list[dict[str, str]] = []
    for offset in [d for n in range(1, NEARBY_DAYS + 1) for d in (n, -n)]:
        day = found.date + timedelta(days=offset)
        if day < ctx.platform.clock.now().date():
            continue
        other = availability(
            ctx.platform, AvailabilityRequest(date=day, guests=found.guests, market=found.market)
        )
        starts = [s.local_time for s in other.starts]
        if starts:
            best = min(starts, key=lambda t: abs(int(t[:2]) * 60 + int(t[3:]) - minutes))
            options.append({"event_date": day.isoformat(), "local_time": best})
        if len(options) == 2:
            break
    return options


def _refusal(ctx: ToolContext, found: Any, wanted: time, starts: list[str]) -> dict[str, Any]:
    """Why the day or time is not free, and the nearest free starts (same day first)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from shared.booking.slots import nearest_starts, start_rejection

    reason = start_rejection(ctx.platform, found.market, found.date, wanted, found.guests)
    if starts:
        minutes = wanted.hour * 60 + wanted.minute
        by_distance = sorted(starts, key=lambda t: abs(int(t[:2]) * 60 + int(t[3:]) - minutes))
        nearest = [
            {"event_date": found.date.isoformat(), "local_time": t} for t in sorted(by_distance[:4])
        ]
    else:
        nearest = _same_time_nearby(ctx, found, wanted)
        if not nearest:
            after = datetime.combine(found.date, time(), ZoneInfo(found.timezone))
            nearest = [
                {"event_date": s["start"][:10], "local_time": s["local_time"]}
                for s in nearest_starts(ctx.platform, found.market, after, found.guests)
            ]
    from shared.pricing.markets import market_blackouts

    closed_date = found.date in market_blackouts(ctx.platform.store, found.market)
    return {
        "reason": reason or "no_chef_free",
        "weekly_day_off": reason == "market_closed" and not closed_date,
        "nearest_starts": nearest,
    }


@tool
@_rules_stated
def create_booking_hold(
    ctx: ToolContext,
    adults: int,
    customer_zipcode: str,
    event_date: date,
    start_time: time,
    name: str,
    address: str,
    phone: str | None = None,
    email: str | None = None,
    children: int = 0,
    toddlers: int = 0,
    protein_selections: dict[str, int] | None = None,
    third_protein_portions: int = 0,
    addons: list[str] | None = None,
    dietary_notes: str | None = None,
) -> dict[str, Any]:
    """Hold a chef and time for {hold_minutes} minutes while the customer pays the deposit.
    Only say a time is held or booked after this succeeds.

    Args:
        adults: Guests 13 and over.
        customer_zipcode: 5-digit zip code of the event address.
        event_date: Event date, YYYY-MM-DD.
        start_time: Local start time HH:MM on the half hour.
        name: Host's name.
        address: Street address of the event.
        phone: Host's phone number.
        email: Host's email address.
        children: Guests 6 to 12.
        toddlers: Guests 5 and under.
        protein_selections: Protein name -> portions.
        third_protein_portions: Extra (third) protein portions.
        addons: Add-on names.
        dietary_notes: Allergies and dietary needs to pass to the chef.
    """
    from shared.booking.holds import create_hold
    from shared.booking.models import CreateBookingRequest
    from shared.platform.http import parse

    request = parse(
        CreateBookingRequest,
        {
            "adults": adults,
            "children": children,
            "toddlers": toddlers,
            "protein_selections": protein_selections or {},
            "third_protein_portions": third_protein_portions,
            "addons": tuple(addons or ()),
            "customer_zipcode": customer_zipcode,
            "event_date": event_date,
            "start_time": start_time,
            "address": address,
            "dietary_notes": dietary_notes,
            "contact": {"name": name, "phone": phone, "email": email},
        },
    )
    held = create_hold(
        ctx.platform, request, origin_thread_id=ctx.thread_id, origin_channel=ctx.channel
    )
    ctx.state.setdefault("bookings", []).append(held.id)
    return {
        "booking_id": held.id,
        "status": held.status.value,
        "start": held.start.isoformat(),
        "hold_expires_at": held.hold_expires_at.isoformat() if held.hold_expires_at else None,
        "total_cents": held.total_cents,
        "deposit_cents": held.deposit_cents,
        "deposit_url": held.deposit_url,
        "manage_token": held.access_token,
    }


def _owned(ctx: ToolContext, booking_id: str) -> Any:
    """The booking when it is this customer's (or was made in this conversation), else None.
    Never reveal another customer's booking, not even that it exists."""
    from shared.booking.records import get
    from shared.platform.errors import NotFoundError

    try:
        booking = get(ctx.platform.store, booking_id)
    except NotFoundError:
        return None
    mine = ctx.customer_id is not None and booking.customer_id == ctx.customer_id
    return booking if mine or booking.origin_thread_id == ctx.thread_id else None


_NOT_FOUND = {"error": {"code": "not_found", "message": "no such booking for this customer"}}


def _booking_summary(booking: Any) -> dict[str, Any]:
    from shared.booking.records import view

    shown = view(booking)
    return {
        "booking_id": shown.id,
        "status": shown.status.value,
        "start": shown.start.isoformat(),
        "guests": shown.guests,
        "total_cents": shown.total_cents,
        "deposit_cents": shown.deposit_cents,
        "deposit_paid": shown.deposit_paid,
        "deposit_url": shown.deposit_url,
    }


@tool
def get_booking_status(ctx: ToolContext, booking_id: str) -> dict[str, Any]:
    """Status of one of this customer's bookings.

    Args:
        booking_id: The booking id (starts with bk_).
    """
    booking = _owned(ctx, booking_id)
    return _NOT_FOUND if booking is None else _booking_summary(booking)


@tool
def reschedule_booking(
    ctx: ToolContext, booking_id: str, event_date: date, start_time: time
) -> dict[str, Any]:
    """Move one of this customer's bookings to a new date and start, after the customer
    said yes to the change. The old time is freed only if the new one is won.

    Args:
        booking_id: The booking id (starts with bk_).
        event_date: New event date, YYYY-MM-DD.
        start_time: New local start time HH:MM on the half hour.
    """
    from shared.booking.reschedule import reschedule

    if _owned(ctx, booking_id) is None:
        return _NOT_FOUND
    moved = reschedule(ctx.platform, booking_id, event_date, start_time, actor="customer")
    return _booking_summary(moved)


@tool
def cancellation_terms(ctx: ToolContext, booking_id: str) -> dict[str, Any]:
    """What cancelling one of this customer's bookings now would refund (deposit policy).

    Args:
        booking_id: The booking id (starts with bk_).
    """
    from shared.booking.refund_policy import refund_decision
    from shared.pricing import store as price_books

    booking = _owned(ctx, booking_id)
    if booking is None:
        return _NOT_FOUND
    book = price_books.get(ctx.platform.store, booking.price_book_version)
    days = book.deposit.refundable_days_before
    decision = refund_decision(booking, ctx.platform.clock.now(), days)
    return _booking_summary(booking) | {
        "refund_cents": decision["refund_cents"],
        "refundable_days_before": days,
    }


@tool
def cancel_booking(ctx: ToolContext, booking_id: str, reason: str | None = None) -> dict[str, Any]:
    """Cancel one of this customer's bookings, after the customer said yes; the deposit
    refund follows the policy.

    Args:
        booking_id: The booking id (starts with bk_).
        reason: The customer's reason, if given.
    """
    from shared.booking.cancellation import cancel

    if _owned(ctx, booking_id) is None:
        return _NOT_FOUND
    cancelled = cancel(ctx.platform, booking_id, actor="customer", reason=reason)
    refund = int((cancelled.cancellation or {}).get("refund_cents", 0))
    return _booking_summary(cancelled) | {"refund_cents": refund}


@tool
def search_knowledge(
    ctx: ToolContext, query: str, language: Literal["en", "es"] = "en"
) -> dict[str, Any]:
    """Search the business's policies and FAQ (hours, how booking works, what's included,
    what the host provides, deposit, payment methods, prices, cancellation, weather,
    travel, menu and protein advice, allergens, kids, party length).

    Args:
        query: The customer's question in a few words.
        language: The customer's language; answers come in it when a translation exists.
    """
    from shared.ai.knowledge.base import kb_version, search

    store = ctx.platform.store
    return {
        "kb_version": kb_version(store),
        "results": [
            s.model_dump() for s in search(store, ctx.platform.vectors, query, language=language)
        ],
    }


@tool
def escalate_to_human(
    ctx: ToolContext,
    reason: str,
    priority: Literal["low", "normal", "high"] = "normal",
) -> dict[str, Any]:
    """Hand the conversation to a staff member; the AI stops replying until they release it.

    Args:
        reason: Why a human is needed, in one sentence.
        priority: high for safety, legal or same-day problems.
    """
    ctx.state["escalate"] = {"reason": reason, "priority": priority}
    return {"escalated": True, "reason": reason, "priority": priority}


ALL_TOOLS: dict[str, Tool] = {
    t.name: t
    for t in (
        calculate_party_quote,
        calculate_travel_fee,
        calculate_protein_costs,
        check_availability,
        create_booking_hold,
        get_booking_status,
        reschedule_booking,
        cancellation_terms,
        cancel_booking,
        search_knowledge,
        escalate_to_human,
    )
}
