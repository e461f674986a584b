"""No function may import a provider SDK when its module is loaded (cold start)."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from functions.manifest import FUNCTIONS
from scripts.export_schemas import ROOT

HEAVY_SDKS = (
    "openai",
    "anthropic",
    "mistralai",
    "stripe",
    "google.cloud.aiplatform",
    "vertexai",
    "deepgram",
    "google.ads",
    "google.analytics",
    "googleapiclient",
    "google.genai",
    "onnxruntime",
    "ringcentral",
    "torch",
    # the GCP clients load lazily, on first use of a production adapter
    "google.cloud.firestore",
    "google.cloud.pubsub",
    "google.cloud.tasks",
    "google.cloud.secretmanager",
)

PROBE = """
import json, sys
import main
getattr(main, sys.argv[1])
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after_import(entry_point: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, entry_point],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HIBACHI_ENV": "prod"},
    )
    return set(json.loads(out.stdout))


@pytest.fixture(scope="module")
def loaded() -> dict[str, set[str]]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        entries = [f.entry_point for f in FUNCTIONS]
        return dict(zip(entries, pool.map(_modules_after_import, entries), strict=True))


@pytest.mark.parametrize("entry_point", [f.entry_point for f in FUNCTIONS])
def test_function_import_loads_no_heavy_sdk(loaded, entry_point) -> None:  # type: ignore[no-untyped-def]
    modules = loaded[entry_point]
    assert f"functions.{entry_point}" in modules  # the probe really loaded the function
    offenders = sorted(
        m for m in modules for sdk in HEAVY_SDKS if m == sdk or m.startswith(sdk + ".")
    )
    assert offenders == [], f"{entry_point} imports {offenders[:5]} at cold start"
