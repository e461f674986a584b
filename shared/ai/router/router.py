"""The intent router: which agent answers, with emotion, urgency and must-escalate flags.

A message that is only small talk goes to the front desk (see `smalltalk`). Otherwise the
embedding classifier answers on its own when it is confident; below the threshold (the
turn passes its AI configuration's; else the shipped default) the route is `unsure` and the
`llm_fallback` hook (wired by the coordinator when an LLM is configured) may name another
agent. Without a hook, or when it fails or answers nonsense, the best guess stands: routing
never blocks a reply. Everything loads on the first `route` (or `warm`) call, once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from shared.ai.router.emotion import detect_emotion, detect_urgency
from shared.ai.router.escalation import must_escalate
from shared.ai.router.model import AGENTS, Route
from shared.ai.router.smalltalk import small_talk

if TYPE_CHECKING:
    from shared.ai.embeddings import Embedder
    from shared.ai.router.classifier import NearestExemplars
    from shared.ai.router.exemplars import Exemplars

log = logging.getLogger(__name__)

# Given the message and the embedding guess, the agent to use, or None to keep the guess.
LlmFallback = Callable[[str, Route], str | None]

FRONT_DESK = "lead"  # answers small talk: greetings, thanks, goodbyes


class IntentRouter:
    def __init__(
        self,
        embedder: Embedder | None = None,
        exemplars: Exemplars | None = None,
        llm_fallback: LlmFallback | None = None,
        threshold: float | None = None,
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self._embedder = embedder
        self._exemplars = exemplars
        self._extra = extra  # (agent, text) added to the exemplars (approved fixes)
        self.llm_fallback = llm_fallback
        if threshold is None:
            from shared.ai.config.model import ROUTER_THRESHOLD

            threshold = ROUTER_THRESHOLD
        self.threshold = threshold
        self._classifier: NearestExemplars | None = None
        self._lock = threading.Lock()

    def route(self, text: str, threshold: float | None = None) -> Route:
        """`threshold`, when given, stands for this call only (a turn's configuration)."""
        embedder, classifier = self._loaded()
        probabilities = classifier.probabilities(embedder.embed([text]))[0]
        scores = {agent: round(float(p), 4) for agent, p in zip(AGENTS, probabilities, strict=True)}
        agent = max(scores, key=lambda a: scores[a])
        feeling = detect_emotion(text)
        escalation = must_escalate(text)
        urgency = detect_urgency(text)
        if escalation in ("safety_incident", "legal_threat"):
            urgency = "high"
        talk = small_talk(text)
        if talk is not None:
            return Route(
                agent=FRONT_DESK,
                confidence=1.0,
                emotion=feeling.emotion,
                intensity=feeling.intensity,
                urgency=urgency,
                must_escalate=escalation,
                scores=scores,
                routed_by="smalltalk",
                smalltalk=talk,
            )
        route = Route(
            agent=agent,
            confidence=scores[agent],
            emotion=feeling.emotion,
            intensity=feeling.intensity,
            urgency=urgency,
            must_escalate=escalation,
            scores=scores,
            unsure=scores[agent] < (self.threshold if threshold is None else threshold),
        )
        if route.unsure and self.llm_fallback is not None:
            return self._ask_llm(text, route)
        return route

    def warm(self) -> None:
        """Load the model and exemplars and run one inference now, instead of on the first
        customer message (onnxruntime sizes its buffers on the first run)."""
        embedder, _ = self._loaded()
        embedder.embed(["warm up"])

    def _ask_llm(self, text: str, route: Route) -> Route:
        assert self.llm_fallback is not None
        try:
            chosen = self.llm_fallback(text, route)
        except Exception:  # the LLM is an optional second opinion, never a point of failure
            log.warning("router LLM fallback failed; keeping %s", route.agent, exc_info=True)
            return route
        if chosen is None or chosen == route.agent:
            return route
        if chosen not in AGENTS:
            log.warning(
                "router LLM fallback named unknown agent %r; keeping %s", chosen, route.agent
            )
            return route
        return replace(route, agent=chosen, routed_by="llm")

    def _loaded(self) -> tuple[Embedder, NearestExemplars]:
        with self._lock:
            if self._embedder is None:
                from shared.ai.embeddings import LocalMiniLM

                self._embedder = LocalMiniLM()
            if self._classifier is None:
                from shared.ai.router.classifier import NearestExemplars
                from shared.ai.router.exemplars import extended_vectors, load_exemplars

                exemplars = self._exemplars or load_exemplars()
                vectors, labels = extended_vectors(exemplars, self._extra, self._embedder)
                self._classifier = NearestExemplars(vectors, AGENTS, labels)
            return self._embedder, self._classifier
