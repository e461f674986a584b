"""Request and response conventions shared by every HTTP-reachable function.

Errors become `application/problem+json` (RFC 9457) here and nowhere else; bad input is
a 4xx with a stable `code` and, for 422, one entry per offending field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from shared.platform.errors import (
    AppError,
    BadRequest,
    FieldError,
    UnsupportedMediaType,
    ValidationFailed,
)
from shared.platform.ids import new_id

if TYPE_CHECKING:
    import flask
    from werkzeug.datastructures import Headers

    from shared.auth.models import Principal
    from shared.platform.services import Platform

M = TypeVar("M", bound=BaseModel)

PROBLEM_BASE = "https://docs.myhibachi.dev/problems/"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


@dataclass
class Reply:
    """A handler result with a status or headers other than 200 + JSON body."""

    body: BaseModel | Mapping[str, Any] | list[Any] | str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


def field_errors(exc: ValidationError, location: str = "") -> ValidationFailed:
    errors = []
    for err in exc.errors():
        path = ".".join(str(p) for p in err["loc"])
        errors.append(
            FieldError(
                field=f"{location}.{path}" if location and path else (path or location),
                message=err["msg"],
                type=err["type"],
            )
        )
    return ValidationFailed(errors)


def parse(model: type[M], data: Any, location: str = "body") -> M:
    """Validate `data` into `model`, turning pydantic's errors into a 422."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise field_errors(exc) from exc


class HttpCall:
    """What an HTTP handler receives: the request, its id, the caller and the platform."""

    def __init__(
        self,
        request: flask.Request,
        platform: Platform,
        request_id: str,
        principal: Principal | None = None,
    ) -> None:
        self.request = request
        self.platform = platform
        self.request_id = request_id
        self.principal = principal

    @property
    def method(self) -> str:
        return self.request.method

    @property
    def actor(self) -> str:
        """Who to name in the audit log for this request."""
        return self.principal.subject if self.principal else "anonymous"

    def json(self) -> Any:
        raw = self.request.get_data(cache=True)
        if not raw.strip():
            return {}
        mimetype = self.request.mimetype or ""
        if mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
            raise UnsupportedMediaType(detail="send the body as application/json")
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest("invalid_json", f"the body is not valid JSON: {exc}") from exc

    def body(self, model: type[M]) -> M:
        return parse(model, self.json())

    def query(self, model: type[M]) -> M:
        args = {k: v if len(v) > 1 else v[0] for k, v in self.request.args.lists()}
        return parse(model, args, location="query")


def request_id_of(headers: Mapping[str, str] | Headers) -> str:
    """Reuse the caller's X-Request-Id or Cloud's trace id so logs join up across hops."""
    given = headers.get("X-Request-Id", "")
    if _REQUEST_ID.match(given):
        return given
    trace = headers.get("X-Cloud-Trace-Context", "").split("/", 1)[0]
    if _REQUEST_ID.match(trace):
        return trace
    return new_id("req")


def problem(err: AppError, request_id: str, instance: str) -> tuple[dict[str, Any], int]:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + err.code,
        "title": err.title,
        "status": err.status,
        "detail": err.detail,
        "code": err.code,
        "instance": instance,
        "request_id": request_id,
    }
    body.update(err.extra)
    return body, err.status


def encode(result: Any) -> tuple[str | None, int, dict[str, str]]:
    """Handler result -> (JSON text or None, status, headers)."""
    reply = result if isinstance(result, Reply) else Reply(body=result)
    body = reply.body
    if body is None:
        return None, (204 if reply.status == 200 else reply.status), reply.headers
    if isinstance(body, str):  # sent as is (give a text Content-Type in headers)
        text = body
    elif isinstance(body, BaseModel):
        text = body.model_dump_json()
    else:
        text = json.dumps(body, default=_json_default)
    return text, reply.status, reply.headers


def _json_default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def cors_headers(
    origin: str | None, allowed: list[str], methods: tuple[str, ...]
) -> dict[str, str]:
    """CORS for the configured front-end origins only; other origins get no grant."""
    headers = {"Vary": "Origin"}
    if origin and (origin in allowed or "*" in allowed):
        headers |= {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": ", ".join((*methods, "OPTIONS")),
            "Access-Control-Allow-Headers": "Authorization, Content-Type, X-API-Key, X-Request-Id",
            "Access-Control-Expose-Headers": "X-Request-Id, Retry-After",
            "Access-Control-Max-Age": "3600",
        }
    return headers
