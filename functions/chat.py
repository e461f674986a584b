"""POST /chat: one web-chat turn with the AI agent."""

from shared.ai.chat import web_chat
from shared.ai.turn import ChatRequest, ChatResponse
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> ChatResponse:
    return web_chat(call.platform, call.body(ChatRequest))
