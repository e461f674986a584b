"""POST /run-job: queue a scheduled job to run now (owner/admin)."""

from functions._app.jobs import RunJobRequest, run_now
from shared.platform.http import HttpCall, Reply


def handle(call: HttpCall) -> Reply:
    assert call.principal is not None  # admin trigger: authenticated before we get here
    return Reply(run_now(call.platform, call.body(RunJobRequest), call.principal), status=202)
