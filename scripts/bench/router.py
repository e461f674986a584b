"""Routing latency for `make bench`: one message at a time, as the AI turn calls it."""

from __future__ import annotations

import statistics
import time

from shared.ai.router.router import IntentRouter

MIX = (
    "how much for 14 ppl next saturday?",
    "can we move the party to sunday at 6",
    "is the deposit refundable if it rains",
    "do u have filet or lobster",
    "my daughter has a severe peanut allergy, is the fried rice safe?",
    "do you come out to temecula? whats the travel fee",
    "the chef is 40 minutes late and not answering!!",
    "hi",
)


def bench_router(rounds: int = 40) -> None:
    """Print median and p99 routing time per message (embedding included, cache bypassed)."""
    from shared.ai.embeddings import LocalMiniLM

    router = IntentRouter(embedder=LocalMiniLM(cache_size=0))
    start = time.perf_counter()
    router.warm()
    load_ms = (time.perf_counter() - start) * 1000
    timings = []
    for _ in range(rounds):
        for text in MIX:
            start = time.perf_counter()
            router.route(text)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(
        f"router: median {statistics.median(timings):.1f} ms, p99 {p99:.1f} ms per message "
        f"({len(timings)} routes of a {len(MIX)}-message mix; first load {load_ms:.0f} ms)"
    )


if __name__ == "__main__":
    bench_router()
