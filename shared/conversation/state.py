"""Dialogue state per thread: what the customer told us, where the conversation is, what
the thread booked. Persisted in the document store and written in the same transaction
as the reply (see `store.append`'s `also`), so a reply and its state never disagree.

Slots record where each value came from, so a correction can be told from a first
statement and staff can see why the agent believed something.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from shared.platform.docstore import DocumentStore, Transaction

STATES = "dialogue_states"
SUBSUMES = {"book": ("quote", "availability"), "availability": ("quote",)}

Source = Literal["offline", "llm", "memory", "booking", "contact"]
Language = Literal["en", "es"]


class SlotValue(BaseModel):
    value: Any
    source: Source
    message_id: str | None = None
    corrected: bool = False


class Frame(BaseModel):
    """One flow on the stack; the last frame is the active one."""

    flow: str
    step: str | None = None


class BookingRef(BaseModel):
    """The booking this thread made or the customer named."""

    id: str
    status: str
    manage_link: str | None = None
    deposit_url: str | None = None
    event_date: date | None = None
    start_time: str | None = Field(default=None, description="Local HH:MM")


class DialogueState(BaseModel):
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    stack: list[Frame] = Field(default_factory=list)
    booking: BookingRef | None = None
    asked: str | None = Field(default=None, description="What the last reply asked for")
    offered_times: list[str] = Field(default_factory=list, description="Local HH:MM offered")
    pending: dict[str, Any] = Field(
        default_factory=dict, description="A change awaiting the customer's yes"
    )
    language: Language = "en"

    # -- slots ---------------------------------------------------------------------------

    def get(self, slot: str, default: Any = None) -> Any:
        held = self.slots.get(slot)
        return default if held is None else held.value

    def has(self, slot: str) -> bool:
        return slot in self.slots and self.slots[slot].value not in (None, "", [], {})

    def put(
        self,
        slot: str,
        value: Any,
        *,
        source: Source,
        message_id: str | None,
        corrected: bool = False,
    ) -> None:
        self.slots[slot] = SlotValue(
            value=value, source=source, message_id=message_id, corrected=corrected
        )

    def drop(self, slot: str) -> None:
        self.slots.pop(slot, None)

    def guests(self) -> int | None:
        adults = self.get("adults")
        if adults is None:
            return None
        return int(adults) + int(self.get("children", 0) or 0) + int(self.get("toddlers", 0) or 0)

    def event_date(self) -> date | None:
        value = self.get("event_date")
        return date.fromisoformat(value) if value else None

    # -- flows ---------------------------------------------------------------------------

    @property
    def flow(self) -> str | None:
        return self.stack[-1].flow if self.stack else None

    def push(self, flow: str) -> None:
        """Start `flow`; starting the active flow again just continues it. Booking covers
        quoting and checking times, so it replaces those frames rather than resuming them."""
        if self.flow == flow:
            return
        covered = {flow, *SUBSUMES.get(flow, ())}
        self.stack = [f for f in self.stack if f.flow not in covered] + [Frame(flow=flow)]

    def pop(self) -> None:
        if self.stack:
            self.stack.pop()


def load(store: DocumentStore, thread_id: str) -> DialogueState:
    data = store.get(STATES, thread_id)
    return DialogueState() if data is None else DialogueState.model_validate(data)


def write(tx: Transaction, thread_id: str, state: DialogueState) -> None:
    tx.set(STATES, thread_id, state.model_dump(mode="json"))
