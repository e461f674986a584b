"""Request and response conventions shared by every HTTP-reachable function.

Errors become `application/problem+json` (RFC 9457) here and nowhere else; bad input is
a 4xx with a stable `code` and, for 422, one entry per offending field.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wsgi import get_input_stream

from shared.platform.errors import (
    AppError,
    BadRequest,
    FieldError,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
)
from shared.platform.ids import new_id

if TYPE_CHECKING:
    import flask
    from werkzeug.datastructures import Headers

    from shared.platform.principal import Principal
    from shared.platform.services import Platform

M = TypeVar("M", bound=BaseModel)

PROBLEM_BASE = "https://docs.myhibachi.dev/problems/"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
# No request shape nests deeper than a handful of levels; 32 leaves room for free-form
# metadata while keeping the parser, pydantic and the log masker far from recursion limits.
MAX_JSON_DEPTH = 32
# A whole string literal (skipped, unrolled so it is linear) or one bracket.
_JSON_STRUCTURE = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


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


def parse(
    model: type[M], data: Any, location: str = "", context: dict[str, Any] | None = None
) -> M:
    """Validate `data` into `model`, turning pydantic's errors into a 422.

    Field names are relative to the body or query unless `location` says where `data` sits
    (`message.data` for a Pub/Sub payload). `context` reaches the model's validators (the
    HTTP entry passes the request's `now`, which range checks such as bookable dates need)."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise field_errors(exc, location) from exc


def cap_body(request: flask.Request, limit: int) -> None:
    """Read the body once, at most `limit` + 1 bytes whether or not it is chunked, and put
    what was read back as the request's input; over `limit` it is a 413.

    Run before anything touches the body, so no handler, form parser, signature check or the
    framework's own end-of-request drain can read more than this from the client."""
    environ = request.environ
    declared = request.content_length  # None for a chunked body
    data = b""
    if declared is None or declared <= limit:
        # Werkzeug's safe stream: bounded by Content-Length, or the server-terminated
        # (de-chunked) input, or empty when neither says where the body ends.
        data = get_input_stream(environ, max_content_length=None).read(limit + 1)
    too_large = (declared or 0) > limit or len(data) > limit
    kept = b"" if too_large else data
    environ["wsgi.input"] = io.BytesIO(kept)
    environ["wsgi.input_terminated"] = True
    environ["CONTENT_LENGTH"] = str(len(kept))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    if too_large:
        # The rest of an oversized body is still on the connection: do not reuse it.
        raise PayloadTooLarge(
            detail=f"the body is over {limit} bytes", headers={"Connection": "close"}
        )


def check_depth(raw: bytes, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON nested deeper than `limit` before any recursive parser sees it.

    One linear pass over the brackets outside string literals, no recursion; malformed
    input is left for the parser to report."""
    if raw.count(b"[") + raw.count(b"{") <= limit:  # most bodies: cannot be too deep
        return
    depth = 0
    for match in _JSON_STRUCTURE.finditer(raw):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limit:
                raise BadRequest("json_too_deep", f"the body nests deeper than {limit} levels")
        elif token in (b"]", b"}"):
            depth -= 1


def read_json(raw: bytes) -> Any:
    """Bytes -> JSON value, every failure a 400 with a stable code."""
    check_depth(raw)
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest("invalid_json", f"the body is not valid JSON: {exc}") from exc


def _form_too_large(exc: RequestEntityTooLarge) -> PayloadTooLarge:
    return PayloadTooLarge(detail=f"a form field or part is too large: {exc.description}")


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

    def raw(self) -> bytes:
        """The body as sent (the entry has already capped its size)."""
        return self.request.get_data(cache=True)

    def form(self) -> dict[str, str]:
        """Form fields (urlencoded or multipart), within the form parser's part limits."""
        try:
            return self.request.form.to_dict()
        except RequestEntityTooLarge as exc:
            raise _form_too_large(exc) from exc

    def json(self) -> Any:
        raw = self.raw()
        if not raw.strip():
            return {}
        mimetype = self.request.mimetype or ""
        if mimetype and mimetype != "application/json" and not mimetype.endswith("+json"):
            raise UnsupportedMediaType(detail="send the body as application/json")
        return read_json(raw)

    def body(self, model: type[M]) -> M:
        return parse(model, self.json(), context=self._context())

    def query(self, model: type[M]) -> M:
        args = {k: v if len(v) > 1 else v[0] for k, v in self.request.args.lists()}
        return parse(model, args, context=self._context())

    def _context(self) -> dict[str, Any]:
        return {"now": self.platform.clock.now()}


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
