"""The shipped defaults, `data/price_book.json` and `data/markets.json`, validated once.

Owners publish later price book versions through storage; those are plain
`PriceBook.model_validate_json` calls and obey the same validation as this default.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from pydantic import TypeAdapter

from shared.pricing.models import Market, Markets, PriceBook

_DATA = files("shared.pricing") / "data"


@cache
def default_price_book() -> PriceBook:
    return PriceBook.model_validate_json(_DATA.joinpath("price_book.json").read_bytes())


@cache
def default_markets() -> tuple[Market, ...]:
    return TypeAdapter(Markets).validate_json(_DATA.joinpath("markets.json").read_bytes())
