"""Property-based fuzzing of the dev runtime, driven by schemas/openapi.json (Schemathesis).

Every operation, public and admin (with an owner token), against `scripts.dev` running as a
real process: no answer may be a 5xx, and every answer must be documented (status, media
type, body schema). The example budget keeps the run to a couple of minutes on 2 cores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from scripts.export_schemas import ROOT
from scripts.mint_token import local_token
from tests.e2e.test_dev_runtime import DevServer, dev_server

pytestmark = pytest.mark.slow

EXAMPLES_PER_OPERATION = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# The channel webhooks answer 503 until their secrets exist; give the fuzzed runtime some,
# so it exercises their signature checks instead.
CONFIGURED = {
    "META_VERIFY_TOKEN": "fuzz-verify-token",
    "META_APP_SECRET": "fuzz-app-secret",
    "EMAIL_INBOUND_TOKEN": "fuzz-email-token",
    "RINGCENTRAL_VERIFICATION_TOKEN": "fuzz-ringcentral-token",
}

schema = schemathesis.openapi.from_path(ROOT / "schemas" / "openapi.json")


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevServer, str]]:
    # Rate limits off: the fuzzer must reach the handlers, not the bucket (429 is covered
    # by the rate-limit tests).
    env = CONFIGURED | {"HIBACHI_RATE_LIMIT_ENABLED": "false"}
    with dev_server(tmp_path_factory.mktemp("fuzz"), **env) as server:
        yield server, local_token(["owner"], subject="fuzzer")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_answers_as_documented(case: Any, fuzzed: tuple[DevServer, str]) -> None:
    server, token = fuzzed
    headers = (
        {"Authorization": f"Bearer {token}"}
        if case.operation.definition.raw.get("security")
        else {}
    )
    case.call_and_validate(base_url=server.url, headers=headers, checks=CHECKS, timeout=30)
