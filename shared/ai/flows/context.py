"""What a flow step sees and produces in one turn.

A step reads the dialogue state and this message's commands, calls tools only through
`call` (so every result is recorded for the trace and the validator's evidence), and
writes sentences through `say`/`ask` in the conversation's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shared.ai.flows import phrases
from shared.conversation.state import DialogueState, Source
from shared.platform.services import Platform
from shared.pricing.models import PriceBook

ToolCaller = Callable[[str, dict[str, Any]], dict[str, Any]]


@dataclass
class FlowContext:
    platform: Platform
    state: DialogueState
    text: str
    today: date
    call: ToolCaller
    book: PriceBook
    source: Source
    message_id: str | None
    changed: set[str] = field(default_factory=set)
    confirmed: bool = False
    denied: bool = False
    parts: list[str] = field(default_factory=list)
    quick_replies: list[str] = field(default_factory=list)
    escalation: dict[str, str] | None = None
    asked_now: bool = False  # a question has been put this turn (the next one waits)
    unclear: bool = False  # nothing in the message could be read
    ran: list[str] = field(default_factory=list)  # flows whose steps ran this turn
    unanswered: list[str] = field(default_factory=list)  # questions the knowledge base missed

    @property
    def lang(self) -> str:
        return self.state.language

    def phrase(self, key: str, **values: Any) -> str:
        """A phrase in the conversation's language, not yet said."""
        return phrases.say(key, self.lang, **values)

    def say(self, key: str, **values: Any) -> None:
        self.parts.append(self.phrase(key, **values))

    def ask(self, asked: str, key: str, **values: Any) -> None:
        """Put one question to the customer; what the reply means is read against `asked`."""
        self.say(key, **values)
        self.state.asked = asked
        self.asked_now = True

    def escalate(self, reason: str, priority: str = "normal") -> None:
        result = self.call("escalate_to_human", {"reason": reason[:300], "priority": priority})
        if "error" not in result:
            self.escalation = {"reason": reason, "priority": priority}

    @property
    def reply(self) -> str:
        return " ".join(p for p in self.parts if p)
