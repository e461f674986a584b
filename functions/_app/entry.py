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

from functions._app import container
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
from shared.platform.errors import AppError, BadRequest, MethodNotAllowed
from shared.platform.events.envelope import ReceivedEvent, decode_message
from shared.platform.http import (
    HttpCall,
    cap_body,
    cors_headers,
    encode,
    problem,
    request_id_of,
)

if TYPE_CHECKING:
    from shared.platform.principal import Principal

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
        return _named(spec, _event_entry(spec, handle))
    if isinstance(trigger, PublicHttp | AdminHttp):
        return _named(spec, _http_entry(spec, trigger, handle))
    return _named(spec, _internal_entry(spec, handle))


def _named(spec: Function, entry: Callable[..., Any]) -> Callable[..., Any]:
    """functions-framework finds entry points (and their registered signature) by name.

    Every kind registers as HTTP: Pub/Sub pushes are decoded here too, so a malformed push
    gets a problem document like any other bad request instead of the framework's page."""
    import functions_framework

    entry.__name__ = entry.__qualname__ = spec.entry_point
    entry.__doc__ = spec.summary
    return functions_framework.http(entry)


def _instance(spec: Function, request: flask.Request) -> str:
    """The path the caller used: /<function> plus any sub-path, in production (one service
    per function, mounted at /) and in the dev runtime (all functions under /<name>) alike."""
    rest = request.path if request.path != "/" else ""
    return f"/{spec.name}{rest}"


def _respond(
    result: Any, request_id: str, extra_headers: dict[str, str] | None = None
) -> flask.Response:
    text, status, headers = encode(result)
    response = flask.Response(text, status=status, mimetype="application/json")
    response.headers.update(headers | (extra_headers or {}) | {"X-Request-Id": request_id})
    return response


def _problem_response(
    err: AppError, request_id: str, path: str, cors: dict[str, str] | None = None
) -> flask.Response:
    body, status = problem(err, request_id, path)
    response = _respond(body, request_id, err.headers | (cors or {}))
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
        instance = _instance(spec, request)
        with log.bound(request_id=request_id, function=spec.name):
            platform = container.current()
            cors = cors_headers(
                request.headers.get("Origin"), platform.settings.cors_origins, trigger.methods
            )
            try:
                cap_body(request, platform.settings.max_body_bytes)
                if request.method == "OPTIONS":
                    return _respond(None, request_id, cors)
                principal = _guard(spec, trigger, request, platform)
                result = handle(HttpCall(request, platform, request_id, principal))
                response = _respond(result, request_id, cors)
            except AppError as err:
                response = _problem_response(err, request_id, instance, cors)
            except Exception:
                logger.exception("unhandled error in %s", spec.name)
                response = _problem_response(AppError(), request_id, instance, cors)
            if isinstance(trigger, AdminHttp):
                response.headers["Cache-Control"] = "no-store"
            _access_log(request, instance, response.status_code, started)
            return response

    return entry


def _access_log(request: flask.Request, instance: str, status: int, started: float) -> None:
    logger.info(
        "%s %s -> %d",
        request.method,
        instance,
        status,
        extra={
            "fields": {
                "method": request.method,
                "path": instance,
                "status": status,
                "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            }
        },
    )


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
        started = time.perf_counter()
        instance = _instance(spec, request)
        with log.bound(request_id=request_id, function=spec.name):
            platform = container.current()
            response = _run_internal(spec, handle, request, platform, request_id, instance)
            _access_log(request, instance, response.status_code, started)
            return response

    return entry


def _run_internal(
    spec: Function,
    handle: Callable[[InternalCall], Any],
    request: flask.Request,
    platform: services.Platform,
    request_id: str,
    instance: str,
) -> flask.Response:
    try:
        cap_body(request, platform.settings.max_body_bytes)
        _check_internal(request, platform)
    except AppError as err:  # oversized, or a caller without the right: nothing recorded
        return _problem_response(err, request_id, instance)
    call: InternalCall | None = None
    try:
        call = InternalCall(
            function=spec.name,
            payload=HttpCall(request, platform, request_id).json() or {},
            platform=platform,
            request_id=request_id,
            task_name=request.headers.get("X-CloudTasks-TaskName"),
            queue=request.headers.get("X-CloudTasks-QueueName"),
            retry_count=_retry_count(request),
        )
        return _respond(handle(call), request_id)
    except AppError as err:
        if err.status >= 500:
            _dead_letter_if_last(spec, call, err)
            return _problem_response(err, request_id, instance)
        # Bad input never succeeds on retry: keep it for staff and stop retries.
        _dead_letter(spec, call, request, platform, err)
        body, _ = problem(err, request_id, instance)
        return _respond(body | {"dead_lettered": True}, request_id)
    except Exception as exc:
        logger.exception("unhandled error in %s", spec.name)
        _dead_letter_if_last(spec, call, exc)
        return _problem_response(AppError(), request_id, instance)


def _retry_count(request: flask.Request) -> int:
    given = request.headers.get("X-CloudTasks-TaskRetryCount", "0")
    return int(given) if given.isdigit() else 0


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


def _event_entry(
    spec: Function, handle: Callable[[EventCall], Any]
) -> Callable[[flask.Request], flask.Response]:
    """Pub/Sub push: any 2xx acknowledges. Refusals (401/403) and undecodable or invalid
    messages (400/422) are problem documents, which Pub/Sub counts as failed deliveries: it
    redelivers with backoff and, after the topic's max delivery attempts, moves the message
    to the dead-letter topic, where `record-dead-letter` keeps it for staff."""

    def entry(request: flask.Request) -> flask.Response:
        request_id = request_id_of(request.headers)
        started = time.perf_counter()
        instance = _instance(spec, request)
        with log.bound(request_id=request_id, function=spec.name):
            platform = container.current()
            try:
                cap_body(request, platform.settings.max_body_bytes)
                _check_internal(request, platform)
                event = decode_push(request, HttpCall(request, platform, request_id).json())
                with log.bound(message_id=event.message_id):
                    handle(EventCall(function=spec.name, event=event, platform=platform))
                response = _respond({"message_id": event.message_id}, request_id)
            except AppError as err:
                response = _problem_response(err, request_id, instance)
            except Exception:
                logger.exception("unhandled error in %s", spec.name)
                response = _problem_response(AppError(), request_id, instance)
            _access_log(request, instance, response.status_code, started)
            return response

    return entry


def decode_push(request: flask.Request, body: Any) -> ReceivedEvent:
    """A push subscription's body, a binary CloudEvent (same body, ce-* headers) or a
    structured CloudEvent (the body under `data`) -> the Pub/Sub message it carries."""
    if (request.mimetype or "") == "application/cloudevents+json" and isinstance(body, dict):
        body = body.get("data")
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, dict):
        raise BadRequest("malformed_event", "expected a Pub/Sub push body with a `message`")
    if not isinstance(message.get("attributes") or {}, dict):
        raise BadRequest("malformed_event", "message attributes must be an object")
    return decode_message(message)
