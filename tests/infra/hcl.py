"""Read infra/*.tf with python-hcl2 into plain, unquoted Python data for the infra tests.

python-hcl2 keeps HCL string literals quoted (`"\"python311\""`) and block labels quoted
(`{"\"google_pubsub_topic\"": ...}`); these helpers strip that so tests compare values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hcl2

REPO_ROOT = Path(__file__).resolve().parents[2]
INFRA = REPO_ROOT / "infra"

_INTERPOLATION = re.compile(r"^\$\{(.*)\}$", re.DOTALL)


def unquote(value: Any) -> Any:
    """`"\"x\""` -> `x`; `"${expr}"` -> `expr`; containers recursively; other values as is."""
    if isinstance(value, str):
        if len(value) >= 2 and value[0] == value[-1] == '"':
            return value[1:-1]
        match = _INTERPOLATION.match(value)
        return match.group(1) if match else value
    if isinstance(value, list):
        return [unquote(v) for v in value]
    if isinstance(value, dict):
        # python-hcl2 adds bookkeeping keys (`__is_block__`, `__comments__`); drop them.
        return {
            unquote(k): unquote(v)
            for k, v in value.items()
            if not (k.startswith("__") and k.endswith("__"))
        }
    return value


@dataclass
class Config:
    """The blocks of every .tf file in infra/, by kind."""

    texts: dict[str, str] = field(default_factory=dict)
    resources: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    data: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    variables: dict[str, dict[str, Any]] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def resource(self, kind: str, name: str) -> dict[str, Any]:
        assert (kind, name) in self.resources, f"infra/ declares no {kind}.{name}"
        return self.resources[(kind, name)]

    def resources_of(self, kind: str) -> dict[str, dict[str, Any]]:
        return {name: body for (k, name), body in self.resources.items() if k == kind}

    @property
    def all_text(self) -> str:
        return "\n".join(self.texts.values())


def load(infra: Path = INFRA) -> Config:
    config = Config()
    for path in sorted(infra.glob("*.tf")):
        text = path.read_text()
        config.texts[path.name] = text
        parsed = unquote(hcl2.loads(text))
        for block in parsed.get("resource", []):
            for kind, named in block.items():
                for name, body in named.items():
                    assert (kind, name) not in config.resources, f"duplicate {kind}.{name}"
                    config.resources[(kind, name)] = body
        for block in parsed.get("data", []):
            for kind, named in block.items():
                for name, body in named.items():
                    config.data[(kind, name)] = body
        for block in parsed.get("variable", []):
            config.variables.update(block)
        for block in parsed.get("locals", []):
            for key, value in block.items():
                assert key not in config.locals, f"local.{key} defined twice"
                config.locals[key] = value
        for block in parsed.get("output", []):
            config.outputs.update(block)
    return config
