"""Load figure for `make bench`: 50 concurrent clients for 30 s against one dev runtime.

The dev runtime runs as its own process (as `make dev` does), rate limiting off: every
client is 127.0.0.1, and the figure is what the runtime serves, not what one client may.
Printed: requests/s, p50/p99 latency and errors, for /quote and for /chat.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 50
DURATION_S = 30.0

QUOTES = (
    {"adults": 20, "customer_zipcode": "90012", "event_date": "2026-12-05"},
    {"adults": 6, "children": 2, "customer_zipcode": "90210", "event_date": "2026-12-12"},
    {"adults": 15, "children": 4, "customer_zipcode": "92501", "event_date": "2026-12-19"},
)
CHAT_SCRIPT = (
    "How much for 20 people?",
    "Dec 5th, zip 90012",
    "do you cook indoors?",
    "what's the travel fee to 92501?",
)


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class LoadResult:
    latencies_ms: list[float]
    errors: list[str]
    elapsed_s: float

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + len(self.errors)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    def summary(self, label: str) -> str:
        return (
            f"{label:<8} {self.requests / self.elapsed_s:>7.0f} req/s   "
            f"p50 {self.percentile(0.50):>6.1f} ms   p99 {self.percentile(0.99):>7.1f} ms   "
            f"errors {len(self.errors)} of {self.requests}"
        )


def json_call(path: str, payload: object, headers: dict[str, str] | None = None) -> Call:
    return Call(
        "POST",
        path,
        json.dumps(payload).encode(),
        {"Content-Type": "application/json"} | (headers or {}),
    )


def chat_calls(session: str) -> Iterator[Call]:
    """A customer's conversation, repeated; each round is a new thread."""
    for n in count():
        for text in CHAT_SCRIPT:
            yield json_call("/chat", {"text": text, "session_id": f"{session}-{n}"})


def quote_calls(client: int) -> Iterator[Call]:
    for n in count(client):
        yield json_call("/quote", QUOTES[n % len(QUOTES)])


def drive(
    port: int,
    calls_for: Callable[[int], Iterator[Call]],
    *,
    clients: int,
    duration_s: float | None = None,
    total: int | None = None,
) -> LoadResult:
    """`clients` threads, each sending its own calls one after another, for `duration_s`
    or until `total` requests were sent; a non-2xx status or a socket error is an error."""
    latencies: list[float] = []
    errors: list[str] = []
    sent = count()
    started = time.perf_counter()
    deadline = None if duration_s is None else started + duration_s

    def more() -> bool:
        if deadline is not None and time.perf_counter() >= deadline:
            return False
        return total is None or next(sent) < total

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        calls = calls_for(i)
        while more():
            call = next(calls)
            t0 = time.perf_counter()
            try:
                conn.request(call.method, call.path, body=call.body, headers=call.headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                errors.append(f"{call.path}: {type(exc).__name__}: {exc}")
                conn.close()
                continue
            if 200 <= status < 300:
                latencies.append((time.perf_counter() - t0) * 1000)
            else:
                errors.append(f"{call.path}: HTTP {status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return LoadResult(latencies, errors, time.perf_counter() - started)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def dev_runtime(data_dir: Path) -> Iterator[int]:
    """`make dev` in a child process on a free port; yields the port, stops it after."""
    port = _free_port()
    env = os.environ | {
        "HIBACHI_ENV": "local",
        "HIBACHI_DATA_DIR": str(data_dir),
        "HIBACHI_RATE_LIMIT_ENABLED": "false",
        "HIBACHI_LOG_LEVEL": "WARNING",
        "PORT": str(port),
    }
    with open(data_dir / "dev.log", "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scripts.dev"], cwd=ROOT, env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((data_dir / "dev.log").read_text()[-2000:])
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def bench_load(clients: int = CLIENTS, duration_s: float = DURATION_S) -> None:
    with tempfile.TemporaryDirectory() as tmp, dev_runtime(Path(tmp)) as port:
        drive(port, chat_calls_for("warm"), clients=4, total=40)  # load models, fill caches
        print(f"Load: {clients} concurrent clients for {duration_s:.0f} s on one dev runtime")
        for label, calls in (("/quote", quote_calls), ("/chat", chat_calls_for("load"))):
            result = drive(port, calls, clients=clients, duration_s=duration_s)
            print(result.summary(label))
            for error in sorted(set(result.errors))[:5]:
                print(f"  e.g. {error}")


def chat_calls_for(prefix: str) -> Callable[[int], Iterator[Call]]:
    return lambda i: chat_calls(f"{prefix}{i}")


if __name__ == "__main__":
    bench_load(
        int(sys.argv[1]) if len(sys.argv) > 1 else CLIENTS,
        float(sys.argv[2]) if len(sys.argv) > 2 else DURATION_S,
    )
