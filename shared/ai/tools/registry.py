"""Turn plain typed functions into tools with JSON schemas, and run them safely.

A tool is `def name(ctx: ToolContext, arg: type = default, ...) -> dict`. The docstring's
first paragraph is the description and its `Args:` lines describe the parameters; pydantic
builds the JSON Schema and validates arguments, so the schema can never drift from the
code. Running a tool never raises: errors come back to the model as structured results.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from shared.ai.providers.base import ToolSpec
from shared.platform.errors import AppError
from shared.platform.log import get_logger

if TYPE_CHECKING:
    from shared.platform.services import Platform

log = get_logger(__name__)
_ARG_LINE = re.compile(r"^\s{2,}(\w+)(?:\s*\([^)]*\))?:\s*(.+)$")


@dataclass
class ToolContext:
    """What a tool may touch: the platform, and whose conversation this is."""

    platform: Platform
    customer_id: str | None
    thread_id: str
    channel: str
    state: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    args: type[BaseModel]
    fn: Callable[..., dict[str, Any]]

    def spec(self) -> ToolSpec:
        return _spec(self)

    def run(self, ctx: ToolContext, arguments: dict[str, Any]) -> dict[str, Any]:
        """The tool's result, or {"error": {...}}; never an exception."""
        try:
            parsed = self.args.model_validate(arguments)
        except ValidationError as exc:
            fields = [
                {"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in exc.errors()
            ]
            return {"error": {"code": "invalid_arguments", "fields": fields}}
        try:
            return self.fn(ctx, **parsed.model_dump())
        except AppError as err:
            return {"error": {"code": err.code, "message": err.detail} | _plain(err.extra)}
        except Exception as exc:
            log.exception("tool %s failed", self.name)
            return {"error": {"code": "tool_failed", "message": type(exc).__name__}}


def _plain(extra: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in extra.items() if isinstance(v, str | int | float | bool | list | dict)}


def _doc_parts(fn: Callable[..., Any]) -> tuple[str, dict[str, str]]:
    doc = inspect.getdoc(fn) or ""
    head, _, rest = doc.partition("\nArgs:\n")
    args = {m.group(1): m.group(2).strip() for m in map(_ARG_LINE.match, rest.splitlines()) if m}
    return " ".join(head.split()), args


def tool(fn: Callable[..., dict[str, Any]]) -> Tool:
    """Build a Tool from a function whose first parameter is the ToolContext."""
    description, arg_docs = _doc_parts(fn)
    params = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]
    fields: dict[str, Any] = {}
    for p in params:
        default = ... if p.default is inspect.Parameter.empty else p.default
        fields[p.name] = (p.annotation, Field(default, description=arg_docs.get(p.name)))
    args = create_model(f"{fn.__name__}_args", __config__=ConfigDict(extra="forbid"), **fields)
    return Tool(fn.__name__, description, args, fn)


@functools.cache
def _spec(tool: Tool) -> ToolSpec:
    """Built once per tool: pydantic's schema generation was a quarter of a chat turn's CPU."""
    schema = tool.args.model_json_schema()
    schema.pop("title", None)
    return ToolSpec(tool.name, tool.description, schema)
