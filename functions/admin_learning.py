"""GET /admin-learning: the readiness report; POST {action, channel, intent}: open or close
a gate (audited; opening needs the channel's sign-off role)."""

from shared.learning import report
from shared.learning.admin import GateAction, act
from shared.learning.policy import policy_of
from shared.learning.records import Gate
from shared.platform.errors import Unauthorized
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> report.ReadinessReport | Gate:
    platform = call.platform
    if call.method == "GET":
        return report.build(platform.store, policy_of(platform.store))
    if call.principal is None:
        raise Unauthorized()
    return act(platform, call.body(GateAction), call.principal)
