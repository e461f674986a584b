"""One AI turn, from an inbound customer message to a validated, persisted reply.

handle (store first, staff-owned threads acknowledged, failures escalated) -> answer
(route with must-escalate first, FAQ cache, understand into commands, run the flows) ->
phrase (templates, or an LLM rephrasing; validated, regenerated once, else escalated) ->
finish (reply, trace and dialogue state in one transaction; publish the turn).
"""

from shared.ai.turn.handle import handle_message
from shared.ai.turn.models import ChatRequest, ChatResponse, ContactDetails, Inbound
from shared.ai.turn.phrase import HOLDING_REPLY

__all__ = [
    "HOLDING_REPLY",
    "ChatRequest",
    "ChatResponse",
    "ContactDetails",
    "Inbound",
    "handle_message",
]
