"""Opening and closing readiness gates: staff with the named role open a proven gate, staff
or the monitor close it. Every change is audited in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.learning import gates
from shared.learning.policy import ChannelGroup, LearningPolicy, may_sign
from shared.learning.records import GATES, NOTICES, STATS, Gate, Tally, gate_from, gate_key
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Transaction
from shared.platform.errors import Conflict, Forbidden
from shared.platform.ids import new_id
from shared.platform.log import get_logger

MONITOR = "learning-monitor"  # the actor the audit log names for automatic closes
log = get_logger(__name__)


def tally_of(data: dict[str, Any] | None, group: ChannelGroup, intent: str) -> Tally:
    return Tally(group=group, intent=intent) if data is None else Tally.model_validate(data)


def open_gate(
    store: DocumentStore,
    group: ChannelGroup,
    intent: str,
    *,
    actor: str,
    roles: list[str],
    policy: LearningPolicy,
    now: datetime,
    note: str | None = None,
) -> Gate:
    threshold = policy.threshold(group)
    if not may_sign(roles, threshold.sign_off):
        raise Forbidden("sign_off_required", f"opening a {group} gate needs {threshold.sign_off}")
    key = gate_key(group, intent)

    def attempt(tx: Transaction) -> Gate:
        tally = tally_of(tx.get(STATS, key), group, intent)
        before = gate_from(tx.get(GATES, key), group, intent)
        if before.status == "open":
            raise Conflict("gate_open", f"the {group} x {intent} gate is already open")
        ready = gates.readiness(tally.agreed, tally.samples, threshold)
        if not ready.ready:
            raise Conflict("not_ready", f"{group} x {intent} is not ready: {ready.missing}")
        gate = Gate(
            group=group,
            intent=intent,
            status="open",
            opened_at=now,
            opened_by=actor,
            baseline_escalation=round(tally.teacher_escalations / tally.samples, 4),
        )
        _write(tx, key, before, gate, actor=actor, action="learning.gate.open", now=now, note=note)
        return gate

    opened: Gate = store.run_transaction(attempt)
    return opened


def close_gate(
    store: DocumentStore,
    group: ChannelGroup,
    intent: str,
    *,
    actor: str,
    roles: list[str],
    now: datetime,
    note: str | None = None,
) -> Gate:
    if not may_sign(roles, "manager"):
        raise Forbidden("sign_off_required", "closing a gate needs a manager")
    key = gate_key(group, intent)

    def attempt(tx: Transaction) -> Gate:
        before = gate_from(tx.get(GATES, key), group, intent)
        if before.status != "open":
            raise Conflict("gate_closed", f"the {group} x {intent} gate is not open")
        gate = _closed(before, actor=actor, reason=note or "closed by staff", now=now)
        _write(tx, key, before, gate, actor=actor, action="learning.gate.close", now=now, note=note)
        return gate

    closed: Gate = store.run_transaction(attempt)
    return closed


def observe_live(
    tx: Transaction,
    group: ChannelGroup,
    intent: str,
    *,
    escalated: bool,
    agreed: bool | None,
    policy: LearningPolicy,
    now: datetime,
) -> str | None:
    """Fold one live student turn (and its reverse-shadow verdict, when sampled) into the
    gate's rolling windows; close the gate when they have degraded. Returns why it closed.
    Reads before it writes, so callers may write after it in the same transaction only."""
    key = gate_key(group, intent)
    before = gate_from(tx.get(GATES, key), group, intent)
    if before.status != "open":
        return None
    gate = before.model_copy(
        update={
            "escalations": gates.pushed(before.escalations, escalated, policy.window),
            "reverse": before.reverse
            if agreed is None
            else gates.pushed(before.reverse, agreed, policy.window),
        }
    )
    reason = gates.close_reason(
        gate.reverse, gate.escalations, gate.baseline_escalation, policy.threshold(group), policy
    )
    if reason is None:
        tx.set(GATES, key, gate.model_dump(mode="json"))
        return None
    closed = _closed(gate, actor=MONITOR, reason=reason, now=now)
    _write(
        tx, key, before, closed, actor=MONITOR, action="learning.gate.close", now=now, note=reason
    )
    text = f"The student no longer answers {group} x {intent}: {reason}. The teacher is back."
    tx.create(
        NOTICES,
        new_id("lnt"),
        {"at": now, "group": group, "intent": intent, "text": text},
    )
    log.warning("learning gate closed: %s", text)
    return reason


def _closed(gate: Gate, *, actor: str, reason: str, now: datetime) -> Gate:
    return gate.model_copy(
        update={"status": "closed", "closed_at": now, "closed_by": actor, "closed_reason": reason}
    )


def _summary(gate: Gate) -> dict[str, Any]:
    """What the audit log keeps of a gate (not its rolling windows)."""
    return gate.model_dump(mode="json", exclude={"reverse", "escalations"})


def _write(
    tx: Transaction,
    key: str,
    before: Gate,
    after: Gate,
    *,
    actor: str,
    action: str,
    now: datetime,
    note: str | None,
) -> None:
    tx.set(GATES, key, after.model_dump(mode="json"))
    audit.record(
        tx,
        actor=actor,
        action=action,
        entity="learning_gate",
        entity_id=key,
        now=now,
        before=_summary(before),
        after=_summary(after),
        reason=note,
    )
