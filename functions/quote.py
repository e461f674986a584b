"""POST /quote: an itemised, deterministic price from the current price book."""

from shared.booking.models import EventQuoteRequest
from shared.platform.http import HttpCall
from shared.pricing.models import Quote
from shared.pricing.service import price


def handle(call: HttpCall) -> Quote:
    return price(call.platform, call.body(EventQuoteRequest))
