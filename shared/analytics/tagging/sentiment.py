"""How the customer sounds, from -1 (negative) to 1 (positive).

The router's emotion lexicon reads English (happy lifts the score, frustrated and anxious
lower it); a small Spanish lexicon adds the same cues in Spanish, and an objection raised
in the message counts against it, since "that's too expensive" reads cooler than a
neutral question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from shared.ai.offline.text import normalise
from shared.ai.router.emotion import detect_emotion
from shared.analytics.tagging.phrases import objections_in

_EMOTION_SIGN = {"happy": 1.0, "frustrated": -1.0, "anxious": -0.5}
_SPANISH_POSITIVE = re.compile(
    r"\b(gracias|perfecto|excelente|genial|me encanta|nos encanta|maravillos[oa]|increible"
    r"|feliz|emocionad[oa]s?|que bien|me gusta)\b"
)
_SPANISH_NEGATIVE = re.compile(
    r"\b(lastima|desafortunadamente|molest[oa]|terrible|horrible|decepcionad[oa]s?|no me gusta"
    r"|triste|enojad[oa]s?|pesimo|que mal)\b"
)
_SPANISH_WEIGHT = 0.4
_OBJECTION_WEIGHT = 0.3


def of_message(text: str) -> float:
    feeling = detect_emotion(text)
    score = _EMOTION_SIGN.get(feeling.emotion, 0.0) * feeling.intensity
    plain = normalise(text)
    score += _SPANISH_WEIGHT * (
        len(_SPANISH_POSITIVE.findall(plain)) - len(_SPANISH_NEGATIVE.findall(plain))
    )
    if objections_in(text):
        score -= _OBJECTION_WEIGHT
    return round(max(-1.0, min(1.0, score)), 2)


def of_messages(texts: Sequence[str]) -> float:
    """The mean over the messages; 0 (neutral) for none."""
    if not texts:
        return 0.0
    return round(sum(of_message(t) for t in texts) / len(texts), 2)
