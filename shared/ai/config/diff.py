"""What changed between two AI configurations, field by field, as JSON an admin screen (or a
person reading the audit log) can show: `agents.care.tone`, `router_threshold`, old -> new."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from shared.ai.config.model import AIConfig

# Labels of a version, not its behaviour: two versions differ in these by definition.
_LABELS = {"version", "note"}


class Change(BaseModel):
    field: str = Field(description="Dotted path, e.g. agents.care.tone or router_threshold")
    old: Any = Field(description="Value in the first version (null: absent there)")
    new: Any = Field(description="Value in the second version (null: absent there)")


class ConfigDiff(BaseModel):
    a: str = Field(description="The first version")
    b: str = Field(description="The second version")
    changes: list[Change] = Field(description="Empty when the two behave the same")


def _changes(path: str, old: Any, new: Any) -> list[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            change
            for key in sorted(old.keys() | new.keys())
            for change in _changes(f"{path}.{key}" if path else key, old.get(key), new.get(key))
        ]
    return [] if old == new else [Change(field=path, old=old, new=new)]


def diff(a: AIConfig, b: AIConfig) -> ConfigDiff:
    """Leaves that differ; a list (an agent's tools) is one leaf, shown whole."""
    old, new = (c.model_dump(mode="json", exclude=_LABELS) for c in (a, b))
    return ConfigDiff(a=a.version, b=b.version, changes=_changes("", old, new))
