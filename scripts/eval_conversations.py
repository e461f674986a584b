"""The end-state conversation suite as an evaluation: how many cases pass, on which path.

The same cases `make test` runs (tests/conversations/), played against a fresh embedded
platform each, offline and through the LLM path with the scripted command LLM. `make eval`
prints the pass count; `python -m scripts.eval_conversations` also prints every failing
case's checks and transcript.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

from tests.conversations.cases import ALL
from tests.conversations.harness import Result, run_case
from tests.support.command_llm import CommandLLM

Path = Literal["offline", "llm"]
PATHS: tuple[Path, ...] = ("offline", "llm")


def run_path(path: Path) -> list[Result]:
    if path == "offline":
        return [run_case(case) for case in ALL]
    with CommandLLM().running() as llm:
        return [run_case(case, llm=llm) for case in ALL]


def run_all(paths: Sequence[Path] = PATHS) -> tuple[int, int, list[str]]:
    """(cases passed, cases run, a report per failing case) over `paths`."""
    logging.disable(logging.WARNING)  # the turns' own warnings are not the evaluation's output
    try:
        results = [result for path in paths for result in run_path(path)]
    finally:
        logging.disable(logging.NOTSET)
    failures = [r.report() for r in results if not r.passed]
    return len(results) - len(failures), len(results), failures


def main() -> None:
    for path in PATHS:
        passed, total, failures = run_all((path,))
        for report in failures:
            print(report, end="\n\n")
        print(f"conversations ({path}): {passed}/{total} cases pass")


if __name__ == "__main__":
    main()
