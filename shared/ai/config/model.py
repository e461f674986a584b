"""The AI configuration document. Its defaults are today's values, each number in one place:
the thresholds here, the gate table in `gates`, the agents and house rules in `agents`.

No environment setting holds any of them: a change is a published version (audited,
diffable, one call to roll back), so what a turn ran under is always one version string.
"""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.ai.agents import HOUSE_RULES, Agent, default_agents
from shared.ai.config.gates import LearningPolicy
from shared.ai.router.model import AGENTS
from shared.platform.versioned import VERSION_PATTERN

ROUTER_THRESHOLD = 0.55
CACHE_THRESHOLD = 0.92
REVIEW_DAYS = 180
DEFAULT_VERSION = "default"


class AIConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(pattern=VERSION_PATTERN, description="New for every publish")
    note: str = Field(default="", max_length=500, description="Why this version exists")
    house_rules: str = Field(
        min_length=1, max_length=8000, description="What every agent never breaks"
    )
    agents: dict[str, Agent] = Field(description="One per agent the router can pick")
    router_threshold: float = Field(
        default=ROUTER_THRESHOLD,
        ge=0,
        le=1,
        description="Below this router confidence an LLM (when configured) picks the agent",
    )
    cache_threshold: float = Field(
        default=CACHE_THRESHOLD,
        ge=0.5,
        le=1,
        description="Cosine similarity above which a cached FAQ answer is reused",
    )
    router_exemplars: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages added to an agent's shipped router exemplars (approved fixes)",
    )
    review_days: int = Field(
        default=REVIEW_DAYS,
        ge=1,
        le=3650,
        description="A KB document or cached answer older than this is due for review",
    )
    learning: LearningPolicy = Field(
        default_factory=LearningPolicy, description="Readiness gates and the monitor's tunables"
    )

    @field_validator("house_rules")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("must not be blank")
        return text

    @field_validator("agents")
    @classmethod
    def _every_routed_agent(cls, agents: dict[str, Agent]) -> dict[str, Agent]:
        missing = [a for a in AGENTS if a not in agents]
        unknown = [a for a in agents if a not in AGENTS]
        if missing or unknown:
            parts = [f"missing {', '.join(missing)}"] if missing else []
            parts += [f"unknown {', '.join(unknown)}"] if unknown else []
            raise ValueError(
                f"must be exactly the router's agents ({', '.join(AGENTS)}): {'; '.join(parts)}"
            )
        return agents

    @field_validator("router_exemplars")
    @classmethod
    def _known_agents(cls, extra: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = [a for a in extra if a not in AGENTS]
        if unknown:
            known = ", ".join(AGENTS)
            raise ValueError(f"unknown agents {', '.join(unknown)}; choose from {known}")
        if any(not t.strip() or len(t) > 500 for texts in extra.values() for t in texts):
            raise ValueError("an exemplar is 1 to 500 characters")
        return extra

    def exemplars(self) -> tuple[tuple[str, str], ...]:
        """(agent, text) of every added exemplar, in a stable order (a router cache key)."""
        return tuple((a, t) for a in AGENTS for t in self.router_exemplars.get(a, ()))

    def agent(self, name: str) -> Agent:
        """The named agent (the front desk, `lead`, for a name no route gives)."""
        return self.agents.get(name) or self.agents["lead"]


@functools.cache
def default_config() -> AIConfig:
    """What ships: today's agents, rules and thresholds (current until a version is published)."""
    return AIConfig(
        version=DEFAULT_VERSION,
        note="shipped defaults",
        house_rules=HOUSE_RULES,
        agents=default_agents(),
    )
