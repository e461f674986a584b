"""GET /admin-dead-letters: failed events and tasks; POST {id}: replay one."""

from shared.platform.deadletters import (
    DeadLetterPage,
    DeadLetterQuery,
    ReplayRequest,
    ReplayResult,
    read,
    replay,
)
from shared.platform.http import HttpCall


def handle(call: HttpCall) -> DeadLetterPage | ReplayResult:
    platform = call.platform
    if call.method == "GET":
        return read(platform.store, call.query(DeadLetterQuery))
    letter_id = call.body(ReplayRequest).id
    ref = replay(platform.store, platform.bus, platform.tasks, letter_id, now=platform.clock.now())
    return ReplayResult.model_validate({"replayed": letter_id, "as": ref})
