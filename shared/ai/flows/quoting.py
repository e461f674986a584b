"""Prices: the party quote, an upgrade's price, the travel fee. Every amount said here is
read from the tool result it came with."""

from __future__ import annotations

from typing import Any

from shared.ai.flows.context import FlowContext
from shared.ai.flows.phrases import counted, day, listing, say, usd
from shared.conversation.state import DialogueState
from shared.pricing.models import PriceBook

_EXTRAS = {"upgrade", "third_protein", "addon"}
_ESCALATE = {"outside_service_area", "custom_event", "tool_failed"}
_FIELD_WORDS = {
    "adults": "the number of adults",
    "children": "the number of kids",
    "toddlers": "the number of little ones",
    "protein_selections": "the protein choices (more portions than guests?)",
    "third_protein_portions": "the number of third proteins",
    "addons": "the add-ons",
    "customer_zipcode": "the zip code",
    "event_date": "the date",
    "start_time": "the start time",
    "address": "the street address",
    "contact": "the name and phone or email",
}


def portions(state: DialogueState, book: PriceBook) -> dict[str, int]:
    """Protein portions for the quote. A protein named without a count is one per guest
    ("filet for everyone"), unless that is more than the party can eat beside the counted
    ones: then it is for the rest of the party ("4 want salmon, the rest chicken and
    shrimp": 4 salmon, 4 chicken, 4 shrimp)."""
    guests = state.guests() or 0
    chosen = state.get("proteins", {}) or {}
    counted = {k: int(v) for k, v in chosen.items() if v is not None}
    uncounted = [k for k, v in chosen.items() if v is None]
    cap = guests * book.proteins_per_guest + third_portions(state)
    each = guests
    if counted and sum(counted.values()) + guests * len(uncounted) > cap:
        each = max(guests - sum(counted.values()), 0)
    return counted | dict.fromkeys(uncounted, each)


def third_portions(state: DialogueState) -> int:
    if "third_protein_portions" not in state.slots:
        return 0
    value = state.get("third_protein_portions")
    return state.guests() or 0 if value is None else int(value)


def quote_args(state: DialogueState, book: PriceBook) -> dict[str, Any]:
    return {
        "adults": state.get("adults"),
        "children": state.get("children", 0) or 0,
        "toddlers": state.get("toddlers", 0) or 0,
        "protein_selections": portions(state, book),
        "third_protein_portions": third_portions(state),
        "addons": list(state.get("addons", []) or []),
        "customer_zipcode": state.get("zipcode"),
        "event_date": state.get("event_date"),
    }


def tool_error(ctx: FlowContext, error: dict[str, Any]) -> None:
    """A tool's error in the customer's words (never a field name), or a handoff.

    Field errors come as `fields` (arguments the tool's schema refused) or `errors` (the
    tool's own validation); too many portions is explained with the party's numbers."""
    code = error.get("code", "")
    if code in _ESCALATE:
        from shared.ai.flows.service_info import hand_off

        hand_off(ctx, code)
        return
    found = [*(error.get("fields") or []), *(error.get("errors") or [])]
    if any(f.get("type") == "too_many_portions" for f in found):
        _too_many_portions(ctx)
        return
    fields = [str(f.get("field", "")).split(".")[0] for f in found]
    words = [_FIELD_WORDS[f] for f in fields if f in _FIELD_WORDS]
    if words:
        ctx.say("error.party", what=listing(sorted(set(words)), ctx.lang, both=True))
    else:
        ctx.say("error.generic")


def _too_many_portions(ctx: FlowContext) -> None:
    """More portions than the guests eat: say the numbers and ask for the split."""
    guests = ctx.state.guests() or 0
    party = counted(guests, "guests", ctx.lang)
    per, thirds = ctx.book.proteins_per_guest, ctx.book.max_third_proteins_per_guest
    listed = sum(portions(ctx.state, ctx.book).values())
    if third_portions(ctx.state) > guests * thirds:
        ctx.ask(
            "third_protein_portions", "error.too_many_thirds", guests=party, most=guests * thirds
        )
        return
    ctx.ask(
        "proteins",
        "error.too_many_portions",
        listed=listed,
        guests=party,
        per=per,
        cap=guests * per,
    )


def quote_sentences(result: dict[str, Any], lang: str) -> list[str]:
    """A quote tool result as the reply's sentences (every amount read from the result)."""
    parts = [
        say(
            "quote.total",
            lang,
            guests=counted(result["guests"], "guests", lang),
            day=day(result["event_date"], lang),
            total=usd(result["total_cents"]),
        )
    ]
    if result["minimum_applied"]:
        parts.append(say("quote.minimum", lang, minimum=usd(result["party_minimum_cents"])))
    upgrades = [
        f"{line['quantity']} x {line['label']} {usd(line['amount_cents'])}"
        for line in result["lines"]
        if line.get("kind") in _EXTRAS and line["amount_cents"]
    ]
    if upgrades:
        parts.append(say("quote.upgrades", lang, lines=listing(upgrades, lang, both=True)))
    if result["surcharge_cents"]:
        amount = usd(result["surcharge_cents"])
        parts.append(say("quote.surcharge", lang, amount=amount, name=result["peak_day"]))
    if result["travel_cents"]:
        amount = usd(result["travel_cents"])
        parts.append(say("quote.travel", lang, amount=amount, miles=result["road_miles"]))
    parts.append(say("quote.deposit", lang, deposit=usd(result["deposit_cents"])))
    return parts


def _quote_reply(ctx: FlowContext, result: dict[str, Any]) -> None:
    *facts, offer = quote_sentences(result, ctx.lang)
    ctx.parts.extend(facts)
    ctx.parts.append(offer)
    ctx.state.asked = "offer_availability"
    ctx.asked_now = True
    ctx.quick_replies[:] = _offer_replies(ctx)


def _offer_replies(ctx: FlowContext) -> list[str]:
    if ctx.lang == "es":
        return ["Ver horarios", "Reservar"]
    return ["Check start times", "Book it"]


def finish_quote(ctx: FlowContext) -> bool:
    result = ctx.call("calculate_party_quote", quote_args(ctx.state, ctx.book))
    if "error" in result:
        tool_error(ctx, result["error"])
    else:
        _quote_reply(ctx, result)
    return True


def finish_travel(ctx: FlowContext) -> bool:
    result = ctx.call("calculate_travel_fee", {"customer_zipcode": ctx.state.get("zipcode")})
    if "error" in result:
        tool_error(ctx, result["error"])
        return True
    values = {
        "miles": result["road_miles"],
        "market": result["market"],
        "free": result["free_miles"],
        "fee": usd(result["travel_cents"]),
    }
    ctx.say("travel.fee" if result["travel_cents"] else "travel.free", **values)
    return True


def finish_menu_price(ctx: FlowContext) -> bool:
    """'How much is lobster tail extra?': the upgrade per portion, from the price tool."""
    asked: dict[str, Any] = ctx.state.pending.pop("menu_price", {}) or {}
    proteins = {k: 1 for k in asked.get("proteins", [])}
    third = 1 if asked.get("third") else 0
    if not proteins and not third:
        from shared.ai.flows.service_info import answer_knowledge

        answer_knowledge(ctx, ctx.text)
        return True
    result = ctx.call(
        "calculate_protein_costs",
        {"protein_selections": proteins, "third_protein_portions": third},
    )
    lines = []
    for line in result.get("lines", []):
        key = "menu.upgrade_line" if line["upgrade_cents"] else "menu.included_line"
        lines.append(ctx.phrase(key, protein=line["protein"], amount=usd(line["upgrade_cents"])))
    if lines:
        joined = "; ".join(lines)
        ctx.say("menu.upgrade", lines=joined[0].upper() + joined[1:])
    if result.get("third_protein_cents"):
        ctx.say("menu.third", amount=usd(result["third_protein_cents"]))
    if not ctx.parts:
        ctx.say("error.generic")
    return True
