"""POST /quote: an itemised, deterministic price from the current price book."""

from shared.platform.http import HttpCall
from shared.pricing.models import Quote, QuoteRequest
from shared.pricing.service import price


def handle(call: HttpCall) -> Quote:
    return price(call.platform, call.body(QuoteRequest))
