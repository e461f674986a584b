"""The panel as configured: one panelist per keyed entry, offline when no key is set, a
typo refused; the judge's order is a seeded shuffle; agreement needs the same amounts."""

from __future__ import annotations

import pytest

from shared.ai.debate.agreement import agree, consensus
from shared.ai.debate.context import Brief, restored
from shared.ai.debate.panel import OFFLINE, UNKNOWN, OfflinePanelist, build_panel
from shared.ai.debate.synthesis import shuffled
from shared.platform.env_secrets import EnvSecrets


def secrets(**values: str) -> EnvSecrets:
    return EnvSecrets(environ=values, dotenv_path=None)


def test_entries_without_a_key_are_left_out_and_offline_stands_in() -> None:
    panel = build_panel("openai:gpt-4o,anthropic:claude-haiku-4-5", secrets(OPENAI_API_KEY="k"))
    assert [p.name for p in panel] == ["openai:gpt-4o"]
    assert [p.name for p in build_panel("openai:gpt-4o", secrets())] == [OFFLINE]
    both = build_panel("offline,openai:gpt-4o,openai:gpt-4o", secrets(OPENAI_API_KEY="k"))
    assert [p.name for p in both] == ["openai:gpt-4o", OFFLINE]  # each panelist once


def test_a_typo_in_the_panel_fails_loudly() -> None:
    with pytest.raises(ValueError, match="unknown provider"):
        build_panel("opena:gpt-4o", secrets())


def test_the_offline_panelist_answers_from_the_knowledge_base_and_never_judges() -> None:
    offline = OfflinePanelist()
    brief = Brief("q?", ("kb: The chef brings the grill.",), kb_answer="The chef brings the grill.")
    assert offline.propose(brief).answer == "The chef brings the grill."
    assert offline.propose(Brief("q?", ())).answer == UNKNOWN
    assert offline.critique(brief, "mine", ["theirs"]).answer == "mine"
    assert offline.judge(brief, ["a", "b"]) is None


def test_the_offline_answer_is_the_closest_passage_without_its_title() -> None:
    context = ["kb: Weather policy: Light rain is no problem.", "fact: deposit = $100"]
    brief = restored("rain?", context)
    assert OfflinePanelist().propose(brief).answer == "Light rain is no problem."


def test_the_judges_order_is_a_permutation_seeded_by_the_debate() -> None:
    names = ["a", "b", "c", "d", "e"]
    orders = {tuple(shuffled(f"debate-{i}", names)) for i in range(20)}
    assert all(sorted(o) == names for o in orders)
    assert shuffled("debate-1", names) == shuffled("debate-1", names)
    assert len(orders) > 1  # not the panel's order every time


def test_answers_that_read_alike_but_quote_different_amounts_disagree() -> None:
    same = "The deposit is $100 and it is refundable up to a week before."
    assert agree([same, same.replace("a week", "7 days")], 0.85)
    assert not agree([same, same.replace("$100", "$150")], 0.85)
    assert not agree([same], 0.85)  # one voice is no agreement


def test_consensus_picks_the_answer_closest_to_the_others() -> None:
    answers = [
        "The chef brings the grill and propane.",
        "Our chef brings the grill and the propane tank.",
        "Parking is free on weekends.",
    ]
    best, confidence = consensus(answers)
    assert best in (0, 1) and 0 < confidence < 1
