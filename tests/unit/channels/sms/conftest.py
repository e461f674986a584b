"""A running fake RingCentral and an embedded platform that really sends to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.platform.services import Platform
from tests.support.fake_ringcentral import FakeRingCentral, sending_platform


@pytest.fixture
def rc() -> Iterator[FakeRingCentral]:
    with FakeRingCentral().running() as fake:
        yield fake


@pytest.fixture
def live(tmp_path: Path, rc: FakeRingCentral) -> Iterator[Platform]:
    with sending_platform(tmp_path, rc) as platform:
        yield platform
