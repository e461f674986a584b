from __future__ import annotations

import pytest

from shared.platform.config import Settings
from shared.platform.errors import ConfigError


def test_prod_names_every_missing_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIBACHI_ENV", "prod")
    with pytest.raises(ConfigError) as err:
        Settings().check()
    for name in (
        "HIBACHI_PROJECT_ID",
        "HIBACHI_TASKS_INVOKER_SA",
        "HIBACHI_CORS_ORIGINS",
        "HIBACHI_PAYMENT_SUCCESS_URL",
        "HIBACHI_PAYMENT_CANCEL_URL",
        "HIBACHI_VECTOR_INDEX",
        "HIBACHI_VECTOR_INDEX_ENDPOINT",
        "HIBACHI_VECTOR_DEPLOYED_INDEX",
    ):
        assert name in str(err.value)


def test_prod_starts_with_its_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIBACHI_ENV", "prod")
    monkeypatch.setenv("HIBACHI_PROJECT_ID", "hibachi-prod")
    monkeypatch.setenv("HIBACHI_TASKS_INVOKER_SA", "tasks@hibachi-prod.iam.gserviceaccount.com")
    monkeypatch.setenv("HIBACHI_CORS_ORIGINS", "https://myhibachi.com, https://admin.myhibachi.com")
    monkeypatch.setenv("HIBACHI_PAYMENT_SUCCESS_URL", "https://myhibachi.com/b/{booking_id}?paid=1")
    monkeypatch.setenv("HIBACHI_PAYMENT_CANCEL_URL", "https://myhibachi.com/b/{booking_id}")
    monkeypatch.setenv("HIBACHI_VECTOR_INDEX", "123")
    monkeypatch.setenv("HIBACHI_VECTOR_INDEX_ENDPOINT", "456")
    monkeypatch.setenv("HIBACHI_VECTOR_DEPLOYED_INDEX", "myhibachi_knowledge")
    config = Settings().check()
    assert config.cors_origins == ["https://myhibachi.com", "https://admin.myhibachi.com"]
    assert config.base_url == "https://us-west2-hibachi-prod.cloudfunctions.net"


def test_local_needs_nothing() -> None:
    config = Settings(env="local").check()
    assert config.sqlite_path.name == "hibachi.db"
    assert config.base_url.startswith("http://127.0.0.1:")
