"""Stopping `make dev`: a real process stopped again and again, under traffic, by either signal.

Each stop must end the process with status 0 and free the port; a request the server had
already accepted when the signal came is answered in full; a second signal during the stop
changes nothing (the old handler re-entered a lock the first stop held, about 1 in 37).
"""

from __future__ import annotations

import http.client
import json
import signal
import threading
from functools import partial
from pathlib import Path

import pytest

from tests.support.dev_process import DevProcess
from tests.support.waiting import wait_until

pytestmark = pytest.mark.slow

STOPS = 5
CHAT = json.dumps({"text": "How much for 20 people on Dec 5 in 90012?", "session_id": "stop"})


def _send_chat(dev: DevProcess) -> http.client.HTTPConnection:
    conn = http.client.HTTPConnection("127.0.0.1", dev.port, timeout=60)
    conn.request("POST", "/chat", body=CHAT, headers={"Content-Type": "application/json"})
    return conn


def _hammer(dev: DevProcess, until: threading.Event, statuses: list[int]) -> None:
    """Health checks until told to stop; refused connections are expected once it stops."""
    while not until.is_set():
        conn = http.client.HTTPConnection("127.0.0.1", dev.port, timeout=30)
        try:
            conn.request("GET", "/healthz")
            statuses.append(conn.getresponse().status)
        except OSError:
            return
        finally:
            conn.close()


@pytest.mark.parametrize("second_signal", [None, signal.SIGINT, signal.SIGTERM])
def test_stop_under_traffic_exits_cleanly_and_frees_the_port(
    tmp_path: Path, second_signal: signal.Signals | None
) -> None:
    dev = DevProcess(tmp_path, env={"HIBACHI_RATE_LIMIT_ENABLED": "false"})
    for round_ in range(STOPS if second_signal is None else 2):
        dev.start()
        done, statuses = threading.Event(), list[int]()
        hammers = [threading.Thread(target=_hammer, args=(dev, done, statuses)) for _ in range(4)]
        for t in hammers:
            t.start()
        in_flight = _send_chat(dev)
        client_socket = in_flight.sock
        assert client_socket is not None
        wait_until(partial(dev.has_accepted, client_socket), timeout_s=30)
        assert dev.proc is not None
        dev.proc.send_signal(signal.SIGTERM)
        if second_signal is not None:
            dev.proc.send_signal(second_signal)

        response = in_flight.getresponse()
        body = json.loads(response.read())
        assert response.status == 200 and body["reply"], (round_, body)
        assert dev.proc.wait(timeout=60) == 0, dev.output()
        done.set()
        for t in hammers:
            t.join(timeout=60)
        assert dev.port_is_free(), round_
        assert set(statuses) <= {200}, statuses
    assert dev.output().count("\nstopped\n") == (STOPS if second_signal is None else 2)
