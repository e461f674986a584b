"""A proposal's change applied to a configuration: the candidate the replay runs under and,
once approved, the version that is published (the same function, so what staff approve is
what was replayed)."""

from __future__ import annotations

from shared.ai.config.model import AIConfig
from shared.learning.healing.records import Change


def candidate(current: AIConfig, change: Change, version: str, note: str) -> AIConfig:
    exemplars = {agent: list(texts) for agent, texts in current.router_exemplars.items()}
    for agent, texts in change.add_exemplars.items():
        kept = exemplars.setdefault(agent, [])
        kept.extend(t for t in texts if t not in kept)
    update: dict[str, object] = {"version": version, "note": note, "router_exemplars": exemplars}
    if change.router_threshold is not None:
        update["router_threshold"] = change.router_threshold
    return AIConfig.model_validate(current.model_dump() | update)


def version_for(proposal_id: str) -> str:
    return f"heal-{proposal_id[:16]}"
