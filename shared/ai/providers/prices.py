"""What each model call cost, so every Completion carries its usage in dollars.

The prices live in `prices.json` (USD per 1M input and output tokens, the vendors' list
prices) so a price change is a data edit. Local providers are free. An unknown model counts
as free and is logged once: a new model must never break a customer's turn, but its missing
price must show up in the logs.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import NamedTuple

from shared.ai.providers.base import Usage
from shared.platform.log import get_logger

PRICES_FILE = Path(__file__).with_name("prices.json")
log = get_logger(__name__)


class Price(NamedTuple):
    input_per_m: float
    output_per_m: float


class PriceTable(NamedTuple):
    free_providers: frozenset[str]
    models: dict[str, Price]


@functools.cache
def price_table() -> PriceTable:
    data = json.loads(PRICES_FILE.read_text(encoding="utf-8"))
    return PriceTable(
        frozenset(data["free_providers"]),
        {name: Price(p["input"], p["output"]) for name, p in data["models"].items()},
    )


@functools.cache
def _warn_unpriced(model: str) -> None:
    """Cached, so each unknown model is logged once per process."""
    log.warning("no price for model %s in %s: its cost counts as 0", model, PRICES_FILE.name)


def priced_usage(provider: str, model: str, input_tokens: int, output_tokens: int) -> Usage:
    table = price_table()
    if provider in table.free_providers:
        return Usage(input_tokens, output_tokens, 0.0)
    price = table.models.get(model)
    if price is None:
        _warn_unpriced(model)
        return Usage(input_tokens, output_tokens, 0.0)
    cost = (input_tokens * price.input_per_m + output_tokens * price.output_per_m) / 1_000_000
    return Usage(input_tokens, output_tokens, round(cost, 8))
