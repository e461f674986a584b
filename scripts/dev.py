"""`make dev`: serve the whole platform locally on the embedded adapters.

Every function at http://127.0.0.1:$PORT/<name> (served by `HIBACHI_DEV_SERVERS`
processes, one per core by default), published events delivered to their subscribers and
tasks run when due (with retries and dead letters) by a worker process, scheduled jobs on
their cron, and demo data seeded into an empty store (with a quarter of demo activity
unless HIBACHI_SEED_DEMO_ACTIVITY=false).
"""

from __future__ import annotations

import gc
import os
import signal
import sys

from functions._app import container
from functions._app.demo.activity import seed_demo_activity
from functions._app.runtime.app import describe
from functions._app.runtime.lifecycle import LocalRuntime
from functions._app.runtime.serving import SWITCH_INTERVAL_S
from functions._app.runtime.warmup import warm
from functions._app.runtime.worker import DeliveryWorker
from functions._app.seeding import seed_if_empty
from shared.platform import log
from shared.platform.clock import SystemClock
from shared.platform.config import Settings

# Taken synchronously by the main thread (sigwait), never by an asynchronous handler: a
# handler runs between two bytecodes of whatever the main thread was doing, possibly while
# it holds a lock the handler then needs, which is how a stop used to deadlock.
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def main() -> int:
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # before any thread: all inherit it
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    config = Settings()
    if config.is_prod:
        print("make dev runs the embedded platform; unset HIBACHI_ENV=prod", file=sys.stderr)
        return 2
    port = int(os.environ.get("PORT", config.port))
    config = config.model_copy(update={"port": port})
    log.configure(config.log_level)
    config.data_dir.mkdir(parents=True, exist_ok=True)

    worker = DeliveryWorker()  # tasks, pushes and the analytics file, in a process of their own
    worker.start()
    try:
        platform = container.build_local(config, SystemClock(), factories=worker.adapters())
        platform.tasks.wake = worker.wake()  # type: ignore[attr-defined]
        container.install(platform)
        seeded = seed_if_empty(platform)
        demo = seed_demo_activity(platform)  # after the markets, chefs and price book it uses
        warm(platform)
        runtime = LocalRuntime(platform, worker, port, replicas=config.dev_servers - 1)
    except BaseException:
        worker.stop()
        raise
    # Everything loaded so far (modules, models, the seeded caches) lives as long as the
    # process: out of the collector's sight, a full collection no longer walks ~100k
    # objects (a 240 ms pause of every request in flight, measured under load).
    gc.collect()
    gc.freeze()
    try:
        upcoming = runtime.start()
        print(f"MyHibachi local platform on {runtime.base_url}  (store: {config.sqlite_path})")
        if seeded:
            print("seeded demo data: " + ", ".join(seeded))
        if demo:
            print(f"seeded {demo}")
        for fn in describe(runtime.base_url):
            print(f"  {fn['trigger']:<9} {fn['url']}")
        for name, fire in upcoming:
            print(f"  next {name} run at {fire.isoformat()}")
        print("admin token: make token   (then: curl -H 'Authorization: Bearer <token>' ...)")
        sys.stdout.flush()
        received = signal.sigwait(STOP_SIGNALS)
        print(f"{signal.Signals(received).name}: finishing in-flight work, then stopping")
        sys.stdout.flush()
    finally:
        runtime.stop()
        # Back in the collector's sight, so interpreter shutdown frees them: DuckDB's
        # bindings otherwise report every frozen object of theirs as leaked on exit.
        gc.unfreeze()
    print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
