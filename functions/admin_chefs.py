"""GET /admin-chefs?market=: the chefs; POST: create one, or change hours/days off/blackouts."""

from shared.booking.catalog import Chef
from shared.booking.chef_admin import ChefAction, ChefList, apply, list_chefs
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> ChefList | Chef:
    if call.method == "GET":
        return list_chefs(call)
    return apply(call.platform, call.body(ChefAction).root, call.actor)
