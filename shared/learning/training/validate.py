"""Each format's rules, checked line by line before an export is published: allowed roles,
the user/assistant alternation, a non-empty final reply, per-example and file limits.

Limits are the providers' documented ones: OpenAI chat fine-tuning (gpt-4o-mini: 65,536
tokens per training example, 512 MB per file, at least 10 examples) and Vertex AI Gemini
supervised tuning (Gemini 2.5 Flash: 131,072 input and output tokens per example, 1 GB
per JSONL file, at most 1M text examples; 16 was the earlier minimum, 100 recommended). Tokens are
estimated from each record's JSON (4 characters a token) so the check needs no tokenizer.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from shared.learning.training.formats import Format

KEEP_PROBLEMS = 50  # the report lists this many; the count covers them all


@dataclass(frozen=True)
class Limits:
    max_example_tokens: int
    max_file_bytes: int
    min_examples: int
    max_examples: int | None = None


LIMITS: dict[Format, Limits] = {
    "openai": Limits(65_536, 512 * 1024**2, 10),
    "vertex": Limits(131_072, 1024**3, 16, max_examples=1_000_000),
}


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / 4) + 4


class Problem(BaseModel):
    line: int
    code: str
    message: str


class FormatReport(BaseModel):
    format: Format
    examples: int = 0
    tokens: int = 0
    max_example_tokens: int = 0
    bytes: int = 0
    error_count: int = 0
    errors: list[Problem] = []
    warnings: list[str] = []


def _openai(record: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """(role, text) of each message, and what is wrong with their shape."""
    problems: list[str] = []
    messages = record.get("messages")
    if not isinstance(messages, list) or not messages:
        return [], ["messages: a non-empty list is required"]
    turns: list[tuple[str, str]] = []
    for i, m in enumerate(messages):
        role, content = (m.get("role"), m.get("content")) if isinstance(m, dict) else (None, None)
        if role not in ("system", "user", "assistant"):
            problems.append(f"messages[{i}].role: {role!r} is not system, user or assistant")
        elif role == "system" and i != 0:
            problems.append(f"messages[{i}]: a system message may only come first")
        if not isinstance(content, str):
            problems.append(f"messages[{i}].content: text is required")
        weighted = isinstance(m, dict) and "weight" in m
        if weighted and (role != "assistant" or m["weight"] not in (0, 1)):
            problems.append(f"messages[{i}].weight: only an assistant message, 0 or 1")
        turns.append((str(role), content if isinstance(content, str) else ""))
    return [t for t in turns if t[0] != "system"], problems


def _vertex(record: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    problems: list[str] = []
    system = record.get("systemInstruction")
    if system is not None and not _texts(system.get("parts") if isinstance(system, dict) else None):
        problems.append("systemInstruction.parts: text parts are required")
    contents = record.get("contents")
    if not isinstance(contents, list) or not contents:
        return [], ["contents: a non-empty list is required"]
    turns: list[tuple[str, str]] = []
    for i, c in enumerate(contents):
        role = c.get("role") if isinstance(c, dict) else None
        texts = _texts(c.get("parts") if isinstance(c, dict) else None)
        if role not in ("user", "model"):
            problems.append(f"contents[{i}].role: {role!r} is not user or model")
        if texts is None:
            problems.append(f"contents[{i}].parts: a list of text parts is required")
        turns.append(("assistant" if role == "model" else str(role), "".join(texts or ())))
    return turns, problems


def _texts(parts: Any) -> list[str] | None:
    if not isinstance(parts, list) or not parts:
        return None
    texts = [p["text"] for p in parts if isinstance(p, dict) and isinstance(p.get("text"), str)]
    return texts if len(texts) == len(parts) else None


def _order(turns: list[tuple[str, str]]) -> list[str]:
    problems = []
    roles = [r for r, _ in turns]
    if roles and roles[0] != "user":
        problems.append("the conversation must start with a user turn")
    if any(a == b for a, b in itertools.pairwise(roles)):
        problems.append("user and assistant/model turns must alternate")
    if not roles or roles[-1] != "assistant":
        problems.append("the last turn must be the assistant's (model's)")
    elif not turns[-1][1].strip():
        problems.append("the last assistant/model turn is empty")
    return problems


_SHAPE = {"openai": _openai, "vertex": _vertex}


class Validator:
    """Fed each record as it is written; `report()` when the file is complete."""

    def __init__(self, fmt: Format) -> None:
        self._limits = LIMITS[fmt]
        self._report = FormatReport(format=fmt)

    def check(self, record: dict[str, Any], line: str) -> None:
        r = self._report
        r.examples += 1
        r.bytes += len(line.encode()) + 1
        turns, problems = _SHAPE[r.format](record)
        problems += _order(turns) if turns else []
        tokens = estimate_tokens(line)  # the whole record: a slight overestimate
        r.tokens += tokens
        r.max_example_tokens = max(r.max_example_tokens, tokens)
        if tokens > self._limits.max_example_tokens:
            problems.append(
                f"about {tokens} tokens; the limit is {self._limits.max_example_tokens}"
            )
        for message in problems:
            self._problem(r.examples, message)

    def _problem(self, line: int, message: str) -> None:
        r = self._report
        r.error_count += 1
        if len(r.errors) < KEEP_PROBLEMS:
            r.errors.append(Problem(line=line, code="invalid_example", message=message))

    def report(self) -> FormatReport:
        r = self._report.model_copy(deep=True)
        if r.bytes > self._limits.max_file_bytes:
            r.error_count += 1
            r.errors.append(
                Problem(
                    line=0,
                    code="file_too_large",
                    message=f"{r.bytes} bytes; the limit is {self._limits.max_file_bytes}",
                )
            )
        most = self._limits.max_examples
        if most is not None and r.examples > most:
            r.error_count += 1
            r.errors.append(
                Problem(
                    line=0, code="too_many_examples", message=f"{r.examples}; the limit is {most}"
                )
            )
        if r.examples < self._limits.min_examples:
            r.warnings.append(
                f"{r.examples} examples; tuning needs at least {self._limits.min_examples}"
            )
        return r
