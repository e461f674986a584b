"""Entry points for the chat turn: web chat requests and inbound channel events."""

from __future__ import annotations

from typing import Any

from shared.ai.providers.base import Provider
from shared.ai.turn import ChatRequest, ChatResponse, Inbound, handle_message
from shared.platform.services import Platform


def provider_for(platform: Platform) -> Provider:
    """The configured cascade, built once per platform."""
    if "provider" not in platform.extras:
        from shared.ai.offline.provider import OfflineProvider
        from shared.ai.providers.cascade import Cascade, build_cascade

        settings = platform.settings
        configured = build_cascade(
            settings.llm_cascade,
            platform.secrets,
            OfflineProvider(confident_only=True),
            vertex_project=settings.project_id,
        )
        if len(configured.providers) == 1:  # offline alone: it must always answer
            configured = Cascade([OfflineProvider()])
        else:  # offline where sure, the LLMs, then offline again as the last fallback
            from shared.ai import routing

            routing.use_llm_for_unsure_routes(Cascade(configured.providers[1:]))
            configured = Cascade([*configured.providers, OfflineProvider()])
        platform.extras["provider"] = configured
    provider: Provider = platform.extras["provider"]
    return provider


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
