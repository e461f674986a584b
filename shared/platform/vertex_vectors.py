"""Vertex AI Vector Search adapter of the vector port, through `google-cloud-aiplatform`.

Writes go to the index through `aiplatform_v1.IndexServiceClient` (`upsert_datapoints`,
`remove_datapoints`; the index must have stream updates enabled), reads to the deployed
index through `aiplatform_v1.MatchServiceClient.find_neighbors` on its endpoint. The SDK is
imported on first use, so functions that never search do not pay its import. The index is
expected to use DOT_PRODUCT_DISTANCE on unit vectors; this adapter normalises every vector,
so the `distance` Vertex answers is the cosine the port promises.

Vertex keeps no free-form metadata and one id space per index, so:
- the datapoint id is `{namespace}/{id}`, and a `_ns` token restrict holds the namespace;
- each metadata entry is a token restrict `md.{key}` whose one token is the JSON of the
  value; `where` becomes allow-list restricts on the same tokens (Vertex ANDs namespaces),
  and `return_full_datapoint` brings the restricts back to rebuild the metadata.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any

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

NAMESPACE_RESTRICT = "_ns"
METADATA_PREFIX = "md."


class VertexVectorSearch:
    """`project`, `location`, the index and endpoint ids, and the deployed index id.

    `query_api_endpoint` is the endpoint's public domain (`<n>.<region>-<project>.vdb.
    vertexai.goog`) when it has one; the regional API otherwise. `credentials` default to
    Application Default Credentials (the SDK's own lookup); `transport` is the SDK's
    ("grpc" in production, "rest" against a local fake).
    """

    def __init__(
        self,
        project: str,
        location: str,
        index: str,
        index_endpoint: str,
        deployed_index_id: str,
        *,
        api_endpoint: str | None = None,
        query_api_endpoint: str | None = None,
        credentials: Any = None,
        transport: str = "grpc",
        timeout_s: float = 10.0,
    ) -> None:
        self._api_endpoint = api_endpoint or f"{location}-aiplatform.googleapis.com"
        self._query_api_endpoint = query_api_endpoint or self._api_endpoint
        parent = f"projects/{project}/locations/{location}"
        self._index = f"{parent}/indexes/{index}"
        self._index_endpoint = f"{parent}/indexEndpoints/{index_endpoint}"
        self._deployed_index_id = deployed_index_id
        self._credentials = credentials
        self._transport = transport
        self._timeout_s = timeout_s
        self._lock = threading.Lock()
        self._clients: tuple[Any, Any] | None = None

    def upsert(self, namespace: str, items: Iterable[Item]) -> None:
        from google.cloud import aiplatform_v1

        datapoints = [
            aiplatform_v1.IndexDatapoint(
                datapoint_id=_datapoint_id(namespace, item_id),
                feature_vector=unit(vector).tolist(),
                restricts=_restricts(namespace, check_metadata(metadata)),
            )
            for item_id, vector, metadata in items
        ]
        if datapoints:
            index_client, _ = self._sdk()
            request = aiplatform_v1.UpsertDatapointsRequest(
                index=self._index, datapoints=datapoints
            )
            self._call("upsertDatapoints", index_client.upsert_datapoints, request)

    def delete(self, namespace: str, ids: Iterable[str]) -> None:
        from google.cloud import aiplatform_v1

        datapoint_ids = [_datapoint_id(namespace, item_id) for item_id in ids]
        if datapoint_ids:
            index_client, _ = self._sdk()
            request = aiplatform_v1.RemoveDatapointsRequest(
                index=self._index, datapoint_ids=datapoint_ids
            )
            self._call("removeDatapoints", index_client.remove_datapoints, request)

    def query(
        self, namespace: str, vector: VectorLike, k: int, where: Metadata | None = None
    ) -> list[Match]:
        if k <= 0:
            return []
        from google.cloud import aiplatform_v1

        _, match_client = self._sdk()
        datapoint = aiplatform_v1.IndexDatapoint(
            datapoint_id="query",
            feature_vector=unit(vector).tolist(),
            restricts=_restricts(namespace, check_metadata(where or {})),
        )
        request = aiplatform_v1.FindNeighborsRequest(
            index_endpoint=self._index_endpoint,
            deployed_index_id=self._deployed_index_id,
            queries=[
                aiplatform_v1.FindNeighborsRequest.Query(datapoint=datapoint, neighbor_count=k)
            ],
            return_full_datapoint=True,
        )
        answer = self._call("findNeighbors", match_client.find_neighbors, request)
        matches = _matches(answer, namespace, k)
        # Checked again on the returned restricts: an item lacking a filtered key never
        # matches, whatever Vertex does with a datapoint that has no such namespace.
        return [m for m in matches if where is None or metadata_matches(m.metadata, where)]

    def _sdk(self) -> tuple[Any, Any]:
        """The index and match clients, built once (the first call pays the SDK import)."""
        with self._lock:
            if self._clients is None:
                from google.cloud import aiplatform_v1

                def client(cls: Any, endpoint: str) -> Any:
                    return cls(
                        credentials=self._credentials,
                        transport=self._transport,
                        client_options={"api_endpoint": endpoint},
                    )

                self._clients = (
                    client(aiplatform_v1.IndexServiceClient, self._api_endpoint),
                    client(aiplatform_v1.MatchServiceClient, self._query_api_endpoint),
                )
            return self._clients

    def _call(self, operation: str, method: Callable[..., Any], request: Any) -> Any:
        """One SDK call with Google's retry on transient statuses; errors become the port's."""
        from google.api_core import exceptions, retry

        transient = retry.if_exception_type(
            exceptions.TooManyRequests,
            exceptions.InternalServerError,
            exceptions.BadGateway,
            exceptions.ServiceUnavailable,
            exceptions.GatewayTimeout,
        )
        policy = retry.Retry(
            predicate=transient, initial=0.2, multiplier=2.0, maximum=2.0, timeout=self._timeout_s
        )
        try:
            return method(request=request, retry=policy, timeout=self._timeout_s)
        except exceptions.GoogleAPICallError as exc:
            # Status and Google's message, never the request (the vectors would flood logs).
            raise VectorIndexError(f"Vertex {operation}: HTTP {exc.code} {_reason(exc)}") from exc
        except exceptions.RetryError as exc:
            raise VectorIndexError(f"Vertex {operation}: gave up retrying ({exc.cause})") from exc


def _reason(exc: Any) -> str:
    message = str(getattr(exc, "message", "") or "")
    return message.rsplit(": ", 1)[-1]  # REST prefixes "POST <url>: "


def _datapoint_id(namespace: str, item_id: str) -> str:
    return f"{namespace}/{item_id}"


def _restricts(namespace: str, metadata: dict[str, Scalar]) -> list[Any]:
    from google.cloud import aiplatform_v1

    restrict = aiplatform_v1.IndexDatapoint.Restriction
    return [
        restrict(namespace=NAMESPACE_RESTRICT, allow_list=[namespace]),
        *(
            restrict(namespace=METADATA_PREFIX + key, allow_list=[json.dumps(value)])
            for key, value in sorted(metadata.items())
        ),
    ]


def _metadata(restricts: Iterable[Any]) -> dict[str, Scalar]:
    metadata: dict[str, Scalar] = {}
    for restrict in restricts:
        tokens = list(restrict.allow_list)
        if restrict.namespace.startswith(METADATA_PREFIX) and tokens:
            metadata[restrict.namespace.removeprefix(METADATA_PREFIX)] = json.loads(tokens[0])
    return metadata


def _matches(answer: Any, namespace: str, k: int) -> list[Match]:
    prefix = _datapoint_id(namespace, "")
    found: dict[str, tuple[float, dict[str, Scalar]]] = {}
    for nearest in answer.nearest_neighbors:
        for neighbor in nearest.neighbors:
            datapoint_id = str(neighbor.datapoint.datapoint_id)
            if datapoint_id.startswith(prefix):  # the _ns restrict already ensures it
                metadata = _metadata(neighbor.datapoint.restricts)
                found[datapoint_id.removeprefix(prefix)] = (float(neighbor.distance), metadata)
    ranked = rank(list(found), [score for score, _ in found.values()], k)
    return [Match(item_id, score, found[item_id][1]) for item_id, score in ranked]
