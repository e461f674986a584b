"""Hostile and malformed input through the real entry points: always a 4xx problem document
with a stable code, the function's own path in `instance` and in the access log."""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

import pytest

from shared.platform import deadletters
from shared.platform.http import MAX_JSON_DEPTH
from tests.support.platform import bearer

QUOTE = {"adults": 20, "customer_zipcode": "90012", "event_date": "2026-12-05"}
BOOKING = QUOTE | {
    "start_time": "17:00",
    "contact": {"name": "Jo Host", "phone": "+1 213 555 0100"},
    "address": "100 Main St, Los Angeles",
}
PUBLIC_POSTS = ("/quote", "/create-booking", "/chat")
# The manual clock's "now" is 2026-11-21 12:00 UTC: the 21st is still today west of UTC and
# the 22nd already is east of it, so the field check leaves both to the market's own rules.
PAST, TODAY, LAST, BEYOND = "2026-11-20", "2026-11-21", "2027-11-22", "2027-11-23"


def post_raw(client: Any, path: str, data: bytes | str, **headers: str) -> tuple[int, Any]:
    response = client.post(path, data=data, content_type="application/json", headers=headers)
    assert response.mimetype in ("application/json", "application/problem+json")
    return response.status_code, json.loads(response.get_data())


def nested(depth: int, kind: str) -> str:
    opener, closer = ("[", "]") if kind == "array" else ('{"a":', "}")
    return opener * depth + "1" + closer * depth


@pytest.mark.parametrize("path", PUBLIC_POSTS)
@pytest.mark.parametrize("kind", ["array", "object"])
def test_deep_nesting_is_a_400_not_a_recursion_crash(client, path, kind) -> None:  # type: ignore[no-untyped-def]
    for depth in (MAX_JSON_DEPTH + 1, 5_000, 100_000):
        status, problem = post_raw(client, path, nested(depth, kind))
        assert (status, problem["code"]) == (400, "json_too_deep"), depth
        assert problem["instance"] == path


def test_nesting_up_to_the_limit_reaches_validation(client) -> None:  # type: ignore[no-untyped-def]
    status, problem = post_raw(client, "/quote", nested(MAX_JSON_DEPTH, "object"))
    assert (status, problem["code"]) == (422, "validation_failed")


def test_brackets_inside_strings_do_not_count_as_nesting(client) -> None:  # type: ignore[no-untyped-def]
    name = '[{"\\"' * 5_000
    status, problem = post_raw(client, "/create-booking", json.dumps(BOOKING | {"address": name}))
    assert (status, problem["errors"][0]["field"]) == (422, "address")


def test_malformed_json_and_media_types_are_4xx(client) -> None:  # type: ignore[no-untyped-def]
    for body in ("{", '{"adults": }', "\xff\xfe", "[" * 10 + "]" * 9, '"' + "\\" * 3):
        status, problem = post_raw(client, "/quote", body)
        assert (status, problem["code"]) == (400, "invalid_json"), body
    response = client.post("/quote", data="adults=2", content_type="text/plain")
    assert response.status_code == 415 and response.mimetype == "application/problem+json"


def test_a_body_over_the_limit_is_413_by_content_length(client, platform) -> None:  # type: ignore[no-untyped-def]
    too_big = b" " * (platform.settings.max_body_bytes + 1)
    for path in PUBLIC_POSTS:
        status, problem = post_raw(client, path, too_big)
        assert (status, problem["code"], problem["instance"]) == (413, "payload_too_large", path)


@pytest.mark.parametrize(
    ("field", "day", "kind"),
    [("date", PAST, "date_in_past"), ("date", "0001-01-01", "date_in_past")]
    + [("date", d, "date_beyond_horizon") for d in (BEYOND, "9999-12-31")],
)
def test_availability_dates_outside_the_bookable_range(api, field, day, kind) -> None:  # type: ignore[no-untyped-def]
    status, problem = api.call(
        "GET", "/availability", {"date": day, "guests": 10, "customer_zipcode": "90012"}
    )
    assert status == 422 and problem["errors"][0]["field"] == field
    assert problem["errors"][0]["type"] == kind


@pytest.mark.parametrize(("path", "body"), [("/quote", QUOTE), ("/create-booking", BOOKING)])
@pytest.mark.parametrize("day", [PAST, "0001-01-01", BEYOND, "9999-12-31"])
def test_event_dates_outside_the_bookable_range(api, path, body, day) -> None:  # type: ignore[no-untyped-def]
    status, problem = api.call("POST", path, body | {"event_date": day})
    assert status == 422 and [e["field"] for e in problem["errors"]] == ["event_date"]
    assert str(365) in problem["detail"] or "past" in problem["detail"]


@pytest.mark.parametrize("day", [TODAY, LAST])
def test_the_ends_of_the_range_reach_the_market_rules(api, day) -> None:  # type: ignore[no-untyped-def]
    status, quote = api.call("POST", "/quote", QUOTE | {"event_date": day})
    assert status == 200 and quote["event_date"] == day
    status, problem = api.call("POST", "/create-booking", BOOKING | {"event_date": day})
    assert status == 422 and problem["code"] in ("too_soon", "too_far")


def test_reschedules_are_held_to_the_same_range(api) -> None:  # type: ignore[no-untyped-def]
    status, created = api.call("POST", "/create-booking", BOOKING)
    assert status == 201
    customer = {"X-Booking-Token": created["access_token"]}
    for day in (PAST, "9999-12-31"):
        move = {"booking_id": created["id"], "event_date": day, "start_time": "17:00"}
        status, problem = api.call("POST", "/reschedule-booking", move, **customer)
        assert status == 422 and problem["errors"][0]["field"] == "event_date"
        staff = {"action": "reschedule"} | move
        status, problem = api.admin("POST", "/admin-bookings", staff)
        assert status == 422 and problem["errors"][0]["field"] == "reschedule.event_date"


def test_problems_and_access_logs_carry_the_function_path(client, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level(logging.INFO, logger="functions._app.entry"):
        status, problem = post_raw(client, "/quote", "{}")
        assert status == 422 and problem["instance"] == "/quote"
        assert client.get("/healthz").status_code == 200
    lines = [r for r in caplog.records if r.name == "functions._app.entry"]
    assert [r.getMessage() for r in lines] == ["POST /quote -> 422", "GET /healthz -> 200"]
    assert [r.fields["path"] for r in lines] == ["/quote", "/healthz"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", ["chef", "staff", "manager"])
@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/release-hold", {"booking_id": "bk_1"}),
        ("/housekeeping", {}),
        ("/send-outbound", {"channel": "sms", "to": "+12135550100", "text": "hi"}),
        ("/request-balance", {}),
    ],
)
def test_private_functions_refuse_weak_roles_without_side_effects(  # type: ignore[no-untyped-def]
    client, platform, role, path, body
) -> None:
    status, problem = post_raw(client, path, json.dumps(body), **bearer(platform, role))
    assert (status, problem["code"]) == (403, "insufficient_role")
    assert "dead_lettered" not in problem
    status, problem = post_raw(client, path, json.dumps(body))
    assert status == 401
    assert platform.store.query(deadletters.COLLECTION) == []


def push(payload: Any = None, data: str | None = None, **message: Any) -> dict[str, Any]:
    encoded = data if data is not None else base64.b64encode(json.dumps(payload).encode()).decode()
    return {"message": {"data": encoded, "messageId": "m-1"} | message, "subscription": "s"}


@pytest.mark.parametrize("path", ["/handle-inbound-message", "/record-dead-letter"])
@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        "{}",
        json.dumps({"message": "x"}),
        json.dumps(push(data="%%%not-base64")),
        json.dumps(push(data=base64.b64encode(b"not json").decode())),
        json.dumps(push(["a list"])),
        json.dumps(push({"a": 1}, attributes=["not", "an", "object"])),
        json.dumps({"message": {"data": ""}}),  # no message id
        nested(5_000, "object"),
    ],
)
def test_malformed_pushes_are_4xx_problems(client, platform, path, body) -> None:  # type: ignore[no-untyped-def]
    status, problem = post_raw(client, path, body, **bearer(platform, "owner"))
    assert status == 400 and problem["code"] in ("malformed_event", "invalid_json", "json_too_deep")
    assert problem["instance"] == path
    assert platform.store.query(deadletters.COLLECTION) == []


def test_an_inbound_message_of_the_wrong_shape_is_a_422_naming_fields(client, platform) -> None:  # type: ignore[no-untyped-def]
    for payload, fields in (
        ({}, {"message.data.channel", "message.data.sender", "message.data.text"}),
        (
            {"channel": "carrier-pigeon", "sender": "x", "text": "hi", "provider_message_id": "p"},
            {"message.data.channel"},
        ),
    ):
        body = json.dumps(push(payload))
        status, problem = post_raw(
            client, "/handle-inbound-message", body, **bearer(platform, "owner")
        )
        assert status == 422
        assert fields <= {e["field"] for e in problem["errors"]}


def test_pushes_are_accepted_as_cloudevents_too(client, platform) -> None:  # type: ignore[no-untyped-def]
    envelope = push({"booking": "b-1"}, attributes={deadletters.SOURCE_SUBSCRIPTION_ATTR: "t--f"})
    structured = {
        "specversion": "1.0",
        "type": "google.cloud.pubsub.topic.v1.messagePublished",
        "source": "//pubsub",
        "id": "m-1",
        "data": envelope,
    }
    response = client.post(
        "/record-dead-letter",
        data=json.dumps(structured),
        content_type="application/cloudevents+json",
        headers=bearer(platform, "owner"),
    )
    assert response.status_code == 200 and response.get_json() == {"message_id": "m-1"}
    assert len(platform.store.query(deadletters.COLLECTION)) == 1
