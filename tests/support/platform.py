"""A fresh embedded platform per test: SQLite file in tmp, manual clock, admin tokens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from werkzeug.test import Client

from functions._app import container
from shared.auth import tokens
from shared.platform.clock import ManualClock
from shared.platform.config import Settings
from shared.platform.services import Platform


@contextmanager
def local_platform(tmp_path: Path, **overrides: Any) -> Iterator[Platform]:
    config = Settings(env="test", data_dir=tmp_path, **overrides)
    platform = container.build_local(config, ManualClock())
    container.install(platform)
    try:
        yield platform
    finally:
        container.install(None)
        platform.close()


def token(platform: Platform, *roles: str, ttl: timedelta = timedelta(hours=1)) -> str:
    return tokens.mint(
        subject="tester",
        roles=list(roles),  # type: ignore[arg-type]
        key=platform.secrets.get(tokens.SIGNING_KEY_SECRET),
        settings=platform.settings,
        now=platform.clock.now(),
        ttl=ttl,
    )


def bearer(platform: Platform, *roles: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(platform, *roles)}"}


def app_client() -> Client:
    """The dev runtime's WSGI app (every function, functions-framework semantics)."""
    from functions._app.runtime.app import build_app

    return Client(build_app("http://testserver"))
