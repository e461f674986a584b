"""Concurrent AI configuration publishes, on every store: one wins, the others get 409."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from shared.ai.config import store as ai_configs
from shared.ai.config.model import AIConfig, default_config
from shared.platform.errors import Conflict
from tests.contract.conftest import in_threads

EDITORS = 8
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def edit(name: str, i: int) -> AIConfig:
    return default_config().model_copy(update={"version": name, "router_threshold": i / 100})


def outcome(results: list[object]) -> tuple[list[AIConfig], list[str]]:
    won = [r for r in results if isinstance(r, AIConfig)]
    lost = [r.code for r in results if isinstance(r, Conflict)]
    assert len(won) + len(lost) == len(results), results  # nothing else went wrong
    return won, lost


def test_the_same_new_version_published_at_once_is_created_once(empty_store) -> None:  # type: ignore[no-untyped-def]
    name = f"v-{uuid.uuid4().hex[:8]}"
    results = in_threads(
        EDITORS,
        lambda i: ai_configs.publish(empty_store, edit(name, i), actor=f"owner:{i}", now=NOW),
    )
    won, lost = outcome(results)
    assert len(won) == 1 and lost == ["ai_config_version_exists"] * (EDITORS - 1)
    assert ai_configs.current(empty_store).router_threshold == won[0].router_threshold


def test_edits_of_the_same_version_published_at_once_one_wins(empty_store) -> None:  # type: ignore[no-untyped-def]
    ai_configs.seed(empty_store, NOW)
    names = [f"v-{uuid.uuid4().hex[:8]}" for _ in range(EDITORS)]
    results = in_threads(
        EDITORS,
        lambda i: ai_configs.publish(
            empty_store, edit(names[i], i), actor=f"owner:{i}", now=NOW, based_on="default"
        ),
    )
    won, lost = outcome(results)
    assert len(won) == 1 and lost == ["ai_config_changed"] * (EDITORS - 1)
    assert ai_configs.current(empty_store).version == won[0].version
    assert len(ai_configs.versions(empty_store)) == 2  # the seed and the winner
