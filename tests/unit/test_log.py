from __future__ import annotations

import io
import json
import logging

from scripts.bench.masking import hostile_log_text
from shared.platform import log


def _emit(message: str, **fields: object) -> dict:  # type: ignore[type-arg]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(log.CloudLoggingFormatter())
    logger = logging.getLogger("test-log")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with log.bound(request_id="req-1", function="quote"):
            logger.warning(message, extra={"fields": fields})
    finally:
        logger.removeHandler(handler)
    return json.loads(stream.getvalue())


def test_cloud_logging_shape_with_labels() -> None:
    entry = _emit("hello")
    assert entry["severity"] == "WARNING"
    assert entry["message"] == "hello"
    assert entry["request_id"] == "req-1"
    assert entry["logging.googleapis.com/labels"] == {"request_id": "req-1", "function": "quote"}


def test_personal_data_and_secrets_are_masked() -> None:
    entry = _emit(
        "sms from +1 (916) 555-0142 and jo.doe@example.com, card 4242 4242 4242 4242",
        phone="+19165550142",
        headers={"Authorization": "Bearer abc.def.ghi"},
        note="reach me at 916-555-0142",
        stripe_key="sk_live_abcdefghijklmnop",
    )
    text = json.dumps(entry)
    for leaked in (
        "555-0142",
        "5550142",
        "jo.doe@example.com",
        "4242 4242",
        "abc.def.ghi",
        "sk_live",
    ):
        assert leaked not in text, leaked
    assert entry["headers"]["Authorization"] == "[redacted]"
    assert "[phone]" in entry["message"] and "[email]" in entry["message"]


def test_ordinary_numbers_survive() -> None:
    entry = _emit("20 guests on 2026-12-05 at 18:30 in 90012, total 110000 cents")
    assert entry["message"] == "20 guests on 2026-12-05 at 18:30 in 90012, total 110000 cents"


def test_masks_are_right_on_a_megabyte_of_hostile_text() -> None:
    """Runs built to make backtracking masks rescan them from every character (a linear
    mask finishes this in well under a second; `make bench` prints the time)."""
    text, masked = hostile_log_text()
    assert len(text) > 1_000_000
    assert log.mask(text) == masked


def test_glued_addresses_and_dash_prefixed_jwts_are_masked() -> None:
    assert log.mask("a@b.cc+d@e.org") == "[email]"
    assert log.mask("x-eyJhbGci.eyJzdWIi.sig y") == "x-[jwt] y"
    assert log.mask("abc.eyJhbGci.eyJzdWIi.sig") == "abc.[jwt]"
