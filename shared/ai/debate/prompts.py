"""What the panel is asked in each phase. Answers are for staff to review, so the prompts
ask for a plain answer grounded in the brief, and the judge for JSON it can be held to."""

from __future__ import annotations

from collections.abc import Sequence

from shared.ai.debate.context import Brief
from shared.ai.providers.base import Message

PROPOSE = (
    "You are on a panel answering a customer's question for a private hibachi catering "
    "business. Answer only from the context given; quote prices only as the facts state "
    "them; if the context does not say, answer that a person must confirm. Reply with the "
    "answer alone, at most 120 words."
)
CRITIQUE = (
    "You are on a panel answering a customer's question. Other panelists answered as shown. "
    "Point out what they got wrong or left out (judged against the context only), then give "
    "your improved answer. Reply exactly as:\nCRITIQUE: <what is wrong>\nANSWER: <your answer>"
)
JUDGE = (
    "You judge a panel's answers to a customer's question. Write the best final answer from "
    "them, grounded in the context only (no price the facts do not state), and say how "
    'confident you are. Reply with JSON only: {"answer": "...", "confidence": 0.0-1.0}'
)


def _brief(brief: Brief) -> str:
    context = "\n".join(brief.context) or "(nothing known)"
    return f"Context:\n{context}\n\nQuestion: {brief.question}"


def _numbered(answers: Sequence[str]) -> str:
    return "\n\n".join(f"Answer {chr(65 + i)}:\n{a}" for i, a in enumerate(answers))


def propose(brief: Brief) -> list[Message]:
    return [Message("system", PROPOSE), Message("user", _brief(brief))]


def critique(brief: Brief, own: str, others: Sequence[str]) -> list[Message]:
    text = f"{_brief(brief)}\n\nYour answer:\n{own}\n\n{_numbered(others)}"
    return [Message("system", CRITIQUE), Message("user", text)]


def judge(brief: Brief, answers: Sequence[str]) -> list[Message]:
    return [Message("system", JUDGE), Message("user", f"{_brief(brief)}\n\n{_numbered(answers)}")]
