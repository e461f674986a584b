"""The student model the loop trains toward, and the gate that lets it answer live.

`STUDENT` is built by the app shell from `learning_student` (default: the offline
provider); `GateSwitch` serves the ai package's `STUDENT_GATE` port.
"""

from __future__ import annotations

from shared.ai.offline.provider import OfflineProvider
from shared.ai.providers.base import Provider
from shared.learning.policy import group_of, policy_of
from shared.learning.records import GATES, gate_key
from shared.platform.services import Platform, Port

STUDENT: Port[Provider] = Port("learning-student")


def is_offline(provider: Provider) -> bool:
    return isinstance(provider, OfflineProvider)


class GateSwitch:
    """One gate read per turn: an open gate and a confident route hand the turn to the
    student. Flows and tools still decide every price, date and policy."""

    def __init__(self, platform: Platform) -> None:
        self._platform = platform

    def live_student(self, channel: str, intent: str, confidence: float) -> Provider | None:
        group = group_of(channel)
        gate = self._platform.store.get(GATES, gate_key(group, intent))
        if gate is None or gate.get("status") != "open":
            return None
        policy = policy_of(self._platform.store)
        if confidence < policy.threshold(group).confidence:
            return None
        return self._platform.adapter(STUDENT)
