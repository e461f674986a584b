"""Intent routing for the AI turn: agent, calibrated confidence, emotion, urgency, escalation.

Importing this package is cheap: numpy, onnxruntime and the exemplars load on first use.
"""

from shared.ai.router.model import AGENTS, Route
from shared.ai.router.router import DEFAULT_THRESHOLD, IntentRouter, LlmFallback

__all__ = ["AGENTS", "DEFAULT_THRESHOLD", "IntentRouter", "LlmFallback", "Route"]
