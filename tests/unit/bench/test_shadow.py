"""The shadow bench scores every turn it published, none of them inside the turn."""

from __future__ import annotations

import re

import pytest

from scripts.bench.chat import SCRIPT
from scripts.bench.shadow import bench_shadow


def test_bench_prints_turn_latency_and_pairs_per_second(capsys: pytest.CaptureFixture[str]) -> None:
    bench_shadow(conversations=1)
    out = capsys.readouterr().out
    inside = re.search(r"pairs scored inside the turns: (\d+)", out)
    scored = re.search(r"scorer: (\d+) events -> (\d+) pairs in [\d.]+ s, ([\d,]+) pairs/s", out)
    assert inside and scored, out
    assert inside.group(1) == "0"
    # Every turn of the script and the warm-up turn: each event became one pair.
    assert int(scored.group(1)) == int(scored.group(2)) == len(SCRIPT) + 1
