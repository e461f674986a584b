"""schemas/ and the README's function table must match what `make schemas` would write."""

from __future__ import annotations

import pytest

from scripts.export_schemas import ROOT, render_all

GENERATED = render_all()


@pytest.mark.parametrize("path", sorted(GENERATED), ids=lambda p: str(p.relative_to(ROOT)))
def test_checked_in_copy_is_fresh(path) -> None:  # type: ignore[no-untyped-def]
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make schemas`"
    assert path.read_text() == GENERATED[path], (
        f"{path.relative_to(ROOT)} is stale: run `make schemas`"
    )


def test_openapi_covers_every_http_function() -> None:
    import json

    from functions.manifest import FUNCTIONS, AdminHttp, PublicHttp

    spec = json.loads(GENERATED[ROOT / "schemas" / "openapi.json"])
    http = {f"/{f.name}" for f in FUNCTIONS if isinstance(f.trigger, PublicHttp | AdminHttp)}
    assert set(spec["paths"]) == http
    assert spec["openapi"].startswith("3.1")
