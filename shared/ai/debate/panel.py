"""The panel: one panelist per configured provider (HIBACHI_DEBATE_PANEL, the cascade's
spec format), each asked on its own rather than through the cascade, so a failing vendor
is recorded as that panelist's failure instead of being answered for by the next one.
Without keys the panel is the offline panelist, which answers from the knowledge base."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from shared.ai.debate import prompts
from shared.ai.debate.context import Brief
from shared.ai.providers.base import Completion, Message, Provider, ProviderError
from shared.platform.secrets import SecretStore
from shared.platform.services import Port

OFFLINE = "offline"
UNKNOWN = "The knowledge base does not cover this; a person on the team should confirm."


@dataclass(frozen=True)
class Said:
    answer: str
    critique: str = ""
    cost_usd: float = 0.0


@dataclass(frozen=True)
class Ruling:
    answer: str
    confidence: float
    cost_usd: float


class Panelist(Protocol):
    name: str

    def propose(self, brief: Brief) -> Said: ...

    def critique(self, brief: Brief, own: str, others: Sequence[str]) -> Said: ...

    def judge(self, brief: Brief, answers: Sequence[str]) -> Ruling | None:
        """The synthesis, or None when this panelist cannot judge. Raises ProviderError."""
        ...


DEBATE_PANEL: Port[Sequence[Panelist]] = Port("debate-panel")


class LLMPanelist:
    """A provider on the panel. Raises ProviderError when its vendor fails."""

    def __init__(self, provider: Provider) -> None:
        self._provider = provider
        model = getattr(provider, "model", "")
        self.name = f"{provider.name}:{model}" if model else provider.name

    def _ask(self, messages: list[Message]) -> Completion:
        completion = self._provider.complete(messages, temperature=0.3, max_tokens=500)
        if not completion.text.strip():
            raise ProviderError(self.name, "empty answer", retryable=False)
        return completion

    def propose(self, brief: Brief) -> Said:
        done = self._ask(prompts.propose(brief))
        return Said(done.text.strip(), cost_usd=done.usage.cost_usd)

    def critique(self, brief: Brief, own: str, others: Sequence[str]) -> Said:
        done = self._ask(prompts.critique(brief, own, others))
        critique, _, answer = done.text.partition("ANSWER:")
        if not answer.strip():  # it ignored the format: the whole reply is its answer
            return Said(done.text.strip(), cost_usd=done.usage.cost_usd)
        return Said(answer.strip(), critique.replace("CRITIQUE:", "").strip(), done.usage.cost_usd)

    def judge(self, brief: Brief, answers: Sequence[str]) -> Ruling | None:
        done = self._ask(prompts.judge(brief, answers))
        found = re.search(r"\{.*\}", done.text, re.S)
        try:
            data = json.loads(found.group(0) if found else "")
            answer, confidence = str(data["answer"]).strip(), float(data["confidence"])
        except (ValueError, TypeError, KeyError):
            raise ProviderError(
                self.name, "judge reply is not the JSON asked for", retryable=False
            ) from None
        if not answer:
            raise ProviderError(self.name, "judge gave an empty answer", retryable=False)
        return Ruling(answer, min(1.0, max(0.0, confidence)), done.usage.cost_usd)


class OfflinePanelist:
    """No network: proposes the knowledge base's closest passage, keeps it through the
    critiques and leaves judging to the panel's agreement."""

    name = OFFLINE

    def propose(self, brief: Brief) -> Said:
        return Said(brief.kb_answer or UNKNOWN)

    def critique(self, brief: Brief, own: str, others: Sequence[str]) -> Said:
        return Said(own)

    def judge(self, brief: Brief, answers: Sequence[str]) -> Ruling | None:
        return None


class _Marker:
    """Stands for `offline` in the spec handed to the cascade builder (it never answers)."""

    name = OFFLINE

    def complete(self, *args: object, **kwargs: object) -> Completion:
        raise ProviderError(OFFLINE, "placeholder")


def build_panel(
    spec: str,
    secrets: SecretStore,
    *,
    vertex_project: str | None = None,
    openai_base_url: str | None = None,
) -> list[Panelist]:
    """One panelist per entry whose key is configured; the offline panelist when the spec
    names it or no LLM is left. A malformed spec raises ValueError, as the cascade does."""
    from shared.ai.providers.cascade import build_cascade

    marker = _Marker()
    named = [e.strip() for e in spec.split(",") if e.strip()]
    llms = [e for e in named if e != OFFLINE]
    built = build_cascade(
        ",".join([*llms, OFFLINE]),
        secrets,
        marker,
        vertex_project=vertex_project,
        openai_base_url=openai_base_url,
    ).providers
    panel: list[Panelist] = []
    for provider in built:
        panelist = LLMPanelist(provider) if provider is not marker else None
        if panelist is not None and all(p.name != panelist.name for p in panel):
            panel.append(panelist)  # a model named twice sits on the panel once
    if OFFLINE in named or not panel:
        panel.append(OfflinePanelist())
    return panel
