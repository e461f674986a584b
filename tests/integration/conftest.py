"""A seeded embedded platform (markets, chefs, price book) behind the real function app."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from functions._app.seeding import seed_if_empty
from shared.platform.services import Platform
from tests.support.platform import bearer, local_platform


@pytest.fixture
def platform(tmp_path) -> Iterator[Platform]:  # type: ignore[no-untyped-def]
    with local_platform(tmp_path, rate_limit_enabled=False) as p:
        seed_if_empty(p)
        yield p


class Api:
    """JSON calls against the function app, returning (status, body)."""

    def __init__(self, client: Any, platform: Platform) -> None:
        self.client = client
        self.platform = platform

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, Any]:
        kwargs: dict[str, Any] = {"headers": headers}
        if method == "GET":
            kwargs["query_string"] = body or {}
        else:
            kwargs["json"] = body
        response = self.client.open(path, method=method, **kwargs)
        data = response.get_data()
        return response.status_code, (json.loads(data) if data else None)

    def admin(
        self, method: str, path: str, body: Any = None, role: str = "owner"
    ) -> tuple[int, Any]:
        return self.call(method, path, body, **bearer(self.platform, role))


@pytest.fixture
def api(client, platform) -> Api:  # type: ignore[no-untyped-def]
    return Api(client, platform)
