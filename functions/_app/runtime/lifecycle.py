"""The embedded platform as one running thing: HTTP servers, delivery worker, cron, store.

`stop()` is the graceful shutdown: the worker finishes the delivery in hand and starts no
other, no new connections on any server process, in-flight requests finished (every task
they queue is already in the store, for the next start), then the worker's analytics relay
(the requests may have needed it until then), the store closed last. It
is idempotent and holds its lock only to claim the stop, so a second caller waits for
the first to finish instead of re-entering anything the first one holds.
"""

from __future__ import annotations

import signal
import threading
from datetime import datetime

from functions._app.runtime.app import build_app
from functions._app.runtime.children import Child
from functions._app.runtime.cron import CronScheduler
from functions._app.runtime.replica import replica
from functions._app.runtime.serving import DevHTTPServer
from functions._app.runtime.worker import DeliveryWorker
from shared.platform.services import Platform
from shared.platform.tasks.local import LocalTaskQueue


class LocalRuntime:
    def __init__(
        self,
        platform: Platform,
        worker: DeliveryWorker,
        port: int,
        *,
        replicas: int = 0,
        host: str = "127.0.0.1",
    ) -> None:
        """`worker` started already (the platform's analytics go through it); `replicas`
        more server processes share the port."""
        if not isinstance(platform.tasks, LocalTaskQueue):
            raise TypeError("the local runtime runs the embedded task queue")
        self.platform = platform
        self.base_url = f"http://{host}:{port}"
        self.app = build_app(self.base_url)
        self.worker = worker
        self.replicas: list[Child] = [replica(n, port, worker) for n in range(1, replicas + 1)]
        self.cron = CronScheduler(platform.tasks, platform.clock)
        self.server = DevHTTPServer(host, port, self.app)
        self._serving: threading.Thread | None = None
        self._claim = threading.Lock()
        self._stop_claimed = False
        self._stopped = threading.Event()

    def start(self) -> list[tuple[str, datetime]]:
        """Serve, let the worker run tasks, queue the next cron runs; returns those runs."""
        self._serving = threading.Thread(
            target=self.server.serve_forever, name="http-server", daemon=True
        )
        self._serving.start()
        for child in self.replicas:
            child.start()
        self.worker.go()
        return self.cron.start()

    def stop(self) -> None:
        with self._claim:
            first = not self._stop_claimed
            self._stop_claimed = True
        if not first:
            self._stopped.wait()
            return
        try:
            self.cron.stop()
            self.worker.stop_tasks()  # what is not delivered yet stays queued in the store
            for child in self.replicas:  # all stop taking requests at once
                child.signal(signal.SIGTERM)
            if self._serving is not None:
                self.server.shutdown()  # the accept loop ends; in-flight requests go on
                self._serving.join()  # werkzeug's serve_forever closes the server: joins them
            else:
                self.server.server_close()
            for child in self.replicas:
                child.stop()
            self.worker.stop()
        finally:
            self.platform.close()
            self._stopped.set()
