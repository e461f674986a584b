"""Chat-turn latency on the offline provider and the embedded store (`make bench`)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

SCRIPT = (
    "How much for 20 people?",
    "Dec 5th, zip 90012",
    "I only have 5 people",
    "do you cook indoors?",
    "my son is allergic to shellfish, is that ok?",
    "what's the travel fee to 92501?",
)


def bench_chat(conversations: int = 15) -> None:
    from functions._app import container
    from functions._app.seeding import seed_if_empty
    from shared.ai.chat import web_chat
    from shared.ai.turn import ChatRequest
    from shared.platform.clock import ManualClock
    from shared.platform.config import Settings

    with tempfile.TemporaryDirectory() as tmp:
        config = Settings(env="test", data_dir=Path(tmp), rate_limit_enabled=False)
        platform = container.build_local(config, ManualClock())
        seed_if_empty(platform)
        web_chat(platform, ChatRequest(text="warm up", session_id="warm"))  # load the models
        from shared.ai.routing import clear_extraction_cache, embedder

        timings: list[float] = []
        for n in range(conversations):
            embedder()._cache.clear()  # every conversation pays for its own embeddings
            clear_extraction_cache()  # and its own extraction
            thread_id = None
            for text in SCRIPT:
                started = time.perf_counter()
                reply = web_chat(
                    platform, ChatRequest(text=text, thread_id=thread_id, session_id=f"b{n}")
                )
                timings.append((time.perf_counter() - started) * 1000)
                thread_id = reply.thread_id
        platform.close()
    timings.sort()
    p50 = statistics.median(timings)
    p99 = timings[min(len(timings) - 1, round(0.99 * len(timings)))]
    print(f"Chat turn (offline provider, embedded SQLite store), {len(timings)} turns")
    print(f"  p50 {p50:.1f} ms   p99 {p99:.1f} ms   (target p50 < 25 ms: {p50 / 25:.2f}x)")
