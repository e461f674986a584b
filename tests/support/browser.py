"""Headless Chromium for browser tests: Debian's package driven by Playwright, which never
downloads a browser of its own here. Missing, the tests skip with the reason, or fail
where CI demands a browser (HIBACHI_REQUIRE_BROWSER=1, set by .ci/run)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"
# Quiet and offline: no sandbox (root in a container), no GPU, nothing phoned home.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing_reason() -> str | None:
    if shutil.which(CHROMIUM) is None:
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make install)"
    return None


def require_browser() -> None:
    reason = missing_reason()
    if reason is None:
        return
    if os.environ.get("HIBACHI_REQUIRE_BROWSER") == "1":
        pytest.fail(f"a browser is required (HIBACHI_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(f"browser unavailable: {reason}")


@contextmanager
def chromium() -> Iterator[Browser]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
