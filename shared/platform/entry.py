"""Turn a manifest row and its module's `handle` into a Cloud Functions entry point.

The trigger kind decides the plumbing (auth, rate limits, CORS, decoding, idempotent
dead-lettering); function modules stay a few lines of decode -> service -> encode.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import flask

from functions.manifest import (
    ADMIN_ROLES,
    QUEUES_BY_NAME,
    AdminHttp,
    Function,
    PublicHttp,
    PubSubTrigger,
)
from shared.auth import rate_limit
from shared.platform import deadletters, log, services
from shared.platform.errors import AppError, MethodNotAllowed, PayloadTooLarge, Unauthorized
from shared.platform.events.envelope import ReceivedEvent, decode_message
from shared.platform.http import HttpCall, cors_headers, encode, problem, request_id_of

if TYPE_CHECKING:
    from shared.auth.models import Principal

logger = log.get_logger(__name__)

# Set by the local runtime's in-process dispatcher; an external request cannot set it.
INTERNAL_ENVIRON_KEY = "hibachi.internal"


@dataclass
class InternalCall:
    """A task or scheduled-job invocation (Cloud Tasks or Cloud Scheduler POST)."""

    function: str
    payload: dict[str, Any]
    platform: services.Platform
    request_id: str
    task_name: str | None = None
    queue: str | None = None
    retry_count: int = 0


@dataclass
class EventCall:
    """A Pub/Sub message delivered to an event function."""

    function: str
    event: ReceivedEvent
    platform: services.Platform


def build_entry_point(spec: Function) -> Callable[..., Any]:
    handle = importlib.import_module(spec.module).handle
    trigger = spec.trigger
    if isinstance(trigger, PubSubTrigger):
        # Registering the signature makes functions-framework decode CloudEvents (and
        # convert raw Pub/Sub push bodies) for this entry point.
        import functions_framework

        return functions_framework.cloud_event(_named(spec, _event_entry(spec, handle)))
    if isinstance(trigger, PublicHttp | AdminHttp):
        return _named(spec, _http_entry(spec, trigger, handle))
    return _named(spec, _internal_entry(spec, handle))


def _named(spec: Function, entry: Callable[..., Any]) -> Callable[..., Any]:
    """functions-framework finds entry points (and their registered signature) by name."""
    entry.__name__ = entry.__qualname__ = spec.entry_point
    entry.__doc__ = spec.summary
    return entry


def _respond(
    result: Any, request_id: str, extra_headers: dict[str, str] | None = None
) -> flask.Response:
    text, status, headers = encode(result)
    response = flask.Response(text, status=status, mimetype="application/json")
    response.headers.update(headers | (extra_headers or {}) | {"X-Request-Id": request_id})
    return response


def _problem_response(
    err: AppError, request_id: str, path: str, cors: dict[str, str]
) -> flask.Response:
    body, status = problem(err, request_id, path)
    response = _respond(body, request_id, err.headers | cors)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def _client_of(request: flask.Request, trusted_hops: int) -> str:
    """The client address as our front end saw it (never what the client wrote)."""
    forwarded = ",".join(request.headers.getlist("X-Forwarded-For"))
    return rate_limit.client_key(forwarded, request.remote_addr, trusted_hops)


def _authorised(
    request: flask.Request, platform: services.Platform, roles: tuple[str, ...]
) -> Principal:
    # Imported here: JWT (and its crypto backend) is only needed by admin and internal calls.
    from shared.auth import guard

    principal = guard.authenticate(
        request.headers,
        store=platform.store,
        secrets=platform.secrets,
        settings=platform.settings,
        now=platform.clock.now(),
    )
    guard.authorize(principal, roles)
    return principal


def _guard(
    spec: Function,
    trigger: PublicHttp | AdminHttp,
    request: flask.Request,
    platform: services.Platform,
) -> Principal | None:
    if request.method not in trigger.methods:
        raise MethodNotAllowed(detail=f"use {', '.join(trigger.methods)}")
    if (request.content_length or 0) > platform.settings.max_body_bytes:
        raise PayloadTooLarge()
    if isinstance(trigger, PublicHttp):
        if platform.settings.rate_limit_enabled:
            rate_limit.consume(
                platform.store,
                scope=spec.name,
                client=_client_of(request, platform.settings.proxy_hops),
                bucket=rate_limit.Bucket(
                    capacity=trigger.rate_limit_per_minute,
                    per_minute=trigger.rate_limit_per_minute,
                ),
                now=platform.clock.now(),
            )
        return None
    return _authorised(request, platform, trigger.roles)


def _http_entry(
    spec: Function, trigger: PublicHttp | AdminHttp, handle: Callable[[HttpCall], Any]
) -> Callable[[flask.Request], flask.Response]:
    def entry(request: flask.Request) -> flask.Response:
        request_id = request_id_of(request.headers)
        started = time.perf_counter()
        with log.bound(request_id=request_id, function=spec.name):
            platform = services.current()
            cors = cors_headers(
                request.headers.get("Origin"), platform.settings.cors_origins, trigger.methods
            )
            if request.method == "OPTIONS":
                return _respond(None, request_id, cors)
            try:
                principal = _guard(spec, trigger, request, platform)
                result = handle(HttpCall(request, platform, request_id, principal))
                response = _respond(result, request_id, cors)
            except AppError as err:
                response = _problem_response(err, request_id, request.path, cors)
            except Exception:
                logger.exception("unhandled error in %s", spec.name)
                response = _problem_response(AppError(), request_id, request.path, cors)
            if isinstance(trigger, AdminHttp):
                response.headers["Cache-Control"] = "no-store"
            logger.info(
                "%s %s -> %d",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "fields": {
                        "status": response.status_code,
                        "latency_ms": round((time.perf_counter() - started) * 1000, 2),
                    }
                },
            )
            return response

    return entry


def _check_internal(request: flask.Request, platform: services.Platform) -> None:
    """Production relies on Cloud Run IAM (only the invoker accounts may call); locally the
    in-process dispatcher marks its requests and people need an owner/admin token."""
    if platform.settings.is_prod or request.environ.get(INTERNAL_ENVIRON_KEY):
        return
    _authorised(request, platform, ADMIN_ROLES)


def _internal_entry(
    spec: Function, handle: Callable[[InternalCall], Any]
) -> Callable[[flask.Request], flask.Response]:
    def entry(request: flask.Request) -> flask.Response:
        request_id = request_id_of(request.headers)
        with log.bound(request_id=request_id, function=spec.name):
            platform = services.current()
            call: InternalCall | None = None
            try:
                _check_internal(request, platform)
                call = InternalCall(
                    function=spec.name,
                    payload=HttpCall(request, platform, request_id).json() or {},
                    platform=platform,
                    request_id=request_id,
                    task_name=request.headers.get("X-CloudTasks-TaskName"),
                    queue=request.headers.get("X-CloudTasks-QueueName"),
                    retry_count=int(request.headers.get("X-CloudTasks-TaskRetryCount", "0") or 0),
                )
                return _respond(handle(call), request_id)
            except Unauthorized as err:
                return _problem_response(err, request_id, request.path, {})
            except AppError as err:
                if err.status >= 500:
                    _dead_letter_if_last(spec, call, err)
                    return _problem_response(err, request_id, request.path, {})
                # Bad input never succeeds on retry: keep it for staff and stop retries.
                _dead_letter(spec, call, request, platform, err)
                body, _ = problem(err, request_id, request.path)
                return _respond(body | {"dead_lettered": True}, request_id)
            except Exception as exc:
                logger.exception("unhandled error in %s", spec.name)
                _dead_letter_if_last(spec, call, exc)
                return _problem_response(AppError(), request_id, request.path, {})

    return entry


def _dead_letter(
    spec: Function,
    call: InternalCall | None,
    request: flask.Request,
    platform: services.Platform,
    err: Exception,
) -> None:
    deadletters.record(
        platform.store,
        deadletters.DeadLetter(
            kind="task",
            source=(call.queue if call else None) or "scheduler",
            target=spec.name,
            key=(call.task_name if call else None) or request_id_of(request.headers),
            payload=call.payload if call else {},
            attempts=(call.retry_count + 1) if call else 1,
            last_error=str(err),
        ),
        now=platform.clock.now(),
    )


def _dead_letter_if_last(spec: Function, call: InternalCall | None, err: Exception) -> None:
    """Cloud Tasks drops a task after its last attempt; keep it for staff instead."""
    if call is None or not call.queue or not call.task_name:
        return
    queue = QUEUES_BY_NAME.get(call.queue)
    if queue is not None and call.retry_count + 1 >= queue.max_attempts:
        _dead_letter(spec, call, flask.request, call.platform, err)


def _event_entry(spec: Function, handle: Callable[[EventCall], Any]) -> Callable[[Any], None]:
    def entry(cloud_event: Any) -> None:
        platform = services.current()
        try:
            _check_internal(flask.request, platform)
        except AppError as err:  # answer 401/403 as problem+json, not as a crash
            request_id = request_id_of(flask.request.headers)
            flask.abort(_problem_response(err, request_id, flask.request.path, {}))
        event = decode_message((cloud_event.data or {}).get("message") or {})
        with log.bound(request_id=event.message_id, function=spec.name):
            handle(EventCall(function=spec.name, event=event, platform=platform))

    return entry
