"""Health report: proves the process is configured and its store answers."""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from shared.platform.services import Platform

VERSION = os.environ.get("K_REVISION", "dev")
COLLECTION = "_health"  # one document per instance, rewritten by every check


class HealthReport(BaseModel):
    status: Literal["ok", "degraded"]
    env: str
    version: str
    time: datetime
    store_ok: bool
    store_latency_ms: float


def check(platform: Platform, instance: str) -> HealthReport:
    started = time.perf_counter()
    try:
        platform.store.set(COLLECTION, instance, {"checked_at": platform.clock.now()})
        store_ok = platform.store.get(COLLECTION, instance) is not None
    except Exception:
        store_ok = False
    return HealthReport(
        status="ok" if store_ok else "degraded",
        env=platform.settings.env,
        version=VERSION,
        time=platform.clock.now(),
        store_ok=store_ok,
        store_latency_ms=round((time.perf_counter() - started) * 1000, 2),
    )
