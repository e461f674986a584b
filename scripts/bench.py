"""`make bench`: performance figures, printed as numbers and ratios (never asserted).

Cold start: each function's median import time (`import main; main.<entry>`) over fresh
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
    installed = [m for m in SDKS if _installed(m)]
    sdk_ms = median_ms("; ".join(f"import {m}" for m in installed)) if installed else 0.0
    print(f"Cold start: median import time over {RUNS} fresh interpreters")
    print(f"{'function':<24}{'import ms':>10}{'x of SDKs':>11}")
    for f in FUNCTIONS:
        ms = median_ms(f"import main; main.{f.entry_point}")
        ratio = f"{ms / sdk_ms:.2f}" if sdk_ms else "n/a"
        print(f"{f.name:<24}{ms:>10.1f}{ratio:>11}")
    print(f"{'provider SDKs together':<24}{sdk_ms:>10.1f}{'1.00':>11}")
    print(f"  measured: {', '.join(installed) or 'none installed'}")
    missing = [m for m in SDKS if m not in installed]
    if missing:
        print(f"  not installed yet: {', '.join(missing)}")


def quotes() -> None:
    from shared.pricing.bench import bench_quotes

    bench_quotes()


def availability() -> None:
    from shared.booking.availability_bench import bench_availability

    bench_availability()


SECTIONS = [cold_start, quotes, availability]


def main() -> int:
    for section in SECTIONS:
        section()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
