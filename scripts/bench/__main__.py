"""Run every bench section in order (`make bench`), or those whose name contains one of
the arguments (`python -m scripts.bench analytics`, `make bench ARGS=analytics`)."""

from __future__ import annotations

import sys

from scripts.bench.analytics import bench_analytics
from scripts.bench.availability import bench_availability
from scripts.bench.chat import bench_chat
from scripts.bench.cold_start import cold_start
from scripts.bench.extraction import bench_extract
from scripts.bench.load import bench_load
from scripts.bench.masking import bench_masking
from scripts.bench.quotes import bench_quotes
from scripts.bench.router import bench_router
from scripts.bench.shadow import bench_shadow
from scripts.bench.training import bench_training

SECTIONS = [
    cold_start,
    bench_quotes,
    bench_availability,
    bench_router,
    bench_extract,
    bench_chat,
    bench_shadow,
    bench_training,
    bench_masking,
    bench_analytics,
    bench_load,
]


def main(names: list[str]) -> int:
    for section in SECTIONS:
        if names and not any(name in section.__name__ for name in names):
            continue
        section()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
