"""The dev runtime's per-function admission: never more inside than the manifest allows,
and waiting requests get in in the order they came."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from werkzeug.test import Client
from werkzeug.wrappers import Request, Response

from functions._app.runtime.admission import Admission, admitted
from functions._app.runtime.app import FunctionRouter
from functions.manifest import FUNCTIONS, FUNCTIONS_BY_NAME, HTTP_CONCURRENCY


def _until(condition: Callable[[], bool]) -> None:
    done = threading.Event()
    while not condition():
        done.wait(0.001)


def test_a_leaving_request_hands_its_place_to_the_oldest_waiting_one() -> None:
    gate = Admission(2)
    gate.enter()
    gate.enter()
    order: list[int] = []

    def request(n: int) -> None:
        gate.enter()
        order.append(n)

    waiters = []
    for n in range(4):
        waiter = threading.Thread(target=request, args=(n,))
        waiter.start()
        _until(lambda n=n: gate.waiting == n + 1)  # queued in this order
        waiters.append(waiter)
    for expected in range(4):
        gate.leave()
        _until(lambda expected=expected: len(order) == expected + 1)
        assert gate.inside == 2
    for waiter in waiters:
        waiter.join()
    assert order == [0, 1, 2, 3]
    assert gate.waiting == 0


def test_places_free_up_when_nobody_waits() -> None:
    gate = Admission(1)
    gate.enter()
    gate.leave()
    assert gate.inside == 0
    gate.enter()  # would block forever if the place had not come back
    assert gate.inside == 1


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        Admission(0)


def test_the_place_is_given_back_when_the_app_returns_or_raises() -> None:
    gate = Admission(1)
    seen: list[int] = []

    def app(environ: dict[str, Any], start_response: Any) -> Any:
        seen.append(gate.inside)
        return [b"ok"]

    assert admitted(gate, app, {}, lambda *a: None) == [b"ok"]
    assert seen == [1] and gate.inside == 0

    def broken(environ: dict[str, Any], start_response: Any) -> Any:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        admitted(gate, broken, {}, lambda *a: None)
    assert gate.inside == 0


def test_concurrent_requests_to_a_function_never_exceed_its_concurrency() -> None:
    limit = 2
    inside, most = 0, 0
    lock = threading.Lock()
    release = threading.Event()

    @Request.application
    def slow(request: Request) -> Response:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        release.wait(10)
        with lock:
            inside -= 1
        return Response("ok")

    name = FUNCTIONS[0].name
    router = FunctionRouter(slow, {name: slow})
    router.gates[name] = Admission(limit)
    statuses: list[int] = []
    clients = [
        threading.Thread(target=lambda: statuses.append(Client(router).get(f"/{name}").status_code))
        for _ in range(6)
    ]
    for client in clients:
        client.start()
    _until(lambda: router.gates[name].waiting == 6 - limit)
    assert most == limit
    release.set()
    for client in clients:
        client.join()
    assert statuses == [200] * 6
    assert most == limit


def test_http_functions_overlap_requests_and_pushes_take_one_at_a_time() -> None:
    assert FUNCTIONS_BY_NAME["chat"].request_concurrency == HTTP_CONCURRENCY
    assert FUNCTIONS_BY_NAME["shadow-turn"].request_concurrency == 1
    assert FUNCTIONS_BY_NAME["release-hold"].request_concurrency == 1
