"""A server replica: another process serving every function on the dev runtime's port.

Cloud Run runs as many instances of a function as its traffic needs; one dev process
runs every function on one GIL, about a core whatever the machine has. So `make dev`
starts `HIBACHI_DEV_SERVERS - 1` replicas beside itself, each with its own platform on the
shared SQLite file, bound to the same port with SO_REUSEPORT (the kernel spreads
connections across them), reaching analytics through the worker's relay and waking the
worker on each enqueue. Seeding, cron and the worker stay with the first server.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading

from functions._app.runtime.children import (
    STOP_SIGNALS,
    Child,
    DatagramWake,
    child_platform,
    follow_server,
)
from functions._app.runtime.serving import SWITCH_INTERVAL_S
from functions._app.runtime.worker import WAKE_ENV, DeliveryWorker, relayed_adapters


def replica(number: int, port: int, worker: DeliveryWorker) -> Child:
    return Child(f"server replica {number}", __name__, [str(port)], os.environ | worker.env)


def main(argv: list[str]) -> int:
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # before any thread: all inherit it
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    port = int(argv[1])
    follow_server(int(argv[2]))

    from functions._app.runtime.app import build_app
    from functions._app.runtime.serving import DevHTTPServer
    from functions._app.runtime.warmup import warm

    platform = child_platform(
        DatagramWake(os.environ[WAKE_ENV]), factories=relayed_adapters(os.environ)
    )
    app = build_app(f"http://127.0.0.1:{port}")
    warm(platform)
    server = DevHTTPServer("127.0.0.1", port, app)  # listening from here
    gc.collect()
    gc.freeze()
    serving = threading.Thread(target=server.serve_forever, name="http-server", daemon=True)
    serving.start()
    try:
        signal.sigwait(STOP_SIGNALS)
    finally:
        server.shutdown()  # no new connections; in-flight requests are answered
        serving.join()
        platform.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
