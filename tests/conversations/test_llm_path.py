"""Every conversation case through the LLM path: the cascade's LLM is a scripted fake that
emits the case's commands (tests/support/command_llm.py), so both paths share the flows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conversations.cases import ALL
from tests.conversations.harness import run_case
from tests.conversations.spec import Case
from tests.support.command_llm import CommandLLM


@pytest.fixture(scope="module")
def command_llm() -> Iterator[CommandLLM]:
    with CommandLLM().running() as fake:
        yield fake


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_conversation(case: Case, command_llm: CommandLLM) -> None:
    result = run_case(case, llm=command_llm)
    assert result.passed, result.report()
