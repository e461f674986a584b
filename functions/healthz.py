"""GET /healthz: liveness plus a store round trip."""

import os

from shared.platform.health import HealthReport, check
from shared.platform.http import HttpCall

INSTANCE = os.environ.get("K_REVISION", "local") + "-" + str(os.getpid())


def handle(call: HttpCall) -> HealthReport:
    return check(call.platform, INSTANCE)
