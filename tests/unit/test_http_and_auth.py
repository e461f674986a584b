"""Admin auth, problem+json errors, CORS, request ids and rate limits, through the real app."""

from __future__ import annotations

import json
from datetime import timedelta

from shared.auth import api_keys
from tests.support.platform import bearer, token


def _problem(response) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert response.headers["Content-Type"] == "application/problem+json"
    return json.loads(response.get_data())


def test_admin_function_needs_a_token(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/whoami")
    assert response.status_code == 401
    body = _problem(response)
    assert body["code"] == "missing_credentials" and body["status"] == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_expired_token_is_401(client, platform) -> None:  # type: ignore[no-untyped-def]
    stale = token(platform, "owner", ttl=timedelta(minutes=5))
    platform.clock.advance(timedelta(minutes=5))
    response = client.get("/whoami", headers={"Authorization": f"Bearer {stale}"})
    assert response.status_code == 401 and _problem(response)["code"] == "token_expired"


def test_forged_token_is_401(client, platform) -> None:  # type: ignore[no-untyped-def]
    good = token(platform, "owner")
    header, payload, _ = good.split(".")
    response = client.get("/whoami", headers={"Authorization": f"Bearer {header}.{payload}.AAAA"})
    assert response.status_code == 401 and _problem(response)["code"] == "invalid_token"


def test_wrong_role_is_403_and_right_role_passes(client, platform) -> None:  # type: ignore[no-untyped-def]
    body = {"job": "housekeeping"}
    denied = client.post("/run-job", json=body, headers=bearer(platform, "chef"))
    assert denied.status_code == 403 and _problem(denied)["code"] == "insufficient_role"
    allowed = client.post("/run-job", json=body, headers=bearer(platform, "admin"))
    assert allowed.status_code == 202
    assert json.loads(allowed.get_data())["queued"] is True


def test_whoami_returns_the_principal(client, platform) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/whoami", headers=bearer(platform, "staff"))
    assert response.status_code == 200
    assert json.loads(response.get_data()) == {
        "subject": "tester",
        "roles": ["staff"],
        "kind": "user",
        "name": None,
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_service_api_key_works_until_revoked(client, platform) -> None:  # type: ignore[no-untyped-def]
    key = api_keys.create(platform.store, name="website", roles=["staff"], now=platform.clock.now())
    assert platform.store.get(api_keys.COLLECTION, key) is None  # stored only as a hash
    ok = client.get("/whoami", headers={"X-API-Key": key})
    assert ok.status_code == 200 and json.loads(ok.get_data())["kind"] == "service"
    api_keys.revoke(platform.store, key)
    assert client.get("/whoami", headers={"X-API-Key": key}).status_code == 401


def test_invalid_fields_are_422_with_field_detail(client, platform) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/run-job", json={"job": 5}, headers=bearer(platform, "owner"))
    assert response.status_code == 422
    errors = _problem(response)["errors"]
    assert [e["field"] for e in errors] == ["job"]
    unknown = client.post("/run-job", json={"job": "nope"}, headers=bearer(platform, "owner"))
    assert (
        unknown.status_code == 422 and "housekeeping" in _problem(unknown)["errors"][0]["message"]
    )


def test_malformed_requests_are_4xx_never_500(client, platform) -> None:  # type: ignore[no-untyped-def]
    auth = bearer(platform, "owner")
    bad_json = client.post(
        "/run-job", data="{not json", content_type="application/json", headers=auth
    )
    assert bad_json.status_code == 400 and _problem(bad_json)["code"] == "invalid_json"
    form = client.post("/run-job", data="job=x", content_type="text/plain", headers=auth)
    assert form.status_code == 415
    wrong_method = client.get("/run-job", headers=auth)
    assert wrong_method.status_code == 405
    array = client.post("/run-job", json=[1, 2], headers=auth)
    assert array.status_code == 422


def test_request_id_is_echoed_or_created(client) -> None:  # type: ignore[no-untyped-def]
    given = client.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert given.headers["X-Request-Id"] == "abc-123"
    created = client.get("/healthz", headers={"X-Request-Id": "bad id with spaces"})
    assert created.headers["X-Request-Id"].startswith("req_")


def test_cors_only_for_configured_origins(client) -> None:  # type: ignore[no-untyped-def]
    allowed = client.get("/healthz", headers={"Origin": "http://localhost:3000"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    other = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = client.options("/whoami", headers={"Origin": "http://localhost:3000"})
    assert preflight.status_code == 204
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]


def test_public_rate_limit_answers_429_with_retry_after(client, platform) -> None:  # type: ignore[no-untyped-def]
    statuses = [client.get("/healthz").status_code for _ in range(121)]
    assert statuses[:120] == [200] * 120  # healthz allows 120 a minute per client
    assert statuses[120] == 429
    limited = client.get("/healthz")
    assert int(limited.headers["Retry-After"]) >= 1
    platform.clock.advance(timedelta(seconds=1))  # a token refills every 0.5 s
    assert client.get("/healthz").status_code == 200
    other_client = client.get("/healthz", environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert other_client.status_code == 200


def test_healthz_reports_store_round_trip(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz")
    body = json.loads(response.get_data())
    assert response.status_code == 200 and body["status"] == "ok" and body["store_ok"] is True


def test_unexpected_errors_are_500_problem_without_internals(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*_: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("functions.healthz.check", boom)
    response = client.get("/healthz")
    assert response.status_code == 500
    body = _problem(response)
    assert body["code"] == "internal" and "secret internals" not in json.dumps(body)


def test_redelivered_dead_letter_is_recorded_once(client, platform) -> None:  # type: ignore[no-untyped-def]
    from shared.platform import deadletters
    from shared.platform.events.envelope import push_body

    body = push_body(
        message_id="77",
        payload={"booking": "b-9"},
        attributes={deadletters.SOURCE_SUBSCRIPTION_ATTR: "projects/p/subscriptions/t--notify"},
        subscription="projects/p/subscriptions/dead-letters--record-dead-letter",
        publish_time=platform.clock.now(),
    )
    auth = bearer(platform, "owner")  # locally, private functions take an owner/admin token
    for _ in range(2):
        assert client.post("/record-dead-letter", json=body, headers=auth).status_code == 200
    [letter] = platform.store.query(deadletters.COLLECTION)
    assert letter.data["payload"] == {"booking": "b-9"} and letter.data["target"] == "notify"
    anonymous = client.post("/record-dead-letter", json=body)
    assert anonymous.status_code == 401
