"""The typed commands understanding produces and flows consume (CONTRACTS.md §2).

Offline extraction and an LLM emit the same commands; only flows decide and call tools,
so no understanding path can state an amount or make a hold. The JSON Schema of
`CommandList` is the `emit_commands` tool's parameters.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from shared.ai.providers.base import ToolSpec

SlotName = Literal[
    "adults",
    "children",
    "toddlers",
    "children_ages",
    "event_date",
    "start_time",
    "zipcode",
    "address",
    "name",
    "phone",
    "email",
    "proteins",
    "third_protein_portions",
    "addons",
    "occasion",
    "dietary",
]
FlowName = Literal[
    "quote",
    "availability",
    "book",
    "reschedule",
    "cancel",
    "booking_status",
    "payment",
    "handoff",
    "travel",  # extension: the travel fee for a zip
    "menu_price",  # extension: what an upgrade costs per portion
]
SLOT_NAMES: tuple[str, ...] = SlotName.__args__  # type: ignore[attr-defined]
FLOW_NAMES: tuple[str, ...] = FlowName.__args__  # type: ignore[attr-defined]


class _Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SetSlot(_Command):
    type: Literal["set_slot"] = "set_slot"
    slot: SlotName
    value: Any


class CorrectSlot(_Command):
    """Overrides what was said before, even a held booking's draft."""

    type: Literal["correct_slot"] = "correct_slot"
    slot: SlotName
    value: Any


class ClearSlot(_Command):
    type: Literal["clear_slot"] = "clear_slot"
    slot: SlotName
    item: str | None = Field(default=None, description="One protein or add-on key to remove")


class StartFlow(_Command):
    type: Literal["start_flow"] = "start_flow"
    flow: FlowName


class CancelFlow(_Command):
    type: Literal["cancel_flow"] = "cancel_flow"


class Confirm(_Command):
    type: Literal["confirm"] = "confirm"


class Deny(_Command):
    type: Literal["deny"] = "deny"


class Knowledge(_Command):
    type: Literal["knowledge"] = "knowledge"
    query: str = Field(max_length=500)


class Handoff(_Command):
    type: Literal["handoff"] = "handoff"
    reason: str = Field(max_length=300)


class SmallTalk(_Command):
    type: Literal["smalltalk"] = "smalltalk"
    kind: Literal["greeting", "thanks", "goodbye", "other"]


class Clarify(_Command):
    """Extension: the message touches `slot` but could not be read with confidence (or two
    readers disagree); the flow asks instead of guessing. `options`: what it might mean."""

    type: Literal["clarify"] = "clarify"
    slot: str = Field(max_length=40)
    about: str | None = Field(default=None, max_length=80)
    options: list[str] = Field(default_factory=list, max_length=6)


class SetLanguage(_Command):
    type: Literal["set_language"] = "set_language"
    language: Literal["en", "es"]


Command = Annotated[
    SetSlot
    | CorrectSlot
    | ClearSlot
    | StartFlow
    | CancelFlow
    | Confirm
    | Deny
    | Knowledge
    | Handoff
    | SmallTalk
    | Clarify
    | SetLanguage,
    Field(discriminator="type"),
]


class CommandList(BaseModel):
    """Everything the customer's latest message says, as commands against the state."""

    model_config = ConfigDict(extra="forbid")

    commands: list[Command] = Field(max_length=30)


_LIST = TypeAdapter(CommandList)

EMIT_COMMANDS = "emit_commands"
EMIT_DESCRIPTION = (
    "Report what the customer's latest message says as commands: slots it sets or corrects, "
    "the flow it starts (quote, availability, book, reschedule, cancel, booking_status, "
    "payment, handoff), a yes/no to the last question, a side question for the knowledge "
    "base, small talk, or the language. Never compute prices or make bookings yourself."
)


def emit_commands_spec() -> ToolSpec:
    schema = CommandList.model_json_schema()
    schema.pop("title", None)
    return ToolSpec(EMIT_COMMANDS, EMIT_DESCRIPTION, schema)


def parse_commands(arguments: dict[str, Any]) -> list[Command] | None:
    """The commands in an `emit_commands` call, or None when they do not fit the schema."""
    try:
        return list(_LIST.validate_python(arguments).commands)
    except ValidationError:
        return None
