"""The dev runtime's delivery worker: a child process that runs due tasks and pushes.

In production, Pub/Sub pushes and Cloud Tasks run on instances of their own, and analytics
rows go to BigQuery. In one dev process they took the GIL from customers' requests (a
shadow turn costs as much as the turn it scores, a DuckDB insert several milliseconds):
under 50 chat clients the task runner had half the server's CPU, or, made to yield, fell
thousands of tasks behind. Here they run in a process of their own, at a lower CPU
priority, on the same SQLite file, whose write lock it takes only while no server waits
for it (writers of every process queue on file locks; see the SQLite store), and
the worker keeps the DuckDB file, which the servers reach through its relay (see
analytics_relay).

The worker serves its relay at once but runs no task before the server says go (once
seeding, which moves the clock through a made-up quarter, is done). Every server process
wakes it with a datagram on each enqueue.
"""

from __future__ import annotations

import gc
import os
import secrets
import signal
import socket
import sys
import threading
from collections.abc import Mapping

from functions._app.runtime.analytics_relay import Relay, RelayedAnalytics
from functions._app.runtime.children import (
    STOP_SIGNALS,
    Child,
    DatagramWake,
    child_platform,
    follow_server,
)
from shared.platform.services import Factory
from shared.platform.tasks.local import LocalTaskRunner

TOKEN_ENV = "HIBACHI_RELAY_TOKEN"
RELAY_PORT_ENV = "HIBACHI_RELAY_PORT"
RELAY_FD_ENV = "HIBACHI_RELAY_FD"
WAKE_ENV = "HIBACHI_WORKER_WAKE"
GO, STOP_TASKS = b"G", b"S"
# Background work yields the CPU to customers' requests, without falling behind when the
# CPU is free.
WORKER_NICENESS = 10


class DeliveryWorker:
    """The server's handle on its worker: where its relay and its wake are."""

    def __init__(self) -> None:
        token = secrets.token_urlsafe(32)
        # Bound here and handed down, so no other program can take the port between
        # choosing it and the worker listening, nor while a worker restarts.
        self._relay = socket.create_server(("127.0.0.1", 0))
        self.env = {
            TOKEN_ENV: token,
            RELAY_PORT_ENV: str(self._relay.getsockname()[1]),
            RELAY_FD_ENV: str(self._relay.fileno()),
            WAKE_ENV: f"hibachi-worker-{token[:16]}",
        }
        self._child = Child(
            "delivery worker",
            __name__,
            [],
            os.environ | self.env,
            keep_fds=(self._relay.fileno(),),
        )

    def adapters(self) -> Mapping[str, Factory]:
        """A server process's adapters: the worker's analytics store through its relay."""
        return relayed_adapters(self.env)

    def wake(self) -> DatagramWake:
        return DatagramWake(self.env[WAKE_ENV])

    def start(self) -> None:
        self._child.start()

    def go(self) -> None:
        """Start running tasks (seeding is done)."""
        self._child.greet(GO)

    def stop_tasks(self) -> None:
        """Finish the delivery in hand and start no other; the relay keeps serving (the
        servers' in-flight requests may need it), until `stop`."""
        self._child.send(STOP_TASKS)

    def stop(self) -> None:
        self._child.stop()
        self._relay.close()


def relayed_adapters(env: Mapping[str, str]) -> Mapping[str, Factory]:
    from functions._app import container

    relay = RelayedAnalytics(f"http://127.0.0.1:{env[RELAY_PORT_ENV]}", env[TOKEN_ENV])
    return container.ADAPTERS | {"analytics": lambda _platform: relay}


def _run_on_go(go: threading.Event, stopping: threading.Event, runner: LocalTaskRunner) -> None:
    go.wait()
    if not stopping.is_set():
        runner.start()


def main(argv: list[str]) -> int:
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # before any thread: all inherit it
    os.nice(WORKER_NICENESS)
    go, stopping = threading.Event(), threading.Event()

    def heard(message: bytes) -> None:
        if STOP_TASKS in message:
            stopping.set()
            go.set()  # never to start, if it had not yet
            threading.Thread(target=runner.stop, name="stop-tasks").start()
        elif GO in message:
            go.set()

    from functions._app.runtime.app import InProcessDeliverer, build_app
    from functions._app.runtime.serving import DevHTTPServer
    from shared.analytics.store import ANALYTICS

    wake = threading.Event()
    platform = child_platform(wake, background=True)
    relay = Relay(lambda: platform.adapter(ANALYTICS), os.environ[TOKEN_ENV])
    relay_server = DevHTTPServer(
        "127.0.0.1", int(os.environ[RELAY_PORT_ENV]), relay, fd=int(os.environ[RELAY_FD_ENV])
    )
    DatagramWake(os.environ[WAKE_ENV]).listen(wake)
    runner = LocalTaskRunner(
        platform.store,
        platform.clock,
        InProcessDeliverer(build_app(f"http://127.0.0.1:{platform.settings.port}")),
        on_event_exhausted=platform.bus.forward_to_dead_letters,  # type: ignore[attr-defined]
        wake=wake,
    )
    follow_server(int(argv[1]), heard)  # what the server said meanwhile waits in the pipe
    gc.collect()
    gc.freeze()  # as the server does: long-lived objects out of the collector's walks
    serving = threading.Thread(target=relay_server.serve_forever, name="relay", daemon=True)
    serving.start()
    threading.Thread(target=_run_on_go, args=(go, stopping, runner), daemon=True).start()
    try:
        signal.sigwait(STOP_SIGNALS)
    finally:
        stopping.set()
        go.set()
        runner.stop()
        relay_server.shutdown()  # the servers stopped first: no query is on its way
        serving.join()
        platform.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
