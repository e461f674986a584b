"""Entry points for the chat turn: web chat requests and inbound channel events."""

from __future__ import annotations

from typing import Any

from shared.ai.providers.base import LLM_TIERS
from shared.ai.turn import ChatRequest, ChatResponse, Inbound, handle_message
from shared.platform.services import Platform


def web_chat(platform: Platform, request: ChatRequest) -> ChatResponse:
    inbound = Inbound(
        channel="web",
        text=request.text,
        handle=request.session_id,
        thread_id=request.thread_id,
        contact=request.contact,
    )
    return handle_message(platform, inbound, platform.adapter(LLM_TIERS))


def channel_message(platform: Platform, payload: dict[str, Any]) -> ChatResponse:
    """An inbound message another channel stored and published (see the channel adapters)."""
    from shared.ai.inbound import InboundEvent

    event = InboundEvent.model_validate(payload)
    return handle_message(platform, event.to_inbound(), platform.adapter(LLM_TIERS))
