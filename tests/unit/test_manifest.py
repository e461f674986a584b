"""The manifest and the functions/ folder must describe exactly the same functions."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from croniter import croniter

import main
from functions.manifest import (
    FUNCTIONS,
    QUEUES_BY_NAME,
    SECRETS,
    TOPICS_BY_NAME,
    PubSubTrigger,
    ScheduleTrigger,
    TaskTrigger,
)

FUNCTIONS_DIR = Path(__file__).resolve().parents[2] / "functions"


def test_every_module_is_in_the_manifest_and_back() -> None:
    modules = {p.stem for p in FUNCTIONS_DIR.glob("*.py")} - {"__init__", "manifest"}
    listed = {f.entry_point for f in FUNCTIONS}
    assert modules - listed == set(), "modules missing from functions/manifest.py"
    assert listed - modules == set(), "manifest rows without a module in functions/"


def test_names_are_unique_and_deployable() -> None:
    names = [f.name for f in FUNCTIONS]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9-]{0,61}[a-z0-9]", name), name


@pytest.mark.parametrize("spec", FUNCTIONS, ids=lambda f: f.name)
def test_each_function_has_a_handler_and_valid_references(spec) -> None:  # type: ignore[no-untyped-def]
    module = importlib.import_module(spec.module)
    assert callable(getattr(module, "handle", None)), f"{spec.module} has no handle()"
    assert callable(getattr(main, spec.entry_point))
    assert set(spec.secrets) <= {s.name for s in SECRETS}
    trigger = spec.trigger
    if isinstance(trigger, PubSubTrigger):
        assert trigger.topic in TOPICS_BY_NAME
    if isinstance(trigger, TaskTrigger):
        assert trigger.queue in QUEUES_BY_NAME
    if isinstance(trigger, ScheduleTrigger):
        assert croniter.is_valid(trigger.cron)


def test_main_refuses_unknown_entry_points() -> None:
    with pytest.raises(AttributeError):
        main.no_such_function  # noqa: B018
