"""schemas/openapi.json is a valid OpenAPI 3.1 document that says what each operation takes."""

from __future__ import annotations

import json
from typing import Any

from openapi_spec_validator import OpenAPIV31SpecValidator

from functions.manifest import FUNCTIONS, AdminHttp, PublicHttp
from scripts.export_schemas import ROOT

SPEC: dict[str, Any] = json.loads((ROOT / "schemas" / "openapi.json").read_text())


def test_validates_as_openapi_3_1() -> None:
    errors = [e.message for e in OpenAPIV31SpecValidator(SPEC).iter_errors()]
    assert SPEC["openapi"] == "3.1.0" and errors == []


def test_every_http_function_and_method_is_an_operation() -> None:
    http = [f for f in FUNCTIONS if isinstance(f.trigger, PublicHttp | AdminHttp)]
    assert set(SPEC["paths"]) == {f"/{f.name}" for f in http}
    for f in http:
        assert isinstance(f.trigger, PublicHttp | AdminHttp)
        assert set(SPEC["paths"][f"/{f.name}"]) == {m.lower() for m in f.trigger.methods}


def test_get_operations_declare_their_query_parameters() -> None:
    availability = SPEC["paths"]["/availability"]["get"]["parameters"]
    assert {p["name"]: p["required"] for p in availability} == {
        "date": True,
        "guests": True,
        "market": False,
        "customer_zipcode": False,
    }
    assert all(p["in"] == "query" for p in availability)
    # An optional parameter is absent rather than null.
    bookings = SPEC["paths"]["/admin-bookings"]["get"]["parameters"]
    assert all({"type": "null"} not in p["schema"].get("anyOf", []) for p in bookings)


def _answer(path: str, method: str, status: str = "200") -> Any:
    content = SPEC["paths"][path][method]["responses"][status]["content"]
    return next(iter(content.values()))["schema"]


def test_admin_lists_are_documented_as_their_envelopes() -> None:
    for path, envelope in (
        ("/admin-bookings", "BookingPage"),
        ("/admin-chefs", "ChefList"),
        ("/admin-customers", "CustomerList"),
        ("/admin-knowledge", "KnowledgeList"),
        ("/admin-payments", "ProposalList"),
        ("/admin-dead-letters", "DeadLetterPage"),
    ):
        assert _answer(path, "get")["$ref"].endswith(f"/{envelope}"), path
    assert _answer("/admin-bookings", "post")["$ref"].endswith("/Booking")


def test_error_statuses_are_documented_where_they_can_happen() -> None:
    def statuses(path: str, method: str) -> set[str]:
        return set(SPEC["paths"][path][method]["responses"])

    assert {"201", "409", "422", "429", "503"} <= statuses("/create-booking", "post")
    assert {"401", "403", "404", "409"} <= statuses("/cancel-booking", "post")
    assert {"401", "403", "404"} <= statuses("/booking-status", "get")
    assert {"401", "403", "422"} <= statuses("/admin-bookings", "get")
    assert "429" not in statuses("/admin-bookings", "get")
    for path in SPEC["paths"].values():
        for op in path.values():
            for status, answer in op["responses"].items():
                if int(status) >= 400:
                    media = answer["content"]["application/problem+json"]
                    assert media["schema"] == {"$ref": "#/components/schemas/Problem"}


def test_the_meta_handshake_answers_plain_text() -> None:
    assert _answer("/meta-webhook", "get") == {"type": "string"}
    names = {p["name"] for p in SPEC["paths"]["/meta-webhook"]["get"]["parameters"]}
    assert names == {"hub.mode", "hub.verify_token", "hub.challenge"}
