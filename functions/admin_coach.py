"""GET /admin-coach?date=: the daily AI coach report (the latest by default), JSON + text."""

from shared.learning.coach.admin import CoachQuery, CoachView, read
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> CoachView:
    return read(call.platform.store, call.query(CoachQuery))
