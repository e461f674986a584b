"""JSON-line logs in Cloud Logging's structured format, with personal data masked.

Cloud Logging reads `severity`, `message`, `time` and `logging.googleapis.com/labels` from
each stdout line. Phone numbers, email addresses, bearer tokens, JWTs, API keys and card
numbers are masked in the message and in every extra field before anything is written.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

_context: contextvars.ContextVar[dict[str, str]] = contextvars.ContextVar("log_context")

_SEVERITY = {
    logging.DEBUG: "DEBUG",
    logging.INFO: "INFO",
    logging.WARNING: "WARNING",
    logging.ERROR: "ERROR",
    logging.CRITICAL: "CRITICAL",
}

_SENSITIVE_KEYS = re.compile(
    r"(authorization|token|secret|password|api[_-]?key|signature|card|cvc|cvv)", re.I
)
# Each mask runs in time linear in the text (a hostile URL must not stall a worker): a
# pattern starts only where its token can start (a look-behind refuses positions inside a run
# of the token's characters, so a run is tried once, not from each of its characters), runs
# are matched possessively (no backtracking into them) and repeats of fixed-size parts are
# bounded. They mask what the classic unanchored patterns masked (adjacent addresses become
# one `[email]`).
_LOCAL = r"A-Za-z0-9._%+-"  # email local-part characters
_B64URL = r"A-Za-z0-9_-"  # JWT segment characters
# One address; repeated, so addresses glued to each other are masked as one span.
_EMAIL = rf"[{_LOCAL}]++@[A-Za-z0-9.-]+\.[A-Za-z]{{2,}}+"
_MASKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?i)\bbearer\s++[A-Za-z0-9._~+/=-]++"), "Bearer [token]"),
    # From a segment's start, to its first word-bounded `eyJ` (atomic: later ones in the
    # same segment end where it ends, so they cannot match if it does not).
    (
        re.compile(
            rf"(?<![{_B64URL}])(?>([{_B64URL}]*?)\beyJ)[{_B64URL}]++\.[{_B64URL}]++\.[{_B64URL}]*+"
        ),
        r"\g<1>[jwt]",
    ),
    (re.compile(r"\b(sk|pk|rk|whsec)_(live|test)?_?[A-Za-z0-9]{8,}+"), "[key]"),
    (re.compile(r"\bhk_[A-Za-z0-9_-]{16,}+"), "[key]"),
    (re.compile(rf"(?<![{_LOCAL}])(?:{_EMAIL})++"), "[email]"),
    (re.compile(r"\b(?:\d[ -]?){13,19}\b"), "[card]"),
    (re.compile(r"(?<![\w])\+?1?[ .-]?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b"), "[phone]"),
    (re.compile(r"(?<![\w])\+\d{8,15}\b"), "[phone]"),
]


def mask(text: str) -> str:
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return text


def mask_value(value: Any, key: str = "") -> Any:
    if key and _SENSITIVE_KEYS.search(key):
        return "[redacted]"
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {k: mask_value(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_value(v) for v in value]
    return value


class CloudLoggingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        context = _context.get({})
        entry: dict[str, Any] = {
            "severity": _SEVERITY.get(record.levelno, "DEFAULT"),
            "message": mask(record.getMessage()),
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "logger": record.name,
            "logging.googleapis.com/labels": dict(context),
            "logging.googleapis.com/sourceLocation": {
                "file": record.pathname,
                "line": record.lineno,
                "function": record.funcName,
            },
        }
        entry.update(context)
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(mask_value(fields))
        if record.exc_info:
            entry["stack_trace"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


def configure(level: str = "INFO", stream: Any = None) -> None:
    """Install the JSON formatter on the root logger (idempotent)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler.formatter, CloudLoggingFormatter):
            return
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(CloudLoggingFormatter())
    root.addHandler(handler)
    root.setLevel(level)


@contextmanager
def bound(**labels: str) -> Iterator[None]:
    """Attach labels (request_id, function, ...) to every log line in this context."""
    token = _context.set({**_context.get({}), **labels})
    try:
        yield
    finally:
        _context.reset(token)


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(name)
