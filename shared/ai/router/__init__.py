"""Intent routing for the AI turn: agent, calibrated confidence, emotion, urgency, escalation.

Importing this package is cheap: numpy, onnxruntime and the exemplars load on first use.
"""

from shared.ai.router.model import AGENTS, Route
from shared.ai.router.router import IntentRouter, LlmFallback

__all__ = ["AGENTS", "IntentRouter", "LlmFallback", "Route"]
