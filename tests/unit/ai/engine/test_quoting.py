"""The quote's portions for proteins named without a count, and the quote tool's
validation errors said in plain words (never the generic apology)."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from shared.ai.flows.context import FlowContext
from shared.ai.flows.quoting import portions, tool_error
from shared.conversation.state import DialogueState
from shared.platform.services import Platform
from shared.pricing.price_book import default_price_book

BOOK = default_price_book()


def _state(adults: int, proteins: dict[str, int | None], third: int | None = 0) -> DialogueState:
    state = DialogueState()
    state.put("adults", adults, source="offline", message_id="m1")
    state.put("proteins", proteins, source="offline", message_id="m1")
    if third:
        state.put("third_protein_portions", third, source="offline", message_id="m1")
    return state


def _ctx(state: DialogueState) -> FlowContext:
    def no_tools(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        raise AssertionError(f"no tool expected, got {name}")

    return FlowContext(
        platform=cast(Platform, None),
        state=state,
        text="",
        today=date(2026, 11, 21),
        call=no_tools,
        book=BOOK,
        source="offline",
        message_id="m1",
    )


def test_an_uncounted_protein_is_one_per_guest_when_that_fits() -> None:
    state = _state(8, {"filet_mignon": None, "lobster_tail": 4})
    assert portions(state, BOOK) == {"filet_mignon": 8, "lobster_tail": 4}


def test_uncounted_proteins_that_cannot_all_be_per_guest_share_the_rest() -> None:
    state = _state(8, {"salmon": 4, "chicken": None, "shrimp": None})
    assert portions(state, BOOK) == {"salmon": 4, "chicken": 4, "shrimp": 4}


TOO_MANY = {
    "code": "validation_failed",
    "message": "protein_selections: 30 portions listed but 8 guests eat at most 16",
    "errors": [
        {"field": "protein_selections", "message": "30 portions", "type": "too_many_portions"}
    ],
}


def test_too_many_portions_is_explained_with_the_partys_numbers() -> None:
    ctx = _ctx(_state(8, {"salmon": 10, "chicken": 10, "shrimp": 10}))
    tool_error(ctx, TOO_MANY)
    assert "30 portions" in ctx.reply and "8 guests have 16" in ctx.reply
    assert "couldn't work that out" not in ctx.reply
    assert ctx.state.asked == "proteins"


def test_too_many_third_proteins_is_explained() -> None:
    ctx = _ctx(_state(8, {}, third=12))
    error = {
        "code": "validation_failed",
        "errors": [{"field": "third_protein_portions", "type": "too_many_portions"}],
    }
    tool_error(ctx, error)
    assert "8 for 8 guests" in ctx.reply
    assert ctx.state.asked == "third_protein_portions"


def test_a_tools_own_field_error_names_the_field_in_words() -> None:
    ctx = _ctx(_state(8, {}))
    tool_error(ctx, {"code": "validation_failed", "errors": [{"field": "event_date"}]})
    assert "the date" in ctx.reply and "couldn't work that out" not in ctx.reply


def test_spanish_explains_too_many_portions_too() -> None:
    state = _state(8, {"salmon": 10, "chicken": 10, "shrimp": 10})
    state.language = "es"
    ctx = _ctx(state)
    tool_error(ctx, TOO_MANY)
    assert "30 porciones" in ctx.reply and "8 invitados" in ctx.reply
