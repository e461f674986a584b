"""Every conversation case through the offline path (the embedded default: no LLM)."""

from __future__ import annotations

import pytest

from tests.conversations.cases import ALL
from tests.conversations.harness import run_case
from tests.conversations.spec import Case


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_conversation(case: Case) -> None:
    result = run_case(case)
    assert result.passed, result.report()
