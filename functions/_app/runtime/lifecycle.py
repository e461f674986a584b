"""The embedded platform as one running thing: HTTP server, task runner, cron, store.

`stop()` is the graceful shutdown: no new connections, in-flight requests finished, the
task runner's current delivery finished (every task's state is already in the store), the
store closed last. It is idempotent and holds its lock only to claim the stop, so a second
caller waits for the first to finish instead of re-entering anything the first one holds.
"""

from __future__ import annotations

import threading
from datetime import datetime

from functions._app.runtime.app import InProcessDeliverer, build_app
from functions._app.runtime.cron import CronScheduler
from functions._app.runtime.serving import DevHTTPServer
from shared.platform.services import Platform
from shared.platform.tasks.local import LocalTaskQueue, LocalTaskRunner


class LocalRuntime:
    def __init__(self, platform: Platform, port: int, host: str = "127.0.0.1") -> None:
        if not isinstance(platform.tasks, LocalTaskQueue):
            raise TypeError("the local runtime runs the embedded task queue")
        self.platform = platform
        self.base_url = f"http://{host}:{port}"
        self.app = build_app(self.base_url)
        self.runner = LocalTaskRunner(
            platform.store,
            platform.clock,
            InProcessDeliverer(self.app),
            on_event_exhausted=platform.bus.forward_to_dead_letters,  # type: ignore[attr-defined]
            wake=platform.tasks.wake,
            busy=self._serving_requests,
        )
        self.cron = CronScheduler(platform.tasks, platform.clock)
        self.server = DevHTTPServer(host, port, self.app)
        self._serving: threading.Thread | None = None
        self._claim = threading.Lock()
        self._stop_claimed = False
        self._stopped = threading.Event()

    def _serving_requests(self) -> bool:
        """Requests from outside are in flight (the runner's own deliveries are not: it
        asks between them)."""
        return any(gate.inside for gate in self.app.gates.values())

    def start(self) -> list[tuple[str, datetime]]:
        """Run due and recovered tasks, queue the next cron runs, serve; returns those runs."""
        self.runner.start()
        upcoming = self.cron.start()
        self._serving = threading.Thread(
            target=self.server.serve_forever, name="http-server", daemon=True
        )
        self._serving.start()
        return upcoming

    def stop(self) -> None:
        with self._claim:
            first = not self._stop_claimed
            self._stop_claimed = True
        if not first:
            self._stopped.wait()
            return
        try:
            if self._serving is not None:
                self.server.shutdown()  # the accept loop ends; in-flight requests go on
                self._serving.join()  # werkzeug's serve_forever closes the server: joins them
            else:
                self.server.server_close()
            self.cron.stop()
            self.runner.stop()
        finally:
            self.platform.close()
            self._stopped.set()
