"""Both secret adapters: Secret Manager (real SDK client, fake REST server) and env/.env."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.platform.env_secrets import EnvSecrets
from shared.platform.secret_manager import SecretManagerSecrets
from shared.platform.secrets import SecretNotFound
from tests.support.fake_google_rest import (
    FakeGoogleRest,
    RecordedRequest,
    Reply,
    google_cloud_modules_after_import,
    google_error,
)

PROJECT = "hibachi-test"
SECRETS = {"jwt-signing-key": "s3cr3t-ключ"}


def access(request: RecordedRequest, match: re.Match[str]) -> Reply:
    """`projects.secrets.versions.access` for the latest version of the secrets above."""
    value = SECRETS.get(match["secret"])
    if value is None:
        return google_error(404, "NOT_FOUND", f"Secret [{match['secret']}] not found.")
    data = base64.b64encode(value.encode()).decode()
    return 200, {"name": f"{match[1]}/versions/1", "payload": {"data": data}}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> Iterator[FakeGoogleRest]:
    fake = FakeGoogleRest()
    fake.route(
        "GET", r"/v1/(projects/[^/]+/secrets/(?P<secret>[^/]+))/versions/latest:access", access
    )
    with fake.running():
        yield fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def secrets(server: FakeGoogleRest, clock: FakeClock) -> SecretManagerSecrets:
    from google.cloud import secretmanager

    client = secretmanager.SecretManagerServiceClient(**server.client_kwargs())
    return SecretManagerSecrets(PROJECT, client=client, ttl_s=60, clock=clock)


def test_reads_the_latest_version(server: FakeGoogleRest, secrets: SecretManagerSecrets) -> None:
    assert secrets.get("jwt-signing-key") == "s3cr3t-ключ"
    [request] = server.requests
    assert request.method == "GET"
    assert request.path == f"/v1/projects/{PROJECT}/secrets/jwt-signing-key/versions/latest:access"


def test_cached_within_ttl_and_refetched_after(
    server: FakeGoogleRest, secrets: SecretManagerSecrets, clock: FakeClock
) -> None:
    secrets.get("jwt-signing-key")
    clock.now += 59.9
    secrets.get("jwt-signing-key")
    assert len(server.requests) == 1

    clock.now += 0.1
    assert secrets.get("jwt-signing-key") == "s3cr3t-ключ"
    assert len(server.requests) == 2


def test_unknown_secret_is_secret_not_found_and_not_cached(
    server: FakeGoogleRest, secrets: SecretManagerSecrets
) -> None:
    for _ in range(2):
        with pytest.raises(SecretNotFound):
            secrets.get("stripe-api-key")
    assert len(server.requests) == 2


def test_env_secret_from_upper_snake_variable() -> None:
    env = {"JWT_SIGNING_KEY": "from-env"}
    assert EnvSecrets(environ=env).get("jwt-signing-key") == "from-env"


def test_env_secret_from_dotenv_file_with_environment_winning(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# local secrets\n"
        "\n"
        "JWT_SIGNING_KEY='from-file=with=equals'\n"
        'export STRIPE_API_KEY="sk_test_1"\n'
        "MALFORMED LINE\n",
        encoding="utf-8",
    )
    from_file = EnvSecrets(environ={}, dotenv_path=dotenv)
    assert from_file.get("jwt-signing-key") == "from-file=with=equals"
    assert from_file.get("stripe-api-key") == "sk_test_1"

    overridden = EnvSecrets(environ={"JWT_SIGNING_KEY": "from-env"}, dotenv_path=dotenv)
    assert overridden.get("jwt-signing-key") == "from-env"


@pytest.mark.parametrize("environ", [{}, {"JWT_SIGNING_KEY": ""}])
def test_env_secret_absent_or_empty_is_secret_not_found(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    store = EnvSecrets(environ=environ, dotenv_path=tmp_path / "missing.env")
    with pytest.raises(SecretNotFound):
        store.get("jwt-signing-key")


@pytest.mark.parametrize(
    "module", ["shared.platform.secret_manager", "shared.platform.env_secrets"]
)
def test_module_import_does_not_load_the_sdk(module: str) -> None:
    assert google_cloud_modules_after_import(module) == []
