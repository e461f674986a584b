"""The README's training-data section states the numbers the code uses."""

from __future__ import annotations

from pathlib import Path

from shared.learning.training import export, validate
from shared.learning.training.score import BASE, POINTS, Signals, score
from shared.platform.config import Settings

ROOT = Path(__file__).resolve().parents[4]
SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("### Training data")[1]
SECTION = " ".join(SECTION.split("\n## ")[0].split())  # wrapping does not matter


def _signed(points: float) -> str:
    return f"{points:+.1f}"


def test_the_score_table_matches_the_points() -> None:
    assert f"| base | {_signed(BASE)} |" in SECTION
    for key, words in (
        ("validator_clean", "passed first time"),
        ("validator_blocked", "a draft was blocked"),
        ("not_escalated", "answered without staff"),
        ("escalated", "handed to staff"),
        ("paid", "a deposit was paid"),
        ("held", "a hold was made"),
        ("helpful", "helpful"),
        ("unhelpful", "unhelpful"),
        ("corrected", "when staff replied"),
    ):
        assert f"{_signed(POINTS[key])} {words}" in SECTION, key


def test_the_stated_default_threshold_and_limits_are_the_codes() -> None:
    default = Settings().training_min_score
    assert score(Signals()).value == default
    assert f"A clean unrated reply scores {default}" in SECTION
    assert f"every {export.PROGRESS_EVERY} examples" in SECTION
    limits = validate.LIMITS
    assert f"({limits['openai'].max_example_tokens:,} OpenAI, " in SECTION
    assert f"{limits['vertex'].max_example_tokens:,} Vertex)" in SECTION
    assert f"minimum ({limits['openai'].min_examples}, {limits['vertex'].min_examples})" in SECTION
