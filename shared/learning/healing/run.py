"""The nightly self-heal: read 35 days of turns, record what is wrong, store proposals.

A rerun the same night rewrites that night's undecided proposals (same ids) and leaves a
decided one as staff decided it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shared.ai.cache import COLLECTION as CACHE
from shared.learning.healing import detect
from shared.learning.healing.detect import TurnSummary
from shared.learning.healing.propose import Proposer
from shared.learning.healing.records import PROPOSALS, RUNS, Finding, Proposal, Run
from shared.learning.healing.turns import recent
from shared.platform.docstore import Transaction
from shared.platform.ids import stable_id
from shared.platform.services import Platform

UNDECIDED = ("offered", "withheld")


def _finding(kind: str, summary: str, turns: Sequence[TurnSummary]) -> Finding:
    return Finding(kind=kind, summary=summary, reply_ids=[t.reply_id for t in turns])


def findings(turns: Sequence[TurnSummary], now: datetime, kb_min_score: float) -> list[Finding]:
    found = [
        Finding(
            kind="rising_rate",
            summary=f"{r.intent}: {r.metric} {r.window_rate:.0%} of {r.window_turns} turns in 7"
            f" days vs {r.baseline_rate:.0%} of {r.baseline_turns} before (2 sigma ="
            f" {2 * r.sigma:.1%})",
        )
        for r in detect.rising_rates(turns, now)
    ]
    found += [
        _finding("escalation_pattern", f"{p.key[0]}: {len(p.turns)} x {p.key[1]}", p.turns)
        for p in detect.escalation_patterns(turns, now)
    ]
    found += [
        _finding("misroute", f"routed {p.key[0]}, answered by {p.key[1]}", p.turns)
        for p in detect.misroutes(turns, now)
    ]
    day = detect.last_day(turns, now)
    for kind, hits in (
        ("clarified", detect.clarified(day)),
        ("validator_block", detect.blocked(day)),
        ("unanswered", detect.unanswered(day, kb_min_score)),
    ):
        if hits:
            found.append(_finding(kind, f"{len(hits)} turn(s) yesterday", hits))
    return found


def _stale(platform: Platform, now: datetime, review_days: int) -> tuple[list[str], list[str]]:
    """KB documents past review, and cached answers past review or made under an older
    knowledge base (contradicted by an edit since; never served again, still stored)."""
    from shared.ai.knowledge.base import kb_version, list_docs

    store = platform.store
    docs = detect.stale(((d.id, d.updated_at) for d in list_docs(store)), now, review_days)
    version = kb_version(store)
    entries = store.query(CACHE)
    old = detect.stale(((e.id, e.data.get("created_at")) for e in entries), now, review_days)
    superseded = [e.id for e in entries if e.data.get("kb_version") != version]
    return docs, sorted(set(old) | set(superseded))


def proposals(
    proposer: Proposer, turns: Sequence[TurnSummary], now: datetime, kb_min_score: float
) -> list[Proposal]:
    made = [proposer.exemplars(p) for p in detect.misroutes(turns, now)]
    first_rise = {r.intent: r for r in reversed(detect.rising_rates(turns, now))}
    made += [proposer.threshold(r) for r in reversed(first_rise.values())]
    made.append(proposer.knowledge(detect.unanswered(detect.last_day(turns, now), kb_min_score)))
    return [p for p in made if p is not None]


def heal(platform: Platform) -> Run:
    from shared.ai.flows.service_info import KB_MIN_SCORE

    now = platform.clock.now()
    turns = recent(platform.store, now - detect.WINDOW - detect.BASELINE)
    run_id = stable_id("healing-run", now.isoformat())[:24]
    proposer = Proposer(platform, turns, run_id, now)
    made = proposals(proposer, turns, now, KB_MIN_SCORE)
    docs, cached = _stale(platform, now, proposer.current.review_days)
    run = Run(
        id=run_id,
        at=now,
        turns=len(turns),
        findings=findings(turns, now, KB_MIN_SCORE),
        proposals=[p.id for p in made],
        offered=sum(p.status == "offered" for p in made),
        stale_documents=docs,
        stale_cache=cached,
    )

    def attempt(tx: Transaction) -> None:
        existing = {p.id: tx.get(PROPOSALS, p.id) for p in made}
        for proposal in made:
            before = existing[proposal.id]
            if before is None or before.get("status") in UNDECIDED:
                tx.set(PROPOSALS, proposal.id, proposal.model_dump(exclude={"id"}))
        tx.set(RUNS, run.id, run.model_dump(exclude={"id"}))

    platform.store.run_transaction(attempt)
    return run
