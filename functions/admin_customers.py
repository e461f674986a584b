"""GET /admin-customers?q=: search by phone, email or name; POST: merge a duplicate."""

from shared.customers.admin import CustomerList, CustomerSearch, MergeRequest, merge, search
from shared.customers.identity import Customer
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> CustomerList | Customer:
    store = call.platform.store
    if call.method == "GET":
        return search(store, call.query(CustomerSearch))
    return merge(store, call.body(MergeRequest), actor=call.actor, now=call.platform.clock.now())
