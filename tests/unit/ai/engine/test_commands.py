"""The command wire format (CONTRACTS.md §2): one schema for the LLM tool and the offline
path, unknown shapes refused rather than guessed."""

from __future__ import annotations

from shared.ai import commands as c


def test_the_tool_schema_offers_every_command_type() -> None:
    spec = c.emit_commands_spec()
    assert spec.name == "emit_commands"
    schema = str(spec.parameters)
    for kind in (
        "set_slot",
        "correct_slot",
        "clear_slot",
        "start_flow",
        "cancel_flow",
        "confirm",
        "deny",
        "knowledge",
        "handoff",
        "smalltalk",
        "set_language",
        "clarify",
    ):
        assert f"'{kind}'" in schema


def test_commands_parse_by_their_type() -> None:
    parsed = c.parse_commands(
        {
            "commands": [
                {"type": "set_slot", "slot": "adults", "value": 12},
                {"type": "correct_slot", "slot": "event_date", "value": "2026-12-05"},
                {"type": "clear_slot", "slot": "proteins", "item": "lobster_tail"},
                {"type": "start_flow", "flow": "book"},
                {"type": "confirm"},
                {"type": "knowledge", "query": "do you bring the grill?"},
                {"type": "set_language", "language": "es"},
            ]
        }
    )
    assert parsed is not None
    assert [type(x) for x in parsed] == [
        c.SetSlot,
        c.CorrectSlot,
        c.ClearSlot,
        c.StartFlow,
        c.Confirm,
        c.Knowledge,
        c.SetLanguage,
    ]


def test_a_malformed_list_is_refused_whole() -> None:
    for bad in (
        {"commands": [{"type": "set_slot", "slot": "price", "value": 1}]},  # not a slot
        {"commands": [{"type": "start_flow", "flow": "refund_everything"}]},
        {"commands": [{"type": "confirm", "extra": True}]},
        {"cmds": []},
    ):
        assert c.parse_commands(bad) is None
