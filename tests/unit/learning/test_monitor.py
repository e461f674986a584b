"""The live monitor on a real store: escalations rising over baseline close the gate,
audited and with a notice; the gate switch honours the confidence floor."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shared.ai.offline.provider import OfflineProvider
from shared.learning import gatekeeping
from shared.learning.policy import LearningPolicy
from shared.learning.records import GATES, NOTICES, Gate
from shared.learning.students import GateSwitch
from shared.platform import audit

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
POLICY = LearningPolicy(window=20, min_window=10)


def _open(platform: Any, baseline: float) -> None:
    gate = Gate(group="sms", intent="operations", status="open", baseline_escalation=baseline)
    platform.store.set(GATES, "sms--operations", gate.model_dump(mode="json"))


def _live_turn(platform: Any, escalated: bool) -> str | None:
    def observe(tx: Any) -> str | None:
        return gatekeeping.observe_live(
            tx, "sms", "operations", escalated=escalated, agreed=None, policy=POLICY, now=NOW
        )

    closed: str | None = platform.store.run_transaction(observe)
    return closed


def test_escalations_rising_over_baseline_close_the_gate_once(platform: Any) -> None:
    _open(platform, baseline=0.10)
    outcomes = [False] * 5 + [True] * 4  # 4 of 9: the monitor has not enough turns yet
    assert [r for r in (_live_turn(platform, e) for e in outcomes) if r] == []
    reason = _live_turn(platform, True)  # 5 of 10: at least 23.7% against 10%
    assert reason is not None and "escalations" in reason
    gate = Gate.model_validate(platform.store.get(GATES, "sms--operations"))
    assert gate.status == "closed" and gate.closed_by == gatekeeping.MONITOR
    [entry] = [d.data for d in platform.store.query(audit.COLLECTION)]
    assert entry["action"] == "learning.gate.close" and entry["before"]["status"] == "open"
    [notice] = [d.data for d in platform.store.query(NOTICES)]
    assert "sms x operations" in notice["text"]
    assert _live_turn(platform, True) is None  # closed: nothing more to observe


def test_steady_escalations_keep_the_gate_open(platform: Any) -> None:
    _open(platform, baseline=0.10)
    for i in range(30):
        assert _live_turn(platform, i % 10 == 0) is None  # 10%: the baseline
    gate = Gate.model_validate(platform.store.get(GATES, "sms--operations"))
    assert gate.status == "open" and len(gate.escalations) == POLICY.window


def test_the_switch_hands_over_only_open_gates_and_confident_routes(platform: Any) -> None:
    switch = GateSwitch(platform)
    assert switch.live_student("sms", "operations", 0.99) is None  # no gate yet
    _open(platform, baseline=0.1)
    assert isinstance(switch.live_student("sms", "operations", 0.90), OfflineProvider)
    assert switch.live_student("sms", "operations", 0.70) is None  # sms floor: 0.82
    assert switch.live_student("sms", "lead", 0.99) is None  # another intent
    assert switch.live_student("whatsapp", "operations", 0.99) is None  # another channel
