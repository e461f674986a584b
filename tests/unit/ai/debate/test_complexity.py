"""The business's complexity table: FAQ-like is simple, a new question medium, and a
multi-part money question or a complaint complex; the record explains each score."""

from __future__ import annotations

import pytest

from shared.ai.debate.complexity import assess


@pytest.mark.parametrize(
    ("question", "kb_score", "level", "rounds"),
    [
        ("What time does the chef arrive?", 0.82, "simple", 1),
        ("Can the chef cook on a houseboat?", 0.38, "medium", 2),
        ("How much is the deposit, and can we also pay the rest by Zelle?", 0.6, "complex", 4),
        ("The chef was late and rude, I want to complain", 0.3, "complex", 4),
    ],
)
def test_levels_follow_the_table(question: str, kb_score: float, level: str, rounds: int) -> None:
    assessed = assess(question, kb_score)
    assert (assessed.level, assessed.rounds) == (level, rounds)
    assert (assessed.score < 0.3) == (level == "simple")
    assert (assessed.score > 0.7) == (level == "complex")


def test_each_component_says_why_and_the_score_is_their_noisy_or() -> None:
    assessed = assess("How much extra for a tent? And do you also bring chairs?", None)
    by_name = {c.name: c for c in assessed.components}
    assert by_name["pricing"].value == 1.0 and by_name["pricing"].why == "asks about money"
    assert by_name["parts"].why == "2 question part(s)"
    assert by_name["complaint"].value == 0.0 and by_name["complaint"].why == "no complaint words"
    assert by_name["novelty"].value == 1.0 and "no knowledge-base match" in by_name["novelty"].why
    remaining = 1.0
    for c in assessed.components:
        remaining *= 1 - c.weight * c.value
    assert assessed.score == pytest.approx(1 - remaining, abs=1e-3)


def test_a_question_the_knowledge_base_knows_is_less_novel() -> None:
    known, unknown = assess("Do you cook indoors?", 0.9), assess("Do you cook indoors?", 0.2)
    assert known.score < unknown.score
