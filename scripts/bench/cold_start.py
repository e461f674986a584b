"""Cold start: each function's median import time (`import main; main.<entry>`) over fresh
interpreters, next to the import time of the provider SDKs functions must not load eagerly.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys

from functions.manifest import FUNCTIONS
from scripts.export_schemas import ROOT

RUNS = 7
SDKS = (
    "openai",
    "anthropic",
    "mistralai",
    "stripe",
    "google.genai",
    "vertexai",
    "deepgram",
    "google.ads.googleads",
    "google.cloud.aiplatform",
    "google.cloud.firestore",
    "google.cloud.pubsub",
    "google.cloud.tasks_v2",
    "google.cloud.secretmanager",
)


def _timed_import(code: str) -> float:
    probe = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip()) * 1000


def median_ms(code: str) -> float:
    return statistics.median(_timed_import(code) for _ in range(RUNS))


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def cold_start() -> None:
    """functions-framework (and Flask) load before `main` in production, so each function's
    own cost is what it adds on top of that baseline."""
    installed = [m for m in SDKS if _installed(m)]
    sdk_ms = median_ms("; ".join(f"import {m}" for m in installed)) if installed else 0.0
    base_ms = median_ms("import functions_framework")
    print(f"Cold start: median import time over {RUNS} fresh interpreters")
    print(f"functions-framework baseline (loaded before main): {base_ms:.1f} ms")
    print(f"{'function':<24}{'total ms':>9}{'own ms':>8}{'own/SDKs':>10}")
    for f in FUNCTIONS:
        ms = median_ms(f"import functions_framework; import main; main.{f.entry_point}")
        own = max(ms - base_ms, 0.0)
        ratio = f"{own / sdk_ms:.2f}" if sdk_ms else "n/a"
        print(f"{f.name:<24}{ms:>9.1f}{own:>8.1f}{ratio:>10}")
    print(f"{'provider SDKs together':<24}{sdk_ms:>9.1f}{sdk_ms:>8.1f}{'1.00':>10}")
    print(f"  measured: {', '.join(installed) or 'none installed'}")
    missing = [m for m in SDKS if m not in installed]
    if missing:
        print(f"  not installed yet: {', '.join(missing)}")
