"""The dev runtime's analytics store, shared by its two processes through the worker.

DuckDB lets one process at a time open its file, and the dev runtime has two. The delivery
worker keeps it: the analytics sink runs there, and an insert costs milliseconds of
DuckDB work per event, which has no place beside customers' requests (in production the
topic's BigQuery subscription does it). The server's `AnalyticsStore` is
`RelayedAnalytics`, which sends `admin-analytics`' queries (and any insert) to the
worker's relay over loopback, as an instance in production asks BigQuery. The relay
answers only requests carrying the run's secret token, since it runs SQL.
"""

from __future__ import annotations

import hmac
import http.client
import json
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from werkzeug.wrappers import Request, Response

from shared.analytics.sql import DUCKDB, Dialect
from shared.analytics.store import AnalyticsStore, Param
from shared.platform.analytics import AnalyticsPayload, AnalyticsRow

TOKEN_HEADER = "X-Hibachi-Relay-Token"
TIMEOUT_S = 60.0
STARTING_S = 60.0  # how long a call waits for a worker still starting (or restarting)
RETRY_S = 0.05


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    return value


_TAGS: dict[str, Callable[[str], Any]] = {
    "$datetime": datetime.fromisoformat,
    "$date": date.fromisoformat,
    "$decimal": Decimal,
}


def _from_json(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        ((tag, text),) = obj.items()
        if tag in _TAGS:
            return _TAGS[tag](text)
    return obj


def _dumps(body: Any) -> bytes:
    return json.dumps(body, default=_to_json).encode()


class Relay:
    """The worker's side: `POST /insert {"rows": [...]}`, `POST /query {"sql", "params"}`."""

    def __init__(self, store: Any, token: str) -> None:
        self._store = store  # a callable giving the server's AnalyticsStore, built lazily
        self._token = token

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self._respond(Request(environ))(environ, start_response)

    def _respond(self, request: Request) -> Response:
        given = request.headers.get(TOKEN_HEADER, "")
        if request.method != "POST" or not hmac.compare_digest(given, self._token):
            return Response(status=404)
        body = json.loads(request.get_data(), object_hook=_from_json)
        store: AnalyticsStore = self._store()
        if request.path == "/insert":
            rows = [AnalyticsPayload.model_validate(r).root for r in body["rows"]]
            answer: Any = {"inserted": store.insert(rows)}
        elif request.path == "/query":
            answer = {"rows": store.query(body["sql"], body["params"])}
        else:
            return Response(status=404)
        return Response(_dumps(answer), mimetype="application/json")


class RelayedAnalytics:
    """The server's `AnalyticsStore`: the worker's DuckDB file, over loopback HTTP."""

    def __init__(self, base_url: str, token: str) -> None:
        parts = urlsplit(base_url)
        self._host, self._port = parts.hostname or "127.0.0.1", parts.port or 80
        self._token = token

    @property
    def dialect(self) -> Dialect:
        return DUCKDB

    def insert(self, rows: Sequence[AnalyticsRow]) -> int:
        sent = [r.model_dump(mode="json") for r in rows]
        return int(self._post("/insert", {"rows": sent})["inserted"])

    def query(self, sql: str, params: Mapping[str, Param]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = self._post("/query", {"sql": sql, "params": dict(params)})[
            "rows"
        ]
        return rows

    def _post(self, path: str, body: Any) -> Any:
        data = _dumps(body)
        deadline = time.monotonic() + STARTING_S
        while True:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=TIMEOUT_S)
            try:
                conn.request(
                    "POST",
                    path,
                    body=data,
                    headers={"Content-Type": "application/json", TOKEN_HEADER: self._token},
                )
                response = conn.getresponse()
                payload = response.read()
                break
            except ConnectionRefusedError:  # not listening yet: the worker is starting
                if time.monotonic() > deadline:
                    raise
                time.sleep(RETRY_S)
            finally:
                conn.close()
        if response.status != 200:
            raise RuntimeError(f"analytics relay {path}: HTTP {response.status}")
        return json.loads(payload, object_hook=_from_json)

    def close(self) -> None:
        """Nothing held: each call is its own connection."""
