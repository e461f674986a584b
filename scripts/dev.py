"""`make dev`: serve the whole platform locally on the embedded adapters.

Every function at http://127.0.0.1:$PORT/<name>, published events delivered to their
subscribers, tasks run when due (with retries and dead letters), scheduled jobs on their
cron, and demo data seeded into an empty store.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from werkzeug.serving import make_server

from shared.platform import log, services
from shared.platform.clock import SystemClock
from shared.platform.config import Settings
from shared.platform.runtime.app import InProcessDeliverer, build_app, describe
from shared.platform.runtime.cron import CronScheduler
from shared.platform.runtime.seed import seed_if_empty
from shared.platform.tasks.local import LocalTaskRunner


def main() -> int:
    config = Settings()
    if config.is_prod:
        print("make dev runs the embedded platform; unset HIBACHI_ENV=prod", file=sys.stderr)
        return 2
    port = int(os.environ.get("PORT", config.port))
    config = config.model_copy(update={"port": port})
    log.configure(config.log_level)
    config.data_dir.mkdir(parents=True, exist_ok=True)

    platform = services.build_local(config, SystemClock())
    services.install(platform)
    seeded = seed_if_empty(platform)

    base_url = f"http://127.0.0.1:{port}"
    app = build_app(base_url)
    runner = LocalTaskRunner(
        platform.store,
        platform.clock,
        InProcessDeliverer(app),
        on_event_exhausted=platform.bus.forward_to_dead_letters,  # type: ignore[attr-defined]
        wake=platform.tasks.wake,  # type: ignore[attr-defined]
    )
    cron = CronScheduler(platform.tasks, platform.clock)
    server = make_server("127.0.0.1", port, app, threaded=True)

    runner.start()
    upcoming = cron.start()
    print(f"MyHibachi local platform on {base_url}  (store: {config.sqlite_path})")
    if seeded:
        print("seeded demo data: " + ", ".join(seeded))
    for fn in describe(base_url):
        print(f"  {fn['trigger']:<9} {fn['url']}")
    for name, fire in upcoming:
        print(f"  next {name} run at {fire.isoformat()}")
    print("admin token: make token   (then: curl -H 'Authorization: Bearer <token>' ...)")
    sys.stdout.flush()

    stopping = threading.Event()

    def stop(*_: object) -> None:
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        server.serve_forever()
    finally:
        cron.stop()
        runner.stop()
        platform.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
