"""Each format's validator: rendered examples pass; each kind of bad record is reported."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.learning.training import validate
from shared.learning.training.examples import Example, Turn
from shared.learning.training.formats import Format, openai_record, vertex_record
from shared.learning.training.score import Signals, score
from shared.learning.training.validate import LIMITS, FormatReport, Limits, Validator

TURNS = [
    Turn(role="user", text="how much for 20 adults?"),
    Turn(role="assistant", text="For 20 guests your total is $1,100."),
    Turn(role="user", text="¿y para 25?"),
    Turn(role="assistant", text="Para 25 invitados el total es $1,375."),
]
EXAMPLE = Example(
    id="th_1-000004",
    thread_id="th_1",
    channel="web",
    intent="lead",
    at=datetime(2027, 1, 1, tzinfo=UTC),
    turns=TURNS,
    score=score(Signals()),
)
RECORDS: dict[Format, dict[str, Any]] = {
    "openai": openai_record(EXAMPLE, TURNS),
    "vertex": vertex_record(EXAMPLE, TURNS),
}


def _report(fmt: Format, *records: dict[str, Any]) -> FormatReport:
    validator = Validator(fmt)
    for record in records:
        validator.check(record, json.dumps(record, ensure_ascii=False))
    return validator.report()


def _broken(fmt: Format, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    record = copy.deepcopy(RECORDS[fmt])
    change(record)
    return record


@pytest.mark.parametrize("fmt", ["openai", "vertex"])
def test_rendered_examples_pass_with_their_token_estimate(fmt: Format) -> None:
    report = _report(fmt, RECORDS[fmt], RECORDS[fmt])
    assert report.error_count == 0 and report.errors == []
    line = json.dumps(RECORDS[fmt], ensure_ascii=False)
    assert report.examples == 2 and report.max_example_tokens == validate.estimate_tokens(line)
    assert report.tokens == 2 * report.max_example_tokens
    assert report.bytes == 2 * (len(line.encode()) + 1)


def test_only_the_reply_taught_has_weight_one() -> None:
    weights = [m.get("weight") for m in RECORDS["openai"]["messages"]]
    assert weights == [None, None, 0, None, 1]


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(record: dict[str, Any]) -> None:
        target = record
        for key in path[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


_DELETE = object()

OPENAI_BAD = {
    "unknown role": (_set(["messages", 1, "role"], "customer"), "is not system, user or assistant"),
    "system not first": (_set(["messages", 2, "role"], "system"), "may only come first"),
    "content missing": (_set(["messages", 1, "content"], None), "text is required"),
    "weight on a user turn": (_set(["messages", 1, "weight"], 1), "only an assistant message"),
    "weight not 0 or 1": (_set(["messages", 4, "weight"], 2), "only an assistant message"),
    "starts with the assistant": (lambda r: r["messages"].pop(1), "must start with a user"),
    "no alternation": (_set(["messages", 2, "role"], "user"), "must alternate"),
    "ends on the user": (lambda r: r["messages"].pop(), "last turn must be"),
    "empty final reply": (_set(["messages", 4, "content"], "  "), "is empty"),
    "no messages": (_set(["messages"], []), "non-empty list"),
}
VERTEX_BAD = {
    "assistant is not a vertex role": (
        _set(["contents", 1, "role"], "assistant"),
        "not user or model",
    ),
    "parts missing": (_set(["contents", 1, "parts"], _DELETE), "list of text parts"),
    "a part without text": (
        _set(["contents", 1, "parts"], [{"inlineData": {}}]),
        "list of text parts",
    ),
    "system instruction without parts": (_set(["systemInstruction", "parts"], []), "text parts"),
    "starts with the model": (lambda r: r["contents"].pop(0), "must start with a user"),
    "no alternation": (_set(["contents", 1, "role"], "user"), "must alternate"),
    "ends on the user": (lambda r: r["contents"].pop(), "last turn must be"),
    "empty final reply": (_set(["contents", 3, "parts"], [{"text": ""}]), "is empty"),
    "no contents": (_set(["contents"], _DELETE), "non-empty list"),
}
CASES = [("openai", n, *c) for n, c in OPENAI_BAD.items()]
CASES += [("vertex", n, *c) for n, c in VERTEX_BAD.items()]


@pytest.mark.parametrize(("fmt", "name", "change", "message"), CASES, ids=[c[1] for c in CASES])
def test_each_kind_of_bad_record_is_an_error_naming_its_line(
    fmt: Format, name: str, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    report = _report(fmt, RECORDS[fmt], _broken(fmt, change))
    assert report.error_count >= 1
    assert {p.line for p in report.errors} == {2}
    assert any(message in p.message for p in report.errors), report.errors


@pytest.mark.parametrize("fmt", ["openai", "vertex"])
def test_examples_over_the_token_limit_and_files_over_the_size_limit_are_errors(
    fmt: Format, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = json.dumps(RECORDS[fmt], ensure_ascii=False)
    tokens = validate.estimate_tokens(line)
    monkeypatch.setitem(LIMITS, fmt, Limits(tokens - 1, len(line.encode()), 1))
    report = _report(fmt, RECORDS[fmt])
    assert [p.code for p in report.errors] == ["invalid_example", "file_too_large"]
    assert f"the limit is {tokens - 1}" in report.errors[0].message


@pytest.mark.parametrize("fmt", ["openai", "vertex"])
def test_too_few_examples_is_a_warning_not_an_error(fmt: Format) -> None:
    report = _report(fmt, RECORDS[fmt])
    assert report.error_count == 0
    assert report.warnings == [f"1 examples; tuning needs at least {LIMITS[fmt].min_examples}"]


def test_the_report_keeps_a_bounded_list_but_counts_every_error() -> None:
    bad = _broken("openai", lambda r: r["messages"].pop())
    report = _report("openai", *([bad] * (validate.KEEP_PROBLEMS + 5)))
    assert report.error_count == validate.KEEP_PROBLEMS + 5
    assert len(report.errors) == validate.KEEP_PROBLEMS


def test_more_examples_than_the_format_takes_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LIMITS, "vertex", Limits(131_072, 1024**3, 1, max_examples=1))
    report = _report("vertex", RECORDS["vertex"], RECORDS["vertex"])
    assert [p.code for p in report.errors] == ["too_many_examples"]
    assert report.errors[0].message == "2; the limit is 1"
