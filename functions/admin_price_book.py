"""GET /admin-price-book: current book and versions; POST {book}: publish a new version."""

from shared.platform.http import HttpCall, Reply
from shared.pricing.admin import PriceBookState, PublishRequest, state
from shared.pricing.store import publish


def handle(call: HttpCall) -> PriceBookState | Reply:
    store = call.platform.store
    if call.method == "GET":
        return state(store)
    book = call.body(PublishRequest).book
    publish(store, book, actor=call.actor, now=call.platform.clock.now())
    return Reply(state(store), status=201)
