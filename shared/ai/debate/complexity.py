"""How hard a question is, from the business's table: simple (< 0.3, FAQ-like) gets one
LLM and no debate, medium (0.3-0.7) two rounds, complex (> 0.7: multi-part, pricing,
complaints) four. Each signal is kept with its weight so the record explains the score."""

from __future__ import annotations

import re

from shared.ai.debate.records import Complexity, Component, Level

SIMPLE_BELOW, COMPLEX_ABOVE = 0.3, 0.7
ROUNDS: dict[Level, int] = {"simple": 1, "medium": 2, "complex": 4}

_PRICING = re.compile(
    r"\$|\b(price|prices|pricing|cost|costs|how much|fee|fees|discount|deposit|refund|"
    r"charge|charged|quote|total|cheaper|budget|precio|cuesta|cu[aá]nto)\b",
    re.I,
)
_COMPLAINT = re.compile(
    r"\b(complain\w*|complaint|unhappy|disappoint\w*|terrible|awful|rude|late|never showed|"
    r"no[- ]show|bad experience|sick|food poisoning|unacceptable|angry|queja)\b",
    re.I,
)
# A second question inside one sentence ("... and can we pay by Zelle").
_JOINS = re.compile(r"\b(?:and|plus) (?:what|how|can|could|do|does|is|are|will|would)\b", re.I)
_LEADING = re.compile(r"^(?:and|also|plus)\b\s*", re.I)
# (weight, name): a question with the signal at full strength scores at least its weight.
WEIGHTS = {"pricing": 0.75, "complaint": 0.8, "parts": 0.75, "novelty": 0.45, "length": 0.3}


def _parts(question: str) -> int:
    """Sentences or clauses that ask something of their own."""
    clauses = [_LEADING.sub("", c.strip()) for c in re.split(r"[?;]", question)]
    asked = [c for c in clauses if len(c.split()) >= 2]
    return max(1, len(asked) + sum(len(_JOINS.findall(c)) for c in asked))


def _novelty(kb_score: float | None) -> float:
    """1 when the knowledge base has nothing close (a new question), 0 when it knows it."""
    if kb_score is None:
        return 1.0
    return round(min(1.0, max(0.0, (0.75 - kb_score) / 0.4)), 3)


def assess(question: str, kb_score: float | None) -> Complexity:
    """Signals combine as a noisy-or: any one strong signal makes the question hard, and
    each further one adds less than the last."""
    parts = _parts(question)
    words = len(question.split())
    pricing, complaint = bool(_PRICING.search(question)), bool(_COMPLAINT.search(question))
    values = {
        "pricing": (float(pricing), "asks about money" if pricing else "no money asked about"),
        "complaint": (
            float(complaint),
            "reads as a complaint" if complaint else "no complaint words",
        ),
        "parts": (min(1.0, (parts - 1) / 2), f"{parts} question part(s)"),
        "novelty": (
            _novelty(kb_score),
            "no knowledge-base match"
            if kb_score is None
            else f"best knowledge-base match {kb_score:.2f}",
        ),
        "length": (min(1.0, words / 80), f"{words} words"),
    }
    components = [
        Component(name=name, value=value, weight=WEIGHTS[name], why=why)
        for name, (value, why) in values.items()
    ]
    remaining = 1.0
    for c in components:
        remaining *= 1 - c.weight * c.value
    score = round(1 - remaining, 3)
    level: Level = (
        "simple" if score < SIMPLE_BELOW else "complex" if score > COMPLEX_ABOVE else "medium"
    )
    return Complexity(score=score, level=level, rounds=ROUNDS[level], components=components)
