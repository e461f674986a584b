"""Session-wide fixtures: the emulators start once per run and stop at the end."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support import emulators

# Tests never read a developer's real credentials or project.
os.environ.setdefault("HIBACHI_ENV", "test")


@pytest.fixture(scope="session")
def firestore_emulator() -> Iterator[emulators.Emulator]:
    reason = emulators.missing_reason()
    if reason:
        pytest.skip(f"Firestore emulator unavailable: {reason}")
    with emulators.firestore_emulator() as emu:
        yield emu


@pytest.fixture(scope="session")
def pubsub_emulator() -> Iterator[emulators.Emulator]:
    reason = emulators.missing_reason()
    if reason:
        pytest.skip(f"Pub/Sub emulator unavailable: {reason}")
    with emulators.pubsub_emulator() as emu:
        yield emu
