"""Log masking on hostile text: a 1 MB line built to defeat backtracking masks.

`hostile_log_text` is shared with `tests/unit/test_log.py`, which checks the masked output;
`make bench` prints how long masking it takes (a linear mask: well under a second).
"""

from __future__ import annotations

import time

from shared.platform import log

# (piece, what masking must turn it into): runs built to make a backtracking mask rescan
# them from every character, then the real secrets that must still be caught among them.
_PIECES: tuple[tuple[str, str], ...] = (
    ("@" * 100_000, "@" * 100_000),
    ("a.%+-" * 40_000, "a.%+-" * 40_000),  # an email local part that never reaches an '@'
    ("x@" * 100_000, "x@" * 100_000),  # every '@' with a domain that has no TLD
    ("a.b-" * 50_000 + "@" + "c." * 5_000, "a.b-" * 50_000 + "@" + "c." * 5_000),
    ("eyJ-" * 50_000, "eyJ-" * 50_000),  # JWT starts with no dots after them
    ("9" * 100_000, "9" * 100_000),  # too long for a card or a phone number
    ("1." * 50_000, "1." * 50_000),
    ("jo.doe@example.com", "[email]"),
    ("+1 (916) 555-0142", "[phone]"),
    ("4242 4242 4242 4242", "[card]"),
    ("Bearer abc.def.ghi", "Bearer [token]"),
    ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "[jwt]"),
    ("sk_live_abcdefghijklmnop", "[key]"),
)


def hostile_log_text() -> tuple[str, str]:
    """About 1 MB of hostile text and its correctly masked form."""
    return " | ".join(p for p, _ in _PIECES), " | ".join(m for _, m in _PIECES)


def bench_masking() -> None:
    text, _ = hostile_log_text()
    started = time.perf_counter()
    log.mask(text)
    elapsed = time.perf_counter() - started
    print(f"Log masking: {len(text) / 1e6:.2f} MB of hostile text in {elapsed * 1000:.0f} ms")
