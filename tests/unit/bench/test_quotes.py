"""The bench runs its whole mix (every request in it prices) and reports a rate."""

from __future__ import annotations

import re

import pytest

from scripts.bench.quotes import MIX, bench_quotes


def test_bench_prints_quotes_per_second(capsys: pytest.CaptureFixture[str]) -> None:
    bench_quotes(budget_s=0.05)
    out = capsys.readouterr().out
    match = re.fullmatch(
        r"pricing: ([\d,]+) quotes/s \(([\d,]+) quotes of a (\d+)-request .*\n", out
    )
    assert match, out
    assert int(match.group(1).replace(",", "")) > 0
    assert int(match.group(2).replace(",", "")) % len(MIX) == 0
    assert int(match.group(3)) == len(MIX)
