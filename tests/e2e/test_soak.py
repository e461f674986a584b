"""Soak: 20,000 mixed requests against one `make dev` process, nothing failing, nothing leaking.

Open descriptors and resident memory come from the process's own /proc/<pid>, measured
after a warm-up (models loaded, caches and the connection pool filled) and at the end.
Before the connection pool, every request left two descriptors open.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from itertools import count
from pathlib import Path
from urllib.parse import urlencode

import pytest

from scripts.bench.load import Call, drive, json_call
from scripts.mint_token import local_token
from tests.support.dev_process import DevProcess

pytestmark = pytest.mark.slow

TOTAL = 20_000
WARM_UP = 4_000
CLIENTS = 8
MAX_FD_GROWTH = 8  # a few sockets in flight at the moment of measuring
MAX_RSS_GROWTH_KIB = 40 * 1024  # allocator noise and bounded caches, not per-request growth

ADMIN_READS = (
    "/admin-bookings",
    "/admin-chefs",
    "/admin-customers?q=ma",
    "/admin-price-book",
    "/admin-conversations",
    "/admin-outbox",
)
CHAT = ("How much for 20 people?", "Dec 5th, zip 90012", "do you cook indoors?")
ZIPS = ("90012", "90210", "92501", "91101")


def mixed_calls(client: int, token: str) -> Iterator[Call]:
    """Per ten requests: 4 quotes, 3 availability checks, 2 admin reads, 1 chat turn."""
    admin = {"Authorization": f"Bearer {token}"}
    for n in count():
        day = (date.today() + timedelta(days=14 + n % 60)).isoformat()
        zipcode = ZIPS[n % len(ZIPS)]
        slot = n % 10
        if slot < 4:
            yield json_call(
                "/quote", {"adults": 10 + n % 30, "customer_zipcode": zipcode, "event_date": day}
            )
        elif slot < 7:
            query = urlencode({"date": day, "guests": 12, "customer_zipcode": zipcode})
            yield Call("GET", f"/availability?{query}")
        elif slot < 9:
            yield Call("GET", ADMIN_READS[n % len(ADMIN_READS)], headers=admin)
        else:
            text = CHAT[(n // 10) % len(CHAT)]
            yield json_call("/chat", {"text": text, "session_id": f"soak-{client}-{n // 30}"})


def test_twenty_thousand_mixed_requests_without_errors_or_growth(tmp_path: Path) -> None:
    dev = DevProcess(
        tmp_path, env={"HIBACHI_RATE_LIMIT_ENABLED": "false", "HIBACHI_LOG_LEVEL": "WARNING"}
    ).start()
    token = local_token(["owner"], hours=1)
    samples: list[tuple[int, int]] = []  # (open descriptors, RSS KiB) after each stage
    results = []
    try:
        for stage in (WARM_UP, (TOTAL - WARM_UP) // 2, (TOTAL - WARM_UP) // 2):
            calls = partial(mixed_calls, token=token)
            results.append(drive(dev.port, calls, clients=CLIENTS, total=stage))
            samples.append((dev.open_files(), dev.rss_kib()))
    finally:
        assert dev.stop() == 0, dev.output()[-3000:]

    print(f"soak: {sum(r.requests for r in results)} requests; (fds, RSS KiB) by stage {samples}")
    assert sum(r.requests for r in results) == TOTAL
    errors = [e for r in results for e in r.errors]
    assert errors == [], errors[:10]
    (fds_warm, rss_warm), _, (fds_end, rss_end) = samples
    assert fds_end - fds_warm <= MAX_FD_GROWTH, samples
    assert rss_end - rss_warm <= MAX_RSS_GROWTH_KIB, samples
