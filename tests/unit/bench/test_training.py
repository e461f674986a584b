"""The training bench scores every pair and scrubs every turn it was given."""

from __future__ import annotations

import re

import pytest

from scripts.bench.training import bench_training


def test_bench_prints_pairs_and_turns_per_second(capsys: pytest.CaptureFixture[str]) -> None:
    bench_training(pairs=300, examples=30)
    out = capsys.readouterr().out
    scored = re.search(r"Training scorer: (\d+) pairs in [\d.]+ s, ([\d,]+) pairs/s", out)
    scrubbed = re.search(r"hard check: (\d+) turns in [\d.]+ s, ([\d,]+) turns/s", out)
    assert scored and scrubbed, out
    assert (scored.group(1), scrubbed.group(1)) == ("300", "30")
