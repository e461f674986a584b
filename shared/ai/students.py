"""The port through which readiness gates let a student model answer live.

Owned here so the turn needs nothing from `shared.learning` (which sits above ai): the app
shell registers the learning package's gate behind this key.
"""

from __future__ import annotations

from typing import Protocol

from shared.ai.providers.base import Provider
from shared.platform.services import Port


class StudentGate(Protocol):
    def live_student(self, channel: str, intent: str, confidence: float) -> Provider | None:
        """The student to answer this channel x intent live (its gate is open and the
        router is confident enough), or None: the teacher answers."""
        ...


STUDENT_GATE: Port[StudentGate] = Port("student-gate")
