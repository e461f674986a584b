"""GET /whoami: the authenticated caller, for the admin front end's session check."""

from shared.platform.http import HttpCall
from shared.platform.principal import Principal


def handle(call: HttpCall) -> Principal | None:
    return call.principal
