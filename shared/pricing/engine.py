"""The quote engine: the only place a price is computed. Deterministic, integer cents.

    food      = guests + upgrades + third proteins + add-ons, raised to the party minimum
    credits   = the price book's credits the caller says the customer holds, each capped
    surcharge = food x peak rate on peak dates (round half up)
    tax       = (food - credits + surcharge) x the market's tax rate (round half up; 0 by default)
    total     = food - credits + surcharge + travel + tax; deposit due to confirm, the rest later

Bad input raises `ValidationFailed` naming the field; answers the AI must hand to a human
or turn into a question raise a `QuoteError` with its own code.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from shared.platform.errors import AppError, FieldError, ValidationFailed
from shared.pricing.distance import DistanceProvider, UnknownZip
from shared.pricing.models import LineKind, Market, PriceBook, Quote, QuoteLine, QuoteRequest
from shared.pricing.peak_dates import peak_rule
from shared.pricing.travel import Route, in_service_area, nearest_route, travel_line


class QuoteError(AppError):
    """A well-formed request the engine will not price on its own."""

    status = 422
    default_code = "quote_error"
    title = "The request cannot be quoted as is"


class AmbiguousProtein(QuoteError):
    """A protein name with several meanings ("steak"): ask the customer which one."""

    default_code = "ambiguous_protein"
    title = "A protein name is ambiguous"


class OutsideServiceArea(QuoteError):
    """No market base is within driving range: escalate to a human."""

    default_code = "outside_service_area"
    title = "The event is outside the service area"


class CustomEvent(QuoteError):
    """A party larger than the price book covers: a human plans it."""

    default_code = "custom_event"
    title = "The party needs a custom event quote"


def quote(
    request: QuoteRequest,
    book: PriceBook,
    markets: Sequence[Market],
    distance: DistanceProvider,
    credits: Sequence[str] = (),
) -> Quote:
    """Price `request` with `book`, served from the nearest of `markets`.

    `credits` are price-book credit keys the caller has established the customer holds
    (never the customer's own say-so: the public quote passes none); each applies once.

    Checks run from the broadest answer down: a party too big for the book is a custom
    event whatever else it asks; then field errors (all at once), then ambiguous
    proteins, then the service area (the only step that calls the distance port).
    Tax, at the market's `tax_bps`, applies to food + surcharge, never to travel.
    """
    if request.guests > book.max_guests:
        raise CustomEvent(
            detail=f"{request.guests} guests; parties over {book.max_guests} are custom events",
            extra={"guests": request.guests, "max_guests": book.max_guests},
        )
    upgrades, addons = _resolve_names(request, book)
    route = serving_route(request.customer_zipcode, markets, distance, book)

    lines = [*_guest_lines(request, book), *_menu_lines(request, book, upgrades, addons)]
    subtotal = sum(line.amount_cents for line in lines)
    food = max(subtotal, book.party_minimum_cents)
    if food > subtotal:
        lines.append(_lump(f"Party minimum ({usd(food)}) top-up", food - subtotal, "minimum"))

    credit_lines = list(_credit_lines(food, book, credits))
    lines += credit_lines
    credit = sum(line.amount_cents for line in credit_lines)
    peak = peak_rule(request.event_date, book.peak.dates)
    surcharge = bps_of(food, book.peak.surcharge_bps) if peak else 0
    if peak:
        rate = percent(book.peak.surcharge_bps)
        lines.append(_lump(f"Peak-date surcharge: {peak.name} ({rate})", surcharge, "surcharge"))
    travel = travel_line(route, book.travel)
    lines.append(travel)
    market = route.market
    tax = bps_of(food - credit + surcharge, market.tax_bps)
    if market.tax_bps:
        lines.append(_lump(f"Tax ({percent(market.tax_bps)} of food and surcharge)", tax, "tax"))

    total = food - credit + surcharge + travel.amount_cents + tax
    return Quote(
        price_book_version=book.version,
        market_id=market.id,
        customer_zipcode=request.customer_zipcode,
        event_date=request.event_date,
        guests=request.guests,
        lines=tuple(lines),
        food_subtotal_cents=subtotal,
        party_minimum_cents=book.party_minimum_cents,
        minimum_applied=food > subtotal,
        food_cents=food,
        credit_cents=credit,
        peak_day=peak.name if peak else None,
        surcharge_cents=surcharge,
        road_miles=float(route.road_miles),
        travel_cents=travel.amount_cents,
        tax_bps=market.tax_bps,
        tax_cents=tax,
        total_cents=total,
        deposit_cents=book.deposit.cents,
        balance_due_cents=total - book.deposit.cents,
        notes=_notes(book),
    )


def bps_of(amount_cents: int, bps: int) -> int:
    """`amount_cents` x `bps` / 10,000, rounded half up, in integer arithmetic."""
    return (amount_cents * bps + 5_000) // 10_000


def usd(cents: int) -> str:
    """$1,234.50 from 123450."""
    return f"${cents // 100:,}.{cents % 100:02d}"


def percent(bps: int) -> str:
    """10% from 1000, 8.25% from 825."""
    return f"{Decimal(bps) / 100:f}%"


def _resolve_names(request: QuoteRequest, book: PriceBook) -> tuple[dict[str, int], list[str]]:
    """Charged portions per upgrade key and the add-on keys, or every field error at once."""
    errors: list[FieldError] = []
    ambiguous: list[str] = []
    portions: dict[str, int] = {}
    for name, count in request.protein_selections.items():
        key = book.protein_key(name)
        if key is not None:
            portions[key] = portions.get(key, 0) + count
        elif book.protein_choices(name):
            ambiguous.append(name)
        else:
            known = ", ".join(p.label for p in book.proteins.values())
            message = f"unknown protein {name!r}; choose from {known}"
            errors.append(FieldError(f"protein_selections.{name}", message, "unknown_protein"))
    addons: list[str] = []
    for index, name in enumerate(request.addons):
        key = book.addon_key(name)
        if key is None:
            known = ", ".join(a.label for a in book.addons.values())
            message = f"unknown add-on {name!r}; choose from {known}"
            errors.append(FieldError(f"addons.{index}", message, "unknown_addon"))
        elif key in addons:
            message = f"{book.addons[key].label} is listed twice"
            errors.append(FieldError(f"addons.{index}", message, "duplicate"))
        else:
            addons.append(key)
    errors += _portion_caps(request, book)
    if errors:
        raise ValidationFailed(errors)
    if ambiguous:
        raise _ambiguous(ambiguous[0], book)
    upgrades = {key: n for key, n in portions.items() if n and book.proteins[key].upgrade_cents}
    return upgrades, addons


def _portion_caps(request: QuoteRequest, book: PriceBook) -> Iterator[FieldError]:
    """Each guest, toddlers included, eats `proteins_per_guest` proteins plus at most
    `max_third_proteins_per_guest` third ones; listing more portions is a mistake."""
    third_cap = request.guests * book.max_third_proteins_per_guest
    if request.third_protein_portions > third_cap:
        message = f"at most {third_cap} for {request.guests} guests"
        yield FieldError("third_protein_portions", message, "too_many_portions")
    listed = sum(request.protein_selections.values())
    cap = request.guests * book.proteins_per_guest + min(request.third_protein_portions, third_cap)
    if listed > cap:
        message = (
            f"{listed} portions listed but {request.guests} guests eat at most {cap} "
            f"({book.proteins_per_guest} each plus third-protein portions)"
        )
        yield FieldError("protein_selections", message, "too_many_portions")


def _ambiguous(name: str, book: PriceBook) -> AmbiguousProtein:
    choices = [(key, book.proteins[key]) for key in book.protein_choices(name)]
    spelled = " or ".join(
        f"{p.label} ({'+' + usd(p.upgrade_cents) if p.upgrade_cents else 'included'})"
        for _, p in choices
    )
    return AmbiguousProtein(
        detail=f"{name!r} could mean {spelled}; ask which one",
        extra={
            "field": f"protein_selections.{name}",
            "name": name,
            "choices": [
                {"key": key, "label": p.label, "upgrade_cents": p.upgrade_cents}
                for key, p in choices
            ],
        },
    )


def serving_route(
    zipcode: str, markets: Sequence[Market], distance: DistanceProvider, book: PriceBook
) -> Route:
    """The nearest market's route to `zipcode`; a 422 for an unknown zip or one out of range."""
    try:
        route = nearest_route(zipcode, markets, distance)
    except UnknownZip as exc:
        if exc.zipcode != zipcode:
            raise  # a market base that does not place is a configuration bug, not a 422
        raise ValidationFailed.single(
            "customer_zipcode", f"{zipcode} is not a known US zip code", "unknown_zip"
        ) from exc
    if route is None or not in_service_area(route, book.travel):
        raise OutsideServiceArea(
            detail=f"{zipcode} is over {book.travel.max_miles} road miles from every market",
            extra={
                "customer_zipcode": zipcode,
                "nearest_market": route.market.id if route else None,
                "road_miles": float(route.road_miles) if route else None,
                "max_miles": book.travel.max_miles,
            },
        )
    return route


def _guest_lines(request: QuoteRequest, book: PriceBook) -> Iterator[QuoteLine]:
    prices = book.guests
    adult_age, child_age = prices.adult_min_age, prices.child_min_age
    yield _each(f"Adults ({adult_age}+)", request.adults, prices.adult_cents, "guests")
    if request.children:
        label = f"Children ({child_age}-{adult_age - 1})"
        yield _each(label, request.children, prices.child_cents, "guests")
    if request.toddlers:
        label = f"Children {child_age - 1} and under"
        yield _each(label, request.toddlers, prices.toddler_cents, "guests")


def _menu_lines(
    request: QuoteRequest, book: PriceBook, upgrades: dict[str, int], addons: list[str]
) -> Iterator[QuoteLine]:
    """Upgrades in price-book order (so equal requests print equal quotes), then extras."""
    for key, protein in book.proteins.items():
        if key in upgrades:
            yield _each(f"{protein.label} upgrade", upgrades[key], protein.upgrade_cents, "upgrade")
    if request.third_protein_portions:
        portions = request.third_protein_portions
        yield _each("Third protein", portions, book.third_protein_cents, "third_protein")
    for key, addon in book.addons.items():
        if key in addons:
            yield _lump(addon.label, addon.cents, "addon")


def _credit_lines(food: int, book: PriceBook, keys: Sequence[str]) -> Iterator[QuoteLine]:
    """The held credits in price-book order, each capped by its own rule and by the floor
    (the party minimum unless the credit may go below it; the deposit always)."""
    taken = 0
    for key, credit in book.credits.items():
        if key not in keys:
            continue
        floor = book.deposit.cents if credit.below_minimum else book.party_minimum_cents
        room = max(0, food - taken - max(floor, book.deposit.cents))
        amount = min(credit.cents, bps_of(food, credit.max_bps), room)
        if amount:
            taken += amount
            yield QuoteLine(
                label=credit.label,
                quantity=1,
                unit_cents=amount,
                amount_cents=amount,
                kind="credit",
                key=key,
            )


def _each(label: str, quantity: int, unit_cents: int, kind: LineKind) -> QuoteLine:
    return QuoteLine(
        label=label,
        quantity=quantity,
        unit_cents=unit_cents,
        amount_cents=quantity * unit_cents,
        kind=kind,
    )


def _lump(label: str, amount_cents: int, kind: LineKind) -> QuoteLine:
    return _each(label, 1, amount_cents, kind)


def _notes(book: PriceBook) -> tuple[str, ...]:
    gratuity, deposit = book.gratuity, book.deposit
    return (
        f"Gratuity is not included; {gratuity.customary_min_pct}-{gratuity.customary_max_pct}% "
        "is customary for your chef.",
        f"A {usd(deposit.cents)} deposit, part of the total, is due to confirm the booking. "
        f"It is fully refundable if you cancel at least {deposit.refundable_days_before} days "
        "before the event, and not refundable after that.",
    )
