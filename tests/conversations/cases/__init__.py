"""Every conversation case, one module per family of customer behaviour.

Each module defines `CASES`; a case's id is `<family>/<name>`. Families cover the breaks
listed in issue 9, each with several phrasings (Spanish and texting shorthand included).
"""

from __future__ import annotations

import importlib

from tests.conversations.spec import Case

FAMILIES = (
    "holds",
    "kids",
    "corrections",
    "proteins",
    "contacts",
    "dates",
    "unavailable",
    "greetings",
    "handoff",
    "faq",
    "changes",
    "spanish",
    "crosscheck",
)


def load() -> list[Case]:
    cases: list[Case] = []
    for family in FAMILIES:
        module = importlib.import_module(f"{__name__}.{family}")
        cases += [Case(**{**case.__dict__, "id": f"{family}/{case.id}"}) for case in module.CASES]
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return cases


ALL = load()
