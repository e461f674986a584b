"""Typed application errors, each with a stable `code` and an HTTP status.

`shared.platform.http` maps them, in one place, to `application/problem+json` (RFC 9457).
Anything else escaping a handler is a bug and becomes a 500 with no internals exposed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    type: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "type": self.type}


class AppError(Exception):
    status: ClassVar[int] = 500
    default_code: ClassVar[str] = "internal"
    title: ClassVar[str] = "Internal error"

    def __init__(
        self,
        code: str | None = None,
        detail: str | None = None,
        *,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.detail = detail or self.title
        self.extra = extra or {}
        self.headers = headers or {}
        super().__init__(f"{self.code}: {self.detail}")


class BadRequest(AppError):
    status = 400
    default_code = "bad_request"
    title = "Bad request"


class ValidationFailed(AppError):
    status = 422
    default_code = "validation_failed"
    title = "The request has invalid fields"

    def __init__(self, errors: list[FieldError], detail: str | None = None) -> None:
        self.errors = errors
        summary = detail or "; ".join(f"{e.field}: {e.message}" for e in errors)
        super().__init__(extra={"errors": [e.as_dict() for e in errors]}, detail=summary)

    @classmethod
    def single(cls, field: str, message: str, type: str = "invalid") -> ValidationFailed:
        return cls([FieldError(field, message, type)])


class Unauthorized(AppError):
    status = 401
    default_code = "unauthorized"
    title = "Authentication required"

    def __init__(self, code: str | None = None, detail: str | None = None) -> None:
        super().__init__(code, detail, headers={"WWW-Authenticate": 'Bearer realm="myhibachi"'})


class Forbidden(AppError):
    status = 403
    default_code = "forbidden"
    title = "Not allowed"


class NotFoundError(AppError):
    status = 404
    default_code = "not_found"
    title = "Not found"


class MethodNotAllowed(AppError):
    status = 405
    default_code = "method_not_allowed"
    title = "Method not allowed"


class Conflict(AppError):
    status = 409
    default_code = "conflict"
    title = "Conflict"


class PayloadTooLarge(AppError):
    status = 413
    default_code = "payload_too_large"
    title = "Request body too large"


class UnsupportedMediaType(AppError):
    status = 415
    default_code = "unsupported_media_type"
    title = "Unsupported media type"


class RateLimited(AppError):
    status = 429
    default_code = "rate_limited"
    title = "Too many requests"

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            detail=f"Rate limit exceeded; retry in {retry_after_s} s",
            extra={"retry_after": retry_after_s},
            headers={"Retry-After": str(retry_after_s)},
        )


class Unavailable(AppError):
    status = 503
    default_code = "unavailable"
    title = "Temporarily unavailable"


class ConfigError(RuntimeError):
    """A required setting is missing or invalid; raised at start-up, never per request."""
