"""Training data: examples/s for the quality scorer and for the scrubber with its hard check.

The scorer is pure (signals in, explained score out), so its figure is the cost of one
export's scoring per example; the scrubber's is the per-example text work an export adds
(patterns, libphonenumber's matcher, the thread's own names and addresses, then the leak
check), on turns shaped like a booking conversation.
"""

from __future__ import annotations

import itertools
import time

from shared.learning.training.score import Signals, score
from shared.platform.scrub import Scrubber, leaks

_TURNS = (
    "how much for 20 adults on March 6 2027 in 90012?",
    "For 20 guests on Saturday, March 6 your total is $1,100. A $100 deposit confirms it.",
    "my name is Maria Lopez, 4pm works, phone (916) 555-0123 maria.lopez+bbq@example.com",
    "the party is at 1234 Sunset Blvd, Los Angeles, CA 90012",
    "Done! I've held Saturday, March 6 at 4 pm for you for 30 minutes.",
    "¿traen la parrilla? soy Ana, mi número es 916.555.0199",
)


def _signals(n: int) -> list[Signals]:
    combos = list(
        itertools.product(
            (False, True),
            (False, True),
            (False, True),
            (False, True),
            (None, True, False),
            (False, True),
        )
    )
    return [Signals(*combos[i % len(combos)]) for i in range(n)]


def bench_training(pairs: int = 20_000, examples: int = 2_000) -> None:
    signals = _signals(pairs)
    started = time.perf_counter()
    for s in signals:
        score(s)
    elapsed = time.perf_counter() - started
    print(f"Training scorer: {pairs} pairs in {elapsed:.2f} s, {pairs / elapsed:,.0f} pairs/s")
    scrubber = Scrubber(
        names=("Maria Lopez",), addresses=("1234 Sunset Blvd, Los Angeles, CA 90012",)
    )
    started = time.perf_counter()
    for i in range(examples):
        text = scrubber.scrub(_TURNS[i % len(_TURNS)])
        if leaks(text):
            raise AssertionError(f"the bench text leaked: {text}")
    elapsed = time.perf_counter() - started
    print(
        f"Training scrubber + hard check: {examples} turns in {elapsed:.2f} s,"
        f" {examples / elapsed:,.0f} turns/s"
    )
