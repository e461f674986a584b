"""Entry points for the chat turn: web chat requests and inbound channel events."""

from __future__ import annotations

from typing import Any

from shared.ai.providers.base import Provider
from shared.ai.turn import ChatRequest, ChatResponse, Inbound, handle_message
from shared.platform.services import Platform


def provider_for(platform: Platform) -> Provider | None:
    """The configured LLM tiers (a cascade), built once per platform; None offline."""
    if "provider" not in platform.extras:
        from shared.ai.turn.understand import llm_tier

        platform.extras["provider"] = llm_tier(_configured(platform))
        if platform.extras["provider"] is not None:
            from shared.ai import routing

            routing.use_llm_for_unsure_routes(platform.extras["provider"])
    provider: Provider | None = platform.extras["provider"]
    return provider


def _configured(platform: Platform) -> Provider:
    from shared.ai.offline.provider import OfflineProvider
    from shared.ai.providers.cascade import build_cascade

    settings = platform.settings
    return build_cascade(
        settings.llm_cascade,
        platform.secrets,
        OfflineProvider(),
        vertex_project=settings.project_id,
        openai_base_url=settings.openai_base_url,
    )


def web_chat(platform: Platform, request: ChatRequest) -> ChatResponse:
    inbound = Inbound(
        channel="web",
        text=request.text,
        handle=request.session_id,
        thread_id=request.thread_id,
        contact=request.contact,
    )
    return handle_message(platform, inbound, provider_for(platform))


def channel_message(platform: Platform, payload: dict[str, Any]) -> ChatResponse:
    """An inbound message another channel stored and published (see the channel adapters)."""
    from shared.ai.inbound import InboundEvent

    event = InboundEvent.model_validate(payload)
    return handle_message(platform, event.to_inbound(), provider_for(platform))
