"""The dev runtime's child processes (server replicas, the delivery worker), tied to it.

Each child gets the read end of a pipe from the server. The pipe is its lifeline: at
end-of-file the server is gone (killed, even with -9) and the child exits at once, as it
would have died with a single process, leaving its work for the next start to recover. A
stop signal instead lets it finish what it has in hand. The server restarts a child that
dies on its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.platform.services import Factory, Platform
    from shared.platform.tasks.local import Wake

ROOT = Path(__file__).resolve().parents[3]
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}
RESTART_AFTER_S = 1.0
STOP_TIMEOUT_S = 60.0
log = logging.getLogger(__name__)


class Child:
    """One child process running `python -m module *args <lifeline fd>`, kept running."""

    def __init__(
        self,
        name: str,
        module: str,
        args: list[str],
        env: dict[str, str],
        keep_fds: tuple[int, ...] = (),
    ) -> None:
        """`keep_fds`: descriptors the child inherits (a listening socket), same numbers."""
        self.name = name
        self._keep_fds = keep_fds
        self._command = [sys.executable, "-m", module, *args]
        self._env = env
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._pipe = -1
        self._greeting = b""  # sent again to a restarted child
        self._stopping = threading.Event()
        self._watcher: threading.Thread | None = None

    def start(self) -> None:
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name=f"{self.name}-watch", daemon=True)
        self._watcher.start()

    def greet(self, message: bytes) -> None:
        """Send `message` down the pipe now and to every restarted child."""
        with self._lock:
            self._greeting = message
        self.send(message)

    def send(self, message: bytes) -> None:
        with self._lock:
            fd = self._pipe
        with contextlib.suppress(OSError):  # restarting
            os.write(fd, message)

    def signal(self, sig: signal.Signals) -> None:
        with self._lock:
            proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(sig)

    def stop(self) -> None:
        """Let the child finish what it has in hand, then end it."""
        self._stopping.set()
        self.signal(signal.SIGTERM)
        with self._lock:
            proc = self._proc
        if proc is not None:
            try:
                proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._watcher is not None:
            self._watcher.join()
        self._close_pipe()

    def _spawn(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            proc = subprocess.Popen(
                [*self._command, str(read_fd)],
                cwd=ROOT,
                env=self._env,
                pass_fds=(read_fd, *self._keep_fds),
            )
        except BaseException:
            os.close(write_fd)
            raise
        finally:
            os.close(read_fd)
        with self._lock:
            self._proc, self._pipe = proc, write_fd
            greeting = self._greeting
        if greeting:
            self.send(greeting)

    def _watch(self) -> None:
        while True:
            with self._lock:
                proc = self._proc
            if proc is None:
                return
            code = proc.wait()
            if self._stopping.is_set():
                return
            log.error("%s exited with %s; restarting it", self.name, code)
            self._close_pipe()
            if self._stopping.wait(RESTART_AFTER_S):
                return
            self._spawn()

    def _close_pipe(self) -> None:
        with self._lock:
            fd, self._pipe = self._pipe, -1
        if fd >= 0:
            os.close(fd)


def follow_server(lifeline: int, on_message: Callable[[bytes], None] = lambda _m: None) -> None:
    """In a child: a thread reading the lifeline, exiting the process at end-of-file."""

    def follow() -> None:
        while True:
            try:
                data = os.read(lifeline, 512)
            except InterruptedError:
                continue
            if not data:
                os._exit(3)  # no cleanup: the server died, and so does its runtime
            on_message(data)

    threading.Thread(target=follow, name="server-lifeline", daemon=True).start()


class DatagramWake:
    """The task queue's wake for a runner in another process: a datagram to its address
    (Linux's abstract namespace: no file to clean up). Lost when nobody listens, which
    the runner's idle poll covers."""

    def __init__(self, address: str) -> None:
        self._address = "\0" + address
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.setblocking(False)

    def set(self) -> None:
        with contextlib.suppress(OSError):  # nobody listening (restarting) or queue full
            self._sock.sendto(b"\0", self._address)

    def listen(self, wake: threading.Event) -> None:
        """In the runner's process: set `wake` for every datagram."""
        inbox = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        inbox.bind(self._address)

        def receive() -> None:
            while True:
                inbox.recv(64)
                wake.set()

        threading.Thread(target=receive, name="wake-inbox", daemon=True).start()


def child_platform(
    wake: Wake, *, factories: Mapping[str, Factory] | None = None, background: bool = False
) -> Platform:
    """A child's own platform on the runtime's SQLite file, installed as the one its
    handlers use: `factories` as the server's do, `background` for the worker's writes."""
    from functions._app import container
    from shared.platform import log
    from shared.platform.clock import SystemClock
    from shared.platform.config import Settings
    from shared.platform.docstore.sqlite import SqliteDocumentStore

    config = Settings()
    log.configure(config.log_level)
    store = SqliteDocumentStore(config.sqlite_path, background=background)
    platform = container.build_local(
        config, SystemClock(), store=store, factories=factories or container.ADAPTERS
    )
    platform.tasks.wake = wake  # type: ignore[attr-defined]
    container.install(platform)
    return platform
