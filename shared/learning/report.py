"""The readiness report per channel group x intent: JSON for the admin front end, and the
same rows as a text table for a terminal or a chat message to the owner."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.learning import gates
from shared.learning.feedback import RATING_TALLIES, RatingTally
from shared.learning.gatekeeping import tally_of
from shared.learning.policy import ChannelGroup, GateThreshold, LearningPolicy
from shared.learning.records import GATES, NOTICES, STATS, Gate, Notice, Tally, gate_from
from shared.platform.docstore import Direction, DocumentStore, Order

DAYS_PER_MONTH = 30
NOTICES_SHOWN = 20


class LiveView(BaseModel):
    reverse_samples: int
    reverse_bound: float
    live_turns: int
    escalation_rate: float
    baseline_escalation: float


class Row(BaseModel):
    group: ChannelGroup
    intent: str
    samples: int
    agreement: float
    bound: float = Field(description="Wilson 95% lower bound on agreement")
    threshold: GateThreshold
    ready: bool
    missing: str | None
    disagreements: dict[str, int] = Field(description="Pairs failing each component")
    gate: Gate
    live: LiveView | None = None
    ratings: RatingTally | None = Field(
        default=None, description="Customers' ratings, by who answered (teacher or student)"
    )
    projected_monthly_saving_usd: float = Field(
        description="(teacher - student cost per turn) x turns a month at the observed rate"
    )


class ReadinessReport(BaseModel):
    rows: list[Row]
    notices: list[Notice]
    table: str = Field(description="The rows as a fixed-width text table")


def monthly_saving(tally: Tally) -> float:
    if tally.samples == 0 or tally.first_at is None or tally.last_at is None:
        return 0.0
    per_turn = (tally.teacher_cost_usd - tally.student_cost_usd) / tally.samples
    days = max(1.0, (tally.last_at - tally.first_at).total_seconds() / 86_400)
    return round(per_turn * tally.samples / days * DAYS_PER_MONTH, 4)


def _live(gate: Gate) -> LiveView | None:
    if gate.status != "open":
        return None
    turns = len(gate.escalations)
    return LiveView(
        reverse_samples=len(gate.reverse),
        reverse_bound=round(gates.wilson_lower(gate.reverse.count("1"), len(gate.reverse)), 4),
        live_turns=turns,
        escalation_rate=round(gate.escalations.count("1") / turns, 4) if turns else 0.0,
        baseline_escalation=gate.baseline_escalation,
    )


def row_of(
    tally: Tally, gate: Gate, threshold: GateThreshold, ratings: RatingTally | None = None
) -> Row:
    ready = gates.readiness(tally.agreed, tally.samples, threshold)
    return Row(
        group=tally.group,
        intent=tally.intent,
        samples=tally.samples,
        agreement=round(ready.agreement, 4),
        bound=ready.bound,
        threshold=threshold,
        ready=ready.ready,
        missing=ready.missing,
        disagreements={k: v for k, v in tally.failed.items() if v},
        gate=gate,
        live=_live(gate),
        ratings=ratings,
        projected_monthly_saving_usd=monthly_saving(tally),
    )


def build(store: DocumentStore, policy: LearningPolicy) -> ReadinessReport:
    tallies = {d.id: Tally.model_validate(d.data) for d in store.query(STATS)}
    gate_docs = {d.id: Gate.model_validate(d.data) for d in store.query(GATES)}
    ratings = {d.id: RatingTally.model_validate(d.data) for d in store.query(RATING_TALLIES)}
    rows = []
    for key in sorted(tallies.keys() | gate_docs.keys() | ratings.keys()):
        group, _, intent = key.partition("--")
        tally = tallies.get(key) or tally_of(None, group, intent)  # type: ignore[arg-type]
        gate = gate_docs.get(key) or gate_from(None, tally.group, intent)
        rows.append(row_of(tally, gate, policy.threshold(tally.group), ratings.get(key)))
    notices = [
        Notice.model_validate(d.data | {"id": d.id})
        for d in store.query(NOTICES, order_by=[Order("at", Direction.DESC)], limit=NOTICES_SHOWN)
    ]
    return ReadinessReport(rows=rows, notices=notices, table=table(rows))


def _pct(x: float) -> str:
    return f"{x * 100:5.1f}%"


def table(rows: list[Row]) -> str:
    head = (
        f"{'channel':<7} {'intent':<11} {'samples':>8} {'agree':>6} {'bound':>6} "
        f"{'needs':>6} {'gate':<6} {'saving/mo':>10}  disagreements"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        why = ", ".join(f"{k} {v}" for k, v in sorted(r.disagreements.items())) or "-"
        lines.append(
            f"{r.group:<7} {r.intent:<11} {r.samples:>8} {_pct(r.agreement):>6} "
            f"{_pct(r.bound):>6} {_pct(r.threshold.accuracy):>6} {r.gate.status:<6} "
            f"{'$' + format(r.projected_monthly_saving_usd, ',.2f'):>10}  {why}"
        )
    return "\n".join(lines)
