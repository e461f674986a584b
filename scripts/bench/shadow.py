"""Shadow scoring: what it adds to the customer's turn, and pairs/s for the scorer.

The turn only publishes its event (one more push delivery in the commit the turn already
makes); the rehearsal runs later on that event. The teacher here is an in-process stand-in
that declines every call, so teacher turns fall back to offline understanding: the numbers
are the scorer's own work (rehearsal on the student, reply similarity, the pair's
transaction), not a vendor's latency.
"""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scripts.bench.chat import SCRIPT


class _DecliningTeacher:
    """An LLM tier that is never reached (every call a ProviderError)."""

    name = "bench-teacher"

    def complete(self, messages: Sequence[Any], tools: Sequence[Any] = (), **_: Any) -> Any:
        from shared.ai.providers.base import ProviderError

        raise ProviderError(self.name, "declined (bench)", retryable=False)


def _platform(tmp: Path, subscribed: bool) -> Any:
    from functions._app import container
    from functions._app.seeding import seed_if_empty
    from functions._app.topology import TOPOLOGY
    from shared.platform.clock import ManualClock
    from shared.platform.config import Settings

    subscribers = dict(TOPOLOGY.subscribers)
    if not subscribed:
        subscribers["conversation-turns"] = ()
    topology = dataclasses.replace(TOPOLOGY, subscribers=subscribers)
    config = Settings(env="test", data_dir=tmp, rate_limit_enabled=False)
    platform = container.build_local(config, ManualClock(), topology=topology)
    teacher = _DecliningTeacher()
    platform = dataclasses.replace(
        platform, factories={**container.ADAPTERS, "llm-tiers": lambda _: teacher}
    )
    seed_if_empty(platform)
    return platform


def _conversation(platform: Any, n: int) -> list[float]:
    from shared.ai.chat import web_chat
    from shared.ai.routing import clear_extraction_cache, embedder
    from shared.ai.turn import ChatRequest

    embedder()._cache.clear()  # as in the chat bench: no run reuses another's work
    clear_extraction_cache()
    timings, thread_id = [], None
    for text in SCRIPT:
        started = time.perf_counter()
        reply = web_chat(platform, ChatRequest(text=text, thread_id=thread_id, session_id=f"s{n}"))
        timings.append((time.perf_counter() - started) * 1000)
        thread_id = reply.thread_id
    return timings


def _score_all(platform: Any) -> tuple[int, int, float]:
    """Score every pending shadow-turn delivery: (events, pairs stored, seconds)."""
    from shared.learning.records import PAIRS
    from shared.learning.shadow import embedding_similarity, score
    from shared.platform.events.envelope import decode_message
    from shared.platform.tasks.local import COLLECTION as TASKS

    events = [
        decode_message(d.data["body"]["message"])
        for d in platform.store.query(TASKS)
        if d.data.get("target") == "shadow-turn"
    ]
    similarity = embedding_similarity()
    started = time.perf_counter()
    for event in events:
        score(platform, event, similarity)
    elapsed = time.perf_counter() - started
    return len(events), len(platform.store.query(PAIRS)), elapsed


def bench_shadow(conversations: int = 10) -> None:
    from shared.ai.chat import web_chat
    from shared.ai.turn import ChatRequest
    from shared.learning.records import PAIRS

    with tempfile.TemporaryDirectory() as tmp:
        platforms = {s: _platform(Path(tmp) / str(s), subscribed=s) for s in (False, True)}
        for platform in platforms.values():
            web_chat(platform, ChatRequest(text="warm up", session_id="warm"))  # load models
        timings: dict[bool, list[float]] = {False: [], True: []}
        for n in range(conversations):  # interleaved, so load on the machine hits both alike
            for subscribed in (n % 2 == 0, n % 2 == 1):
                timings[subscribed] += _conversation(platforms[subscribed], n)
        during = len(platforms[True].store.query(PAIRS))  # rehearsals run in the turns
        events, stored, elapsed = _score_all(platforms[True])
        for platform in platforms.values():
            platform.close()
    with_p50, without_p50 = (statistics.median(timings[s]) for s in (True, False))
    print(f"Shadow scoring ({conversations * len(SCRIPT)} turns each way, offline student)")
    print(
        f"  turn p50 {with_p50:.1f} ms with shadow-turn subscribed, {without_p50:.1f} ms with"
        f" no subscriber; pairs scored inside the turns: {during} (the work runs on the event;"
        " the difference is the one push delivery the turn's commit adds)"
    )
    print(
        f"  scorer: {events} events -> {stored} pairs in {elapsed:.2f} s,"
        f" {stored / elapsed:,.0f} pairs/s ({elapsed / max(events, 1) * 1000:.1f} ms a pair)"
    )
