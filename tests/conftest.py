"""Session-wide fixtures: the emulators start once per run and stop at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support import emulators

# Tests never read a developer's real credentials or project.
os.environ.setdefault("HIBACHI_ENV", "test")
# A dev runtime a test starts has no demo activity unless the test asks for it.
os.environ.setdefault("HIBACHI_SEED_DEMO_ACTIVITY", "false")


def _require_emulators() -> None:
    """Skip with the reason on a machine without the SDK; fail instead where CI demands them."""
    reason = emulators.missing_reason()
    if reason is None:
        return
    if os.environ.get("HIBACHI_REQUIRE_EMULATORS") == "1":
        pytest.fail(f"emulators required (HIBACHI_REQUIRE_EMULATORS=1) but {reason}")
    pytest.skip(f"emulator unavailable: {reason}")


@pytest.fixture(scope="session")
def firestore_emulator() -> Iterator[emulators.Emulator]:
    _require_emulators()
    with emulators.firestore_emulator() as emu:
        yield emu


@pytest.fixture(scope="session")
def pubsub_emulator() -> Iterator[emulators.Emulator]:
    _require_emulators()
    with emulators.pubsub_emulator() as emu:
        yield emu


@pytest.fixture
def platform(tmp_path):  # type: ignore[no-untyped-def]
    from tests.support.platform import local_platform

    with local_platform(tmp_path) as p:
        yield p


@pytest.fixture(scope="session")
def _app_client():  # type: ignore[no-untyped-def]
    from tests.support.platform import app_client

    return app_client()


@pytest.fixture
def client(platform, _app_client):  # type: ignore[no-untyped-def]
    """The whole function app, talking to this test's fresh platform."""
    return _app_client
