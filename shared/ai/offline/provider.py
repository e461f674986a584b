"""The offline tier of the cascade: zero cost, no network, always there.

It answers nothing through the text-in/text-out Provider interface. Offline, the turn
understands with deterministic extraction against the dialogue state
(shared.ai.understanding.offline), decides with the flows and phrases with templates, all
from structured context rather than prompt text. In a cascade it marks where the LLM tiers
end: the turn asks the providers before it for commands and phrasing, and takes the
offline path whenever none of them answers.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.ai.providers.base import Completion, Message, ProviderError, ToolSpec


class OfflineProvider:
    name = "offline"
    model = "rules-v2"

    def complete(
        self,
        messages: Sequence[Message],
        tools: Sequence[ToolSpec] = (),
        *,
        temperature: float = 0.2,
        max_tokens: int = 600,
    ) -> Completion:
        raise ProviderError(self.name, "the offline path is taken by the turn itself")
