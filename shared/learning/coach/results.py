"""What one standing scenario's run came to: kept light (no AI imports), since the stored
report and the admin view read it back."""

from __future__ import annotations

from pydantic import BaseModel


class Exchange(BaseModel):
    customer: str
    agent: str


class ScenarioResult(BaseModel):
    id: str
    behaviour: str
    passed: bool
    failures: list[str]
    transcript: list[Exchange]
    cost_usd: float
