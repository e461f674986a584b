"""Vertex AI Vector Search adapter of the vector port, over its REST API (v1).

Writes go to the index (`indexes/{id}:upsertDatapoints`, `:removeDatapoints`; the index
must have stream updates enabled), reads to the deployed index on its endpoint
(`indexEndpoints/{id}:findNeighbors`). The index is expected to use DOT_PRODUCT_DISTANCE
on unit vectors; this adapter normalises every vector, so the `distance` Vertex answers is
the cosine the port promises.

Vertex keeps no free-form metadata and one id space per index, so:
- the datapoint id is `{namespace}/{id}`, and a `_ns` token restrict holds the namespace;
- each metadata entry is a token restrict `md.{key}` whose one token is the JSON of the
  value; `where` becomes allow-list restricts on the same tokens (Vertex ANDs namespaces),
  and `returnFullDatapoint` brings the restricts back to rebuild the metadata.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from shared.platform.vectors import (
    Item,
    Match,
    Metadata,
    Scalar,
    VectorIndexError,
    VectorLike,
    check_metadata,
    metadata_matches,
    rank,
    unit,
)

TokenProvider = Callable[[], str]

NAMESPACE_RESTRICT = "_ns"
METADATA_PREFIX = "md."
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_SCOPES = ("https://www.googleapis.com/auth/cloud-platform",)


class VertexVectorSearch:
    """`project`, `location`, the index and endpoint ids, and the deployed index id.

    `query_base_url` is the endpoint's public domain (`https://<n>.<region>-<project>.vdb.
    vertexai.goog`) when it has one; the regional API otherwise. `token_provider` defaults
    to Application Default Credentials, imported on first use.
    """

    def __init__(
        self,
        project: str,
        location: str,
        index: str,
        index_endpoint: str,
        deployed_index_id: str,
        base_url: str | None = None,
        query_base_url: str | None = None,
        token_provider: TokenProvider | None = None,
        timeout_s: float = 10.0,
        attempts: int = 3,
    ) -> None:
        self._base_url = (base_url or f"https://{location}-aiplatform.googleapis.com").rstrip("/")
        self._query_base_url = (query_base_url or self._base_url).rstrip("/")
        parent = f"v1/projects/{project}/locations/{location}"
        self._index_path = f"{parent}/indexes/{index}"
        self._endpoint_path = f"{parent}/indexEndpoints/{index_endpoint}"
        self._deployed_index_id = deployed_index_id
        self._token = token_provider or AdcToken()
        self._timeout_s = timeout_s
        self._attempts = attempts

    def upsert(self, namespace: str, items: Iterable[Item]) -> None:
        datapoints = [
            {
                "datapointId": _datapoint_id(namespace, item_id),
                "featureVector": unit(vector).tolist(),
                "restricts": _restricts(namespace, check_metadata(metadata)),
            }
            for item_id, vector, metadata in items
        ]
        if datapoints:
            body = {"datapoints": datapoints}
            self._post(self._base_url, f"{self._index_path}:upsertDatapoints", body)

    def delete(self, namespace: str, ids: Iterable[str]) -> None:
        datapoint_ids = [_datapoint_id(namespace, item_id) for item_id in ids]
        if datapoint_ids:
            body = {"datapointIds": datapoint_ids}
            self._post(self._base_url, f"{self._index_path}:removeDatapoints", body)

    def query(
        self, namespace: str, vector: VectorLike, k: int, where: Metadata | None = None
    ) -> list[Match]:
        if k <= 0:
            return []
        datapoint = {
            "datapointId": "query",
            "featureVector": unit(vector).tolist(),
            "restricts": _restricts(namespace, check_metadata(where or {})),
        }
        body = {
            "deployedIndexId": self._deployed_index_id,
            "queries": [{"datapoint": datapoint, "neighborCount": k}],
            "returnFullDatapoint": True,
        }
        answer = self._post(self._query_base_url, f"{self._endpoint_path}:findNeighbors", body)
        matches = _matches(answer, namespace, k)
        # Checked again on the returned restricts: an item lacking a filtered key never
        # matches, whatever Vertex does with a datapoint that has no such namespace.
        return [m for m in matches if where is None or metadata_matches(m.metadata, where)]

    def _post(self, base_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        data = json.dumps(body).encode()
        for attempt in range(1, self._attempts + 1):
            request = Request(f"{base_url}/{path}", data=data, method="POST")
            request.add_header("Content-Type", "application/json")
            request.add_header("Authorization", f"Bearer {self._token()}")
            try:
                with urlopen(request, timeout=self._timeout_s) as response:
                    raw = response.read()
                return dict(json.loads(raw)) if raw.strip() else {}
            except HTTPError as exc:
                if exc.code not in _RETRY_STATUSES or attempt == self._attempts:
                    raise VectorIndexError(f"Vertex {path}: {_describe(exc)}") from exc
            except (URLError, TimeoutError) as exc:
                if attempt == self._attempts:
                    raise VectorIndexError(f"Vertex {path}: {exc}") from exc
            time.sleep(0.2 * 2 ** (attempt - 1))
        raise AssertionError("unreachable: the last attempt returns or raises")


class AdcToken:
    """A bearer token from Application Default Credentials, refreshed when it expires."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._credentials: Any = None

    def __call__(self) -> str:
        import google.auth
        import google.auth.transport.requests

        with self._lock:
            if self._credentials is None:
                self._credentials, _ = google.auth.default(scopes=_SCOPES)
            if not self._credentials.valid:
                self._credentials.refresh(google.auth.transport.requests.Request())
            return str(self._credentials.token)


def _datapoint_id(namespace: str, item_id: str) -> str:
    return f"{namespace}/{item_id}"


def _restricts(namespace: str, metadata: dict[str, Scalar]) -> list[dict[str, Any]]:
    restricts = [{"namespace": NAMESPACE_RESTRICT, "allowList": [namespace]}]
    restricts += [
        {"namespace": METADATA_PREFIX + key, "allowList": [json.dumps(value)]}
        for key, value in sorted(metadata.items())
    ]
    return restricts


def _metadata(restricts: list[dict[str, Any]]) -> dict[str, Scalar]:
    metadata: dict[str, Scalar] = {}
    for restrict in restricts:
        name, tokens = restrict.get("namespace", ""), restrict.get("allowList") or []
        if name.startswith(METADATA_PREFIX) and tokens:
            metadata[name.removeprefix(METADATA_PREFIX)] = json.loads(tokens[0])
    return metadata


def _matches(answer: dict[str, Any], namespace: str, k: int) -> list[Match]:
    prefix = _datapoint_id(namespace, "")
    found: dict[str, tuple[float, dict[str, Scalar]]] = {}
    for nearest in answer.get("nearestNeighbors", []):
        for neighbor in nearest.get("neighbors", []):
            datapoint = neighbor.get("datapoint", {})
            datapoint_id = str(datapoint.get("datapointId", ""))
            if datapoint_id.startswith(prefix):  # the _ns restrict already ensures it
                metadata = _metadata(datapoint.get("restricts", []))
                found[datapoint_id.removeprefix(prefix)] = (float(neighbor["distance"]), metadata)
    ranked = rank(list(found), [score for score, _ in found.values()], k)
    return [Match(item_id, score, found[item_id][1]) for item_id, score in ranked]


def _describe(exc: HTTPError) -> str:
    """Status and Google's error message, never the request (it carries no secret, but the
    vectors would flood the log)."""
    try:
        message = json.loads(exc.read()).get("error", {}).get("message", "")
    except (ValueError, AttributeError):
        message = ""
    return f"HTTP {exc.code} {message}".strip()
