"""The rate-limit key is the address our front end saw, never what the client wrote."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.auth.rate_limit import client_key
from shared.platform.config import Settings
from shared.platform.services import Platform
from tests.support.platform import local_platform

HEALTHZ_PER_MINUTE = 120


@pytest.mark.parametrize(
    ("forwarded", "hops", "expected"),
    [
        (None, 0, "10.0.0.1"),
        ("203.0.113.9", 0, "10.0.0.1"),  # no trusted proxy: the header is the client's text
        ("203.0.113.9", 1, "203.0.113.9"),
        ("1.2.3.4, 203.0.113.9", 1, "203.0.113.9"),  # client wrote 1.2.3.4, Google appended
        ("1.2.3.4,203.0.113.9, 35.191.0.1", 2, "203.0.113.9"),  # behind a load balancer
        ("203.0.113.9", 2, "203.0.113.9"),  # fewer hops than proxies: all are trusted
        ("", 1, "10.0.0.1"),
        (" , ", 1, "10.0.0.1"),
    ],
)
def test_client_key(forwarded: str | None, hops: int, expected: str) -> None:
    assert client_key(forwarded, "10.0.0.1", hops) == expected


def test_client_key_without_a_peer_is_still_a_key() -> None:
    assert client_key(None, None, 0) == "unknown"


def test_trusted_hops_default_to_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HIBACHI_TRUSTED_PROXY_HOPS", raising=False)
    assert Settings(env="local").proxy_hops == 0
    assert Settings(env="test").proxy_hops == 0
    assert Settings(env="prod").proxy_hops == 1  # Cloud Functions / Cloud Run
    assert Settings(env="prod", trusted_proxy_hops=2).proxy_hops == 2
    assert Settings(env="local", trusted_proxy_hops=1).proxy_hops == 1


def _random_ip(rng: random.Random) -> str:
    return ".".join(str(rng.randrange(1, 255)) for _ in range(4))


def _statuses(client: Any, peer: str, headers: Iterator[dict[str, str]], n: int) -> list[int]:
    environ = {"REMOTE_ADDR": peer}
    return [
        client.get("/healthz", headers=next(headers), environ_base=environ).status_code
        for _ in range(n)
    ]


def _none() -> Iterator[dict[str, str]]:
    while True:
        yield {}


def _rotating(rng: random.Random, suffix: str = "") -> Iterator[dict[str, str]]:
    while True:
        yield {"X-Forwarded-For": _random_ip(rng) + suffix}


def test_rotating_forwarded_for_does_not_defeat_the_limit(client) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(14)
    plain = _statuses(client, "192.0.2.1", _none(), 200)
    rotated = _statuses(client, "192.0.2.2", _rotating(rng), 200)
    assert plain.count(200) == HEALTHZ_PER_MINUTE and plain.count(429) == 80
    assert rotated == plain
    other_peer = client.get("/healthz", environ_base={"REMOTE_ADDR": "192.0.2.3"})
    assert other_peer.status_code == 200  # a different client has its own bucket


@pytest.fixture
def behind_google(tmp_path: Path) -> Iterator[Platform]:
    with local_platform(tmp_path, trusted_proxy_hops=1) as platform:
        yield platform


def test_the_hop_the_front_end_appended_is_the_key(behind_google, _app_client) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(41)
    # Every request from one client: whatever it wrote, Google appended 198.51.100.7.
    spoofed = _statuses(_app_client, "10.1.1.1", _rotating(rng, ", 198.51.100.7"), 200)
    assert spoofed.count(200) == HEALTHZ_PER_MINUTE and spoofed.count(429) == 80
    # Same front-end peer, another client address appended: its own bucket.
    another = _app_client.get(
        "/healthz",
        headers={"X-Forwarded-For": "198.51.100.8"},
        environ_base={"REMOTE_ADDR": "10.1.1.1"},
    )
    assert another.status_code == 200
