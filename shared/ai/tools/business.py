"""The tools every agent may be given. Argument names are the business's own (`adults`,
`children`, `protein_selections`, `customer_zipcode`, `event_date`), so existing prompts
and front ends keep working. Each returns plain JSON; money is integer cents plus a
display string, so the validator can ground every amount the reply states.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any, Literal

from shared.ai.tools.registry import Tool, ToolContext, tool


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
        "market": quote.market_id,
        "guests": quote.guests,
        "event_date": quote.event_date.isoformat(),
        "lines": [{"label": line.label, "amount_cents": line.amount_cents} for line in quote.lines],
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
    from shared.booking.catalog import markets
    from shared.pricing import store as price_books
    from shared.pricing.engine import serving_route
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
    ctx: ToolContext, event_date: date, guests: int, customer_zipcode: str
) -> dict[str, Any]:
    """Free start times (local) for a date and party size at a zip code.

    Args:
        event_date: Event date, YYYY-MM-DD.
        guests: Total guests including children.
        customer_zipcode: 5-digit zip code of the event address.
    """
    from shared.booking.models import AvailabilityRequest
    from shared.booking.service import availability

    found = availability(
        ctx.platform,
        AvailabilityRequest(date=event_date, guests=guests, customer_zipcode=customer_zipcode),
    )
    return {
        "market": found.market,
        "event_date": found.date.isoformat(),
        "duration_minutes": found.duration_minutes,
        "start_times": [s.local_time for s in found.starts],
    }


@tool
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
    """Hold a chef and time for 30 minutes while the customer pays the deposit. Only say a
    time is held or booked after this succeeds.

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
    from shared.booking.models import CreateBookingRequest
    from shared.booking.service import create_hold
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


@tool
def get_booking_status(ctx: ToolContext, booking_id: str) -> dict[str, Any]:
    """Status of one of this customer's bookings.

    Args:
        booking_id: The booking id (starts with bk_).
    """
    from shared.booking.service import get, view

    booking = get(ctx.platform.store, booking_id)
    if ctx.customer_id is None or booking.customer_id != ctx.customer_id:
        # Never reveal another customer's booking, not even that it exists.
        return {"error": {"code": "not_found", "message": "no such booking for this customer"}}
    shown = view(booking)
    return {
        "booking_id": shown.id,
        "status": shown.status.value,
        "start": shown.start.isoformat(),
        "guests": shown.guests,
        "total_cents": shown.total_cents,
        "deposit_cents": shown.deposit_cents,
        "deposit_paid": shown.deposit_paid,
    }


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
        "results": [s.model_dump() for s in search(store, query, language=language)],
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
        search_knowledge,
        escalate_to_human,
    )
}
