"""The dev runtime's delivery worker: a second process that runs due tasks and pushes.

In production, Pub/Sub pushes and Cloud Tasks run on instances of their own, and analytics
rows go to BigQuery. In one dev process they took the GIL from customers' requests (a
shadow turn costs as much as the turn it scores, a DuckDB insert several milliseconds):
under 50 chat clients the task runner had half the server's CPU, or, made to yield, fell
thousands of tasks behind. Here they run in a process of their own, beside the server, on
the same SQLite file (writers of both queue on its file lock), and the worker keeps the
DuckDB file, which the server reaches through its relay (see analytics_relay).

The server wakes the worker through a pipe on every enqueue. The pipe is also the
worker's lifeline: when it reads end-of-file the server is gone (killed, even with -9),
and the worker exits at once, as it would have died with a single process, leaving its
running task for the next start to recover. A stop signal instead finishes the delivery
in hand. The server restarts a worker that dies on its own.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path

from functions._app.runtime.analytics_relay import Relay, RelayedAnalytics
from shared.platform.services import Factory

ROOT = Path(__file__).resolve().parents[3]
TOKEN_ENV = "HIBACHI_RELAY_TOKEN"
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
RESTART_AFTER_S = 1.0
STOP_TIMEOUT_S = 60.0
log = logging.getLogger(__name__)


class DeliveryWorker:
    """The server's handle on its worker; its `set()` is the task queue's wake."""

    def __init__(self) -> None:
        self.token = secrets.token_urlsafe(32)
        self._relay_port = _free_port()
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._wake_fd = -1
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def adapters(self) -> Mapping[str, Factory]:
        """The server's adapters: the worker's analytics store through its relay."""
        from functions._app import container

        relay = RelayedAnalytics(f"http://127.0.0.1:{self._relay_port}", self.token)
        return container.ADAPTERS | {"analytics": lambda _platform: relay}

    def start(self) -> None:
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="worker-watch", daemon=True)
        self._watcher.start()

    def _spawn(self) -> None:
        read_fd, write_fd = os.pipe()
        os.set_blocking(write_fd, False)
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", __name__, str(self._relay_port), str(read_fd)],
                cwd=ROOT,
                env=os.environ | {TOKEN_ENV: self.token},
                pass_fds=(read_fd,),
            )
        except BaseException:
            os.close(write_fd)
            raise
        finally:
            os.close(read_fd)
        with self._lock:
            self._proc, self._wake_fd = proc, write_fd

    def _watch(self) -> None:
        while True:
            with self._lock:
                proc = self._proc
            if proc is None:
                return
            code = proc.wait()
            if self._stopping.is_set():
                return
            log.error("delivery worker exited with %s; restarting it", code)
            self._close_pipe()
            if self._stopping.wait(RESTART_AFTER_S):
                return
            self._spawn()

    def set(self) -> None:
        with self._lock:
            fd = self._wake_fd
        with contextlib.suppress(OSError):  # full (a wake is pending) or restarting
            os.write(fd, b"\0")

    def stop(self) -> None:
        """Let the worker finish the delivery in hand, then end it."""
        self._stopping.set()
        with self._lock:
            proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._watcher is not None:
            self._watcher.join()
        self._close_pipe()

    def _close_pipe(self) -> None:
        with self._lock:
            fd, self._wake_fd = self._wake_fd, -1
        if fd >= 0:
            os.close(fd)


def _follow(wake_fd: int, wake: threading.Event) -> None:
    """Set `wake` for every byte the server writes; at end-of-file the server is gone."""
    while True:
        try:
            data = os.read(wake_fd, 512)
        except InterruptedError:
            continue
        if not data:
            os._exit(3)  # no cleanup: the server died, and so does its runtime
        wake.set()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str]) -> int:
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # before any thread: all inherit it
    relay_port, wake_fd = int(argv[1]), int(argv[2])

    from functions._app import container
    from functions._app.runtime.app import InProcessDeliverer, build_app
    from functions._app.runtime.serving import DevHTTPServer
    from shared.analytics.store import ANALYTICS
    from shared.platform import log as platform_log
    from shared.platform.clock import SystemClock
    from shared.platform.config import Settings
    from shared.platform.tasks.local import LocalTaskRunner

    config = Settings()
    platform_log.configure(config.log_level)
    platform = container.build_local(config, SystemClock())
    container.install(platform)
    relay = Relay(lambda: platform.adapter(ANALYTICS), os.environ[TOKEN_ENV])
    relay_server = DevHTTPServer("127.0.0.1", relay_port, relay)
    wake = threading.Event()
    platform.tasks.wake = wake  # type: ignore[attr-defined]
    runner = LocalTaskRunner(
        platform.store,
        platform.clock,
        InProcessDeliverer(build_app(f"http://127.0.0.1:{config.port}")),
        on_event_exhausted=platform.bus.forward_to_dead_letters,  # type: ignore[attr-defined]
        wake=wake,
    )
    threading.Thread(target=_follow, args=(wake_fd, wake), name="server-pipe", daemon=True).start()
    gc.collect()
    gc.freeze()  # as the server does: long-lived objects out of the collector's walks
    serving = threading.Thread(target=relay_server.serve_forever, name="relay", daemon=True)
    serving.start()
    runner.start()
    try:
        signal.sigwait(STOP_SIGNALS)
    finally:
        runner.stop()
        relay_server.shutdown()  # the server stopped first: no query is on its way
        serving.join()
        platform.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
