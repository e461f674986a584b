"""Cloud Functions source root: every manifest entry point, resolved on first use.

functions-framework loads this file and asks for one attribute (the deployed function's
entry point); only that function's module and its imports are loaded, keeping cold
starts small.
"""

from __future__ import annotations

from typing import Any

from functions.manifest import FUNCTIONS_BY_ENTRY_POINT


def __getattr__(name: str) -> Any:
    spec = FUNCTIONS_BY_ENTRY_POINT.get(name)
    if spec is None:
        raise AttributeError(f"no function with entry point {name!r} in functions/manifest.py")
    from functions._app.entry import build_entry_point

    entry = build_entry_point(spec)
    globals()[name] = entry
    return entry


def __dir__() -> list[str]:
    return sorted(FUNCTIONS_BY_ENTRY_POINT)
