"""Answers that are not a booking step: payment questions, knowledge-base answers, small
talk, clarifying questions, and the handoff to a person (with when they will answer)."""

from __future__ import annotations

from typing import Any

from shared.ai import commands as c
from shared.ai.flows.context import FlowContext
from shared.ai.flows.phrases import listing, usd
from shared.ai.understanding import intents
from shared.conversation import hours

_METHODS = (
    "venmo",
    "zelle",
    "cash app",
    "cashapp",
    "paypal",
    "card",
    "credit",
    "pay with",
    "pay by",
    "pagar con",
)


def finish_payment(ctx: FlowContext) -> bool:
    low = ctx.text.lower()
    deposit = ctx.book.deposit
    booking = ctx.state.booking
    if any(m in low for m in _METHODS):
        ctx.say("payment.methods")
    else:
        ctx.say("payment.deposit", deposit=usd(deposit.cents), days=deposit.refundable_days_before)
    if booking and booking.status == "held" and booking.deposit_url:
        ctx.say("payment.link", id=booking.id, url=booking.deposit_url)
    return True


def hand_off(ctx: FlowContext, reason: str, priority: str = "normal") -> None:
    eta = hours.eta(ctx.platform.clock.now(), ctx.lang)
    ctx.escalate(reason, priority)
    ctx.say("complaint" if reason.startswith("complaint") else "handoff", eta=eta)


def finish_handoff(ctx: FlowContext) -> bool:
    hand_off(ctx, ctx.state.pending.pop("handoff_reason", None) or "customer asked for a person")
    return True


# Below this similarity the best passage is about something else: say we don't know.
KB_MIN_SCORE = 0.45


def _kb_text(result: dict[str, Any]) -> str | None:
    hits = result.get("results") or []
    if not hits or float(hits[0]["score"]) < KB_MIN_SCORE:
        return None
    # A chunk is "<title>: <paragraph>" (titles may hold a colon themselves).
    text: str = hits[0]["text"].removeprefix(f"{hits[0].get('title', '')}: ").strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _best_search(ctx: FlowContext, query: str) -> dict[str, Any]:
    """Search with the question as understood and, when that is a paraphrase (an LLM's),
    with the customer's own words too (the question's clause alone when the message also
    carried other details): whichever finds the closer passage answers."""
    own = intents.side_question(ctx.text) or ctx.text
    results = [
        ctx.call("search_knowledge", {"query": q[:300], "language": ctx.lang})
        for q in dict.fromkeys((query, own))
    ]

    def top(result: dict[str, Any]) -> float:
        hits = result.get("results") or []
        return float(hits[0]["score"]) if hits else -1.0

    return max(results, key=top)


def answer_knowledge(ctx: FlowContext, query: str) -> bool:
    """Answer from the knowledge base (an LLM, when configured, rephrases the whole reply);
    False when the knowledge base has nothing on it."""
    result = _best_search(ctx, query)
    answer = _kb_text(result)
    ctx.ran.append("knowledge")
    if answer is None:
        return False
    ctx.parts.append(answer)
    return True


def smalltalk(ctx: FlowContext, kind: str) -> None:
    ctx.say(f"smalltalk.{kind}")


def clarify(ctx: FlowContext, request: c.Clarify) -> None:
    """Ask instead of guessing: an ambiguous protein, an unsure count or date, a conflict."""
    if request.slot == "proteins" and request.about:
        choices = ctx.book.protein_choices(request.about) or tuple(request.options)
        shown = []
        for key in choices:
            protein = ctx.book.proteins.get(key)
            if protein is None:
                continue
            price = (
                f"+{usd(protein.upgrade_cents)}"
                if protein.upgrade_cents
                else ("incluido" if ctx.lang == "es" else "included")
            )
            shown.append(f"{protein.label} ({price})")
        if shown:
            ctx.ask(
                "clarify:proteins",
                "clarify.protein",
                word=request.about,
                options=listing(shown, ctx.lang),
            )
            return
    if request.options:
        ctx.ask(f"clarify:{request.slot}", "conflict", options=listing(request.options, ctx.lang))
        return
    slot = (
        "guests" if request.slot in ("guests", "adults", "children", "toddlers") else request.slot
    )
    key = f"clarify.{slot}"
    from shared.ai.flows.phrases import T

    asked = "adults" if slot == "guests" else slot
    ctx.ask(asked, key if key in T else "clarify")
