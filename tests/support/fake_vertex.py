"""A fake Vertex AI Vector Search (REST v1) on `FakeGoogleRest`, for the vector contract tests.

It answers `indexes/{id}:upsertDatapoints`, `:removeDatapoints` and
`indexEndpoints/{id}:findNeighbors` the way a stream-updated index with DOT_PRODUCT_DISTANCE
does: token restricts AND across namespaces and OR within one allow list, a datapoint
without a queried namespace is let through (the adapter must not rely on the server for
that), and `distance` is the dot product. Requests without a bearer token get 401, with
another token 403 (a 401 would make google-auth refresh and retry).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.support.fake_google_rest import FakeGoogleRest, RecordedRequest, Reply, google_error

PROJECT, LOCATION = "test-project", "us-central1"
INDEX, ENDPOINT, DEPLOYED = "idx-1", "ep-1", "deployed_1"
TOKEN = "test-token"


@dataclass
class FakeVertex:
    rest: FakeGoogleRest
    datapoints: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_next: list[int] = field(default_factory=list)  # statuses to answer before serving

    def adapter_kwargs(self) -> dict[str, Any]:
        return {
            "project": PROJECT,
            "location": LOCATION,
            "index": INDEX,
            "index_endpoint": ENDPOINT,
            "deployed_index_id": DEPLOYED,
            "api_endpoint": self.rest.endpoint,
            "credentials": bearer(TOKEN),
            "transport": "rest",
        }

    def _guard(self, request: RecordedRequest) -> Reply | None:
        authorization = request.headers.get("authorization")
        if authorization is None:
            return google_error(401, "UNAUTHENTICATED", "missing bearer token")
        if authorization != f"Bearer {TOKEN}":
            return google_error(403, "PERMISSION_DENIED", "caller lacks aiplatform.indexes")
        if self.fail_next:
            return google_error(self.fail_next.pop(0), "UNAVAILABLE", "try again")
        return None

    def upsert(self, request: RecordedRequest, _: re.Match[str]) -> Reply:
        if refused := self._guard(request):
            return refused
        for point in request.json()["datapoints"]:
            if not point.get("datapointId") or not point.get("featureVector"):
                return google_error(400, "INVALID_ARGUMENT", "datapointId and featureVector")
            self.datapoints[point["datapointId"]] = point
        return 200, {}

    def remove(self, request: RecordedRequest, _: re.Match[str]) -> Reply:
        if refused := self._guard(request):
            return refused
        for datapoint_id in request.json()["datapointIds"]:
            self.datapoints.pop(datapoint_id, None)
        return 200, {}

    def find(self, request: RecordedRequest, _: re.Match[str]) -> Reply:
        if refused := self._guard(request):
            return refused
        body = request.json()
        if body.get("deployedIndexId") != DEPLOYED:
            return google_error(400, "INVALID_ARGUMENT", "unknown deployed index")
        answers = []
        for query in body["queries"]:
            point, count = query["datapoint"], int(query.get("neighborCount", 10))
            found = [
                {"datapoint": stored, "distance": _dot(point["featureVector"], stored)}
                for stored in self.datapoints.values()
                if _allowed(stored.get("restricts", []), point.get("restricts", []))
            ]
            found.sort(key=lambda n: -n["distance"])
            answers.append({"id": point.get("datapointId", ""), "neighbors": found[:count]})
        return 200, {"nearestNeighbors": answers}


def bearer(token: str) -> Any:
    """Credentials that send `Authorization: Bearer <token>` and never refresh."""
    from google.oauth2.credentials import Credentials

    return Credentials(token=token)


def _dot(a: list[float], b: dict[str, Any]) -> float:
    return sum(x * y for x, y in zip(a, b["featureVector"], strict=True))


def _allowed(stored: list[dict[str, Any]], wanted: list[dict[str, Any]]) -> bool:
    tokens = {r["namespace"]: set(r.get("allowList", [])) for r in stored}
    return all(
        r["namespace"] not in tokens or tokens[r["namespace"]] & set(r.get("allowList", []))
        for r in wanted
    )


@contextmanager
def running_fake_vertex() -> Iterator[FakeVertex]:
    rest = FakeGoogleRest()
    fake = FakeVertex(rest)
    parent = f"/v1/projects/{PROJECT}/locations/{LOCATION}"
    rest.route("POST", f"{parent}/indexes/{INDEX}:upsertDatapoints", fake.upsert)
    rest.route("POST", f"{parent}/indexes/{INDEX}:removeDatapoints", fake.remove)
    rest.route("POST", f"{parent}/indexEndpoints/{ENDPOINT}:findNeighbors", fake.find)
    with rest.running():
        yield fake
