"""Does the student agree with the teacher on a turn? Judged on what matters, not wording.

Five components, each kept so a dashboard can say why a student disagrees: the same tool
calls with the same arguments, the same flow position afterwards, the same escalation
decision, no validator block on the student's reply, and an equivalent reply (embedding
similarity over the threshold plus the very same amounts and dates). Pure: similarity is
injected.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from shared.ai.validator import money_in

COMPONENTS = ("tools", "flow", "escalation", "validator", "reply")

Similarity = Callable[[str, str], float]

_MONTH_NUMBERS = {
    **{m: i for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )},
    **{m: i for i, m in enumerate(
        ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
         "septiembre", "octubre", "noviembre", "diciembre"), 1
    )},
}  # fmt: skip
_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|"
    r"mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)"
)
_DATE_OR_TIME = re.compile(
    r"\b(?:(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"|(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?:/\d{2,4})?"
    rf"|{_MONTH.format(g='nm')}\.?\s+(?P<nd>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<ed>\d{{1,2}})\s+de\s+{_MONTH.format(g='em')}"
    r"|(?P<ah>\d{1,2})(?::(?P<amin>\d{2}))?\s*(?P<ap>[ap])\.?m\b\.?"
    r"|(?P<hh>\d{1,2}):(?P<hmin>\d{2}))\b",
    re.IGNORECASE,
)


def _month(name: str) -> int:
    name = name.lower()
    return _MONTH_NUMBERS.get(name, _MONTH_NUMBERS.get(name[:3], 0))


def _normalised(m: re.Match[str]) -> str:
    """A date as MM-DD and a time as HH:MM, however the reply wrote it."""
    g = m.groupdict()
    if g["iy"]:
        return f"{int(g['im']):02d}-{int(g['id']):02d}"
    if g["sm"]:
        return f"{int(g['sm']):02d}-{int(g['sd']):02d}"
    if g["nm"]:
        return f"{_month(g['nm']):02d}-{int(g['nd']):02d}"
    if g["em"]:
        return f"{_month(g['em']):02d}-{int(g['ed']):02d}"
    if g["ah"]:
        hour = int(g["ah"]) % 12 + (12 if g["ap"].lower() == "p" else 0)
        return f"{hour:02d}:{int(g['amin'] or 0):02d}"
    return f"{int(g['hh']):02d}:{int(g['hmin']):02d}"


class Side(BaseModel):
    """What one model did with a turn."""

    provider: str | None = None
    commands: list[dict[str, Any]] = Field(default_factory=list)
    tool_calls: list[dict[str, Any]] = Field(default_factory=list, description="name, arguments")
    reply: str = ""
    blocked: list[str] = Field(default_factory=list, description="Validator problem codes")
    escalation: str | None = Field(default=None, description="Escalation reason, if any")
    flow: str | None = None
    asked: str | None = None
    latency_ms: float = 0.0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0


class Components(BaseModel):
    tools: bool
    flow: bool
    escalation: bool
    validator: bool
    reply: bool
    similarity: float
    amounts: bool
    dates: bool

    @property
    def agree(self) -> bool:
        return all(getattr(self, name) for name in COMPONENTS)

    def failed(self) -> list[str]:
        return [name for name in COMPONENTS if not getattr(self, name)]


def dates_in(text: str) -> Counter[str]:
    """Dates (MM-DD) and clock times (HH:MM) a reply states: "June 14", "14 de junio" and
    "6/14" are one date, "5:30 pm" and "17:30" one time."""
    return Counter(_normalised(m) for m in _DATE_OR_TIME.finditer(text))


def _calls(side: Side) -> Counter[str]:
    return Counter(
        json.dumps([c["name"], c.get("arguments") or {}], sort_keys=True, default=str)
        for c in side.tool_calls
    )


def judge(teacher: Side, student: Side, similarity: Similarity, threshold: float) -> Components:
    same_text = teacher.reply.strip() == student.reply.strip()
    score = 1.0 if same_text else round(similarity(teacher.reply, student.reply), 4)
    amounts = Counter(money_in(teacher.reply)) == Counter(money_in(student.reply))
    dates = dates_in(teacher.reply) == dates_in(student.reply)
    return Components(
        tools=_calls(teacher) == _calls(student),
        flow=(teacher.flow, teacher.asked) == (student.flow, student.asked),
        escalation=(teacher.escalation is None) == (student.escalation is None),
        validator=not student.blocked,
        reply=score >= threshold and amounts and dates,
        similarity=score,
        amounts=amounts,
        dates=dates,
    )
