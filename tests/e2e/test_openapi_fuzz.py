"""Hostile clients against the dev runtime running as a real process.

Property-based fuzzing driven by schemas/openapi.json (Schemathesis): every operation, public
and admin (with an owner token); no answer may be a 5xx, and every answer must be documented
(status, media type, body schema). The example budget keeps the run to a couple of minutes
on 2 cores. Plus what only a real socket shows: chunked bodies are capped on the bytes read.
"""

from __future__ import annotations

import http.client
import json
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

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

# CI's budget; raise it for a deeper one-off run (HIBACHI_FUZZ_EXAMPLES=500).
EXAMPLES_PER_OPERATION = int(os.environ.get("HIBACHI_FUZZ_EXAMPLES", "25"))
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


def post_chunked(url: str, path: str, chunks: Iterator[bytes]) -> tuple[int, dict[str, Any]]:
    """POST with Transfer-Encoding: chunked (no Content-Length); the server may answer and
    close before the whole body is sent."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        try:
            for chunk in chunks:
                conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            conn.send(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # refused mid-body: the answer is already waiting
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_a_chunked_body_is_capped_on_the_bytes_read(fuzzed: tuple[DevServer, str]) -> None:
    server, _ = fuzzed
    ten_mb = (b" " * 65_536 for _ in range(160))
    status, problem = post_chunked(server.url, "/chat", ten_mb)
    assert (status, problem["code"], problem["instance"]) == (413, "payload_too_large", "/chat")
    # A chunked body within the limit is read whole.
    quote = {"adults": 20, "customer_zipcode": "90012", "event_date": "2099-01-01"}
    text = json.dumps(quote).encode()
    status, problem = post_chunked(server.url, "/quote", iter([text[:10], text[10:]]))
    assert status == 422 and problem["errors"][0]["field"] == "event_date"
