"""`make eval`: how well the intent router routes and escalates held-out customer messages,
and how well the knowledge base answers held-out questions.

Prints accuracy per agent and overall, the confusion matrix, how well the confidence is
calibrated, must-escalate recall and precision, the mean routing time per message, and the
knowledge base's top-1 hit rate per family (scripts/eval_knowledge.py). The sets live in
tests/evals/ and share no message with the router's exemplars.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shared.ai.router import AGENTS, IntentRouter, Route
from shared.ai.router.escalation import must_escalate

EVALS = Path(__file__).resolve().parents[1] / "tests" / "evals"
ROUTING_SET = EVALS / "routing_set.jsonl"
ESCALATION_SET = EVALS / "escalation_set.jsonl"


def load_set(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@dataclass(frozen=True)
class RoutingReport:
    expected: list[str]
    routes: list[Route]
    seconds: list[float]

    @property
    def accuracy(self) -> float:
        return sum(self._hits()) / len(self.expected)

    def accuracy_of(self, agent: str) -> float:
        hits = [hit for hit, want in zip(self._hits(), self.expected, strict=True) if want == agent]
        return sum(hits) / len(hits)

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter((want, r.agent) for want, r in zip(self.expected, self.routes, strict=True))

    def below(self, threshold: float) -> list[bool]:
        """Per message below threshold, whether the guess was right (what an LLM would redo)."""
        return [
            hit
            for hit, r in zip(self._hits(), self.routes, strict=True)
            if r.confidence < threshold
        ]

    def _hits(self) -> list[bool]:
        return [r.agent == want for r, want in zip(self.routes, self.expected, strict=True)]


def evaluate_routing(router: IntentRouter, rows: list[dict[str, Any]]) -> RoutingReport:
    router.warm()
    routes, seconds = [], []
    for row in rows:
        start = time.perf_counter()
        routes.append(router.route(row["text"]))
        seconds.append(time.perf_counter() - start)
    return RoutingReport([row["agent"] for row in rows], routes, seconds)


@dataclass(frozen=True)
class EscalationReport:
    expected: list[str | None]
    got: list[str | None]

    @property
    def recall(self) -> float:
        """Share of must-escalate messages flagged with the right reason."""
        positives = [(w, g) for w, g in zip(self.expected, self.got, strict=True) if w]
        return sum(w == g for w, g in positives) / len(positives)

    @property
    def precision(self) -> float:
        """Share of flagged messages that had to be escalated (for any reason)."""
        flagged = [w for w, g in zip(self.expected, self.got, strict=True) if g]
        return sum(w is not None for w in flagged) / len(flagged) if flagged else 1.0

    @property
    def false_escalation_rate(self) -> float:
        negatives = [g for w, g in zip(self.expected, self.got, strict=True) if w is None]
        return sum(g is not None for g in negatives) / len(negatives)

    def misses(self) -> list[int]:
        return [i for i, (w, g) in enumerate(zip(self.expected, self.got, strict=True)) if w != g]


def evaluate_escalation(rows: list[dict[str, Any]]) -> EscalationReport:
    return EscalationReport(
        [row["must_escalate"] for row in rows], [must_escalate(row["text"]) for row in rows]
    )


def _print_routing(report: RoutingReport, rows: list[dict[str, Any]], threshold: float) -> None:
    print(f"routing: {len(rows)} messages, accuracy {report.accuracy:.1%}")
    for agent in AGENTS:
        count = report.expected.count(agent)
        print(f"  {agent:<11} {report.accuracy_of(agent):6.1%}  ({count} messages)")
    confusion = report.confusion()
    print("\nconfusion (rows: expected, columns: routed)")
    print(" " * 12 + "".join(f"{a[:5]:>6}" for a in AGENTS))
    for want in AGENTS:
        print(f"  {want:<10}" + "".join(f"{confusion[(want, got)] or '.':>6}" for got in AGENTS))
    confidences = [r.confidence for r in report.routes]
    below = report.below(threshold)
    print(
        f"\nconfidence: mean {statistics.fmean(confidences):.2f} vs accuracy "
        f"{report.accuracy:.2f}; {len(below)} below {threshold} (LLM fallback), "
        f"of which the embedding guess was right for {sum(below)}"
    )
    wrong = [
        (row, r) for row, r in zip(rows, report.routes, strict=True) if r.agent != row["agent"]
    ]
    for row, r in wrong:
        print(f"  miss: {row['agent']} -> {r.agent} ({r.confidence:.2f}): {row['text']}")
    ms = [s * 1000 for s in report.seconds]
    print(
        f"\nrouting time per message: mean {statistics.fmean(ms):.1f} ms, median "
        f"{statistics.median(ms):.1f} ms, max {max(ms):.1f} ms"
    )


def _print_escalation(report: EscalationReport, rows: list[dict[str, Any]]) -> None:
    positives = sum(1 for w in report.expected if w)
    print(
        f"\nmust-escalate: {len(rows)} messages ({positives} positive): recall "
        f"{report.recall:.1%}, precision {report.precision:.1%}, false escalations "
        f"{report.false_escalation_rate:.1%} of negatives"
    )
    for i in report.misses():
        print(f"  miss: expected {report.expected[i]}, got {report.got[i]}: {rows[i]['text']}")


def _print_conversations() -> None:
    """The end-state conversation suite's pass count per path (each failure's checks and
    transcript: `python -m scripts.eval_conversations`)."""
    from scripts.eval_conversations import PATHS, run_all

    counts = []
    for path in PATHS:
        passed, total, _ = run_all((path,))
        counts.append(f"{path} {passed}/{total}")
    print(f"\nconversations (end state, tests/conversations): {', '.join(counts)} cases pass")


def main() -> None:
    router = IntentRouter()
    routing_rows = load_set(ROUTING_SET)
    _print_routing(evaluate_routing(router, routing_rows), routing_rows, router.threshold)
    escalation_rows = load_set(ESCALATION_SET)
    _print_escalation(evaluate_escalation(escalation_rows), escalation_rows)
    from scripts import eval_knowledge

    eval_knowledge.main()
    _print_conversations()


if __name__ == "__main__":
    main()
