"""Fixes for what the detectors found, each replayed before it is offered.

- A phrasing the router keeps sending to the wrong agent (the flow that ran answered as
  another): its messages become exemplars of the agent that answered.
- An intent whose escalation or failure rate rose while the router was unsure of most of
  its failing turns: a router threshold just below those turns' confidence, so the
  router's guess stands instead of "stay with the last agent".
- Knowledge questions nothing in the KB answered: a draft document for staff to write,
  with a debate asked for each question (the debate's answer reaches staff, never a
  customer). A draft changes nothing until it is written, so it has no replay.

Controls are recent turns that went right (routed where they were answered, no
escalation, no block), replayed with every fix to catch what it would break.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shared.ai.config import store as ai_configs
from shared.ai.config.model import AIConfig
from shared.ai.debate.records import REQUESTED_TOPIC, DebateRequest
from shared.learning.healing import changes, detect
from shared.learning.healing.detect import Pattern, Rising, TurnSummary
from shared.learning.healing.records import Change, Draft, Kind, Proposal, proposal_id
from shared.learning.healing.replay import Target, replay
from shared.platform.services import Platform

EXEMPLARS_PER_FIX = 5
CONTROLS = 20
QUESTIONS_PER_DRAFT = 10
UNSURE_SHARE = 0.5  # of an intent's failing turns, for a threshold proposal
THRESHOLD_FLOOR = 0.2
RUNNER = "self-heal"


def controls(turns: Sequence[TurnSummary], exclude: set[str]) -> list[TurnSummary]:
    """The latest turns that went right, one per distinct message, none of `exclude`."""
    seen = {" ".join(t.lower().split()) for t in exclude}
    picked = []
    for turn in reversed(turns):
        key = " ".join(turn.text.lower().split())
        good = not turn.misrouted and turn.escalation is None and not turn.blocked
        if good and not turn.cached and key not in seen:
            seen.add(key)
            picked.append(turn)
        if len(picked) == CONTROLS:
            break
    return picked


class Proposer:
    """Builds the night's proposals against one current configuration."""

    def __init__(
        self, platform: Platform, turns: Sequence[TurnSummary], run_id: str, now: datetime
    ) -> None:
        self.platform = platform
        self.turns = turns
        self.run_id = run_id
        self.now = now
        self.day = now.date().isoformat()
        self.current: AIConfig = ai_configs.current(platform.store)

    def _offer(
        self,
        kind: Kind,
        key: str,
        title: str,
        evidence: str,
        change: Change,
        targets: list[Target],
    ) -> Proposal:
        pid = proposal_id(kind, key, self.day)
        trial = changes.candidate(self.current, change, changes.version_for(pid), title)
        result = replay(self.platform, targets, self.current, trial)
        return Proposal(
            id=pid,
            run_id=self.run_id,
            at=self.now,
            kind=kind,
            title=title,
            evidence=evidence,
            reply_ids=[t.turn.reply_id for t in targets if not t.control],
            change=change,
            replay=result,
            status="offered" if result.offered else "withheld",
            based_on=self.current.version,
        )

    def exemplars(self, pattern: Pattern) -> Proposal | None:
        routed, answered = pattern.key
        known = set(self.current.router_exemplars.get(answered, ()))
        texts = [
            t for t in detect.distinct_texts(pattern.turns, EXEMPLARS_PER_FIX) if t not in known
        ]
        if not texts:
            return None
        targets = [Target(t, answered) for t in pattern.turns]
        targets += [Target(t, t.routed, control=True) for t in controls(self.turns, set(texts))]
        return self._offer(
            "exemplars",
            f"{routed}->{answered}",
            f"Route {len(texts)} phrasing(s) to {answered}",
            f"{len(pattern.turns)} turns in 7 days were routed to {routed} and answered by"
            f" {answered}",
            Change(add_exemplars={answered: texts}),
            targets,
        )

    def threshold(self, rise: Rising) -> Proposal | None:
        since = self.now - detect.WINDOW
        recent = [t for t in self.turns if t.routed == rise.intent and since <= t.at < self.now]
        failing = [
            t
            for t in recent
            if (t.escalation is not None if rise.metric == "escalation" else t.failed)
        ]
        unsure = [t for t in failing if t.unsure]
        if not failing or len(unsure) < UNSURE_SHARE * len(failing):
            return None
        proposed = round(max(THRESHOLD_FLOOR, min(t.confidence for t in unsure) - 0.01), 2)
        if proposed >= self.current.router_threshold:
            return None
        targets = [Target(t, None) for t in unsure]
        exclude = {t.text for t in unsure}
        targets += [Target(t, t.routed, control=True) for t in controls(self.turns, exclude)]
        return self._offer(
            "config",
            f"threshold-{rise.intent}",
            f"Router threshold {self.current.router_threshold} -> {proposed}",
            f"{rise.intent}: {rise.metric} rate {rise.window_rate:.0%} over {rise.window_turns}"
            f" turns in 7 days vs {rise.baseline_rate:.0%} before (sigma {rise.sigma});"
            f" {len(unsure)} of {len(failing)} failing turns were unsure routes",
            Change(router_threshold=proposed),
            targets,
        )

    def knowledge(self, unanswered: Sequence[TurnSummary]) -> Proposal | None:
        questions = detect.distinct_texts(unanswered, QUESTIONS_PER_DRAFT)
        if not questions:
            return None
        for question in questions:
            request = DebateRequest(
                question=question[:2000], trigger="kb_unsure", requested_by=RUNNER
            )
            self.platform.bus.publish(REQUESTED_TOPIC, request.model_dump(mode="json"))
        return Proposal(
            id=proposal_id("knowledge", "unanswered", self.day),
            run_id=self.run_id,
            at=self.now,
            kind="knowledge",
            title=f"Knowledge for {len(questions)} unanswered question(s)",
            evidence=f"{len(unanswered)} turns yesterday found no knowledge close enough",
            reply_ids=[t.reply_id for t in unanswered],
            draft=Draft(questions=questions, debate_requested=True),
            status="offered",
        )
