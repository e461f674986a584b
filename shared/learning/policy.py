"""How the learning loop reads its policy: the readiness table and tunables of the current
AI configuration (shared.ai.config, versioned and audited), plus who may sign a gate off.

A threshold change is a published configuration version, never code or a deploy.
"""

from __future__ import annotations

from shared.ai.config import store as ai_configs
from shared.ai.config.gates import (
    DEFAULT_THRESHOLDS,
    ChannelGroup,
    GateThreshold,
    LearningPolicy,
    SignOff,
)
from shared.platform.docstore import DocumentStore

__all__ = [
    "DEFAULT_THRESHOLDS",
    "GROUP_CHANNELS",
    "SIGNERS",
    "ChannelGroup",
    "GateThreshold",
    "LearningPolicy",
    "SignOff",
    "group_of",
    "may_sign",
    "policy_of",
]

_GROUP_OF: dict[str, ChannelGroup] = {
    "web": "web",
    "sms": "sms",
    "whatsapp": "social",
    "messenger": "social",
    "instagram": "social",
    "email": "email",
    "voice": "voice",
}
GROUP_CHANNELS: dict[ChannelGroup, tuple[str, ...]] = {
    group: tuple(c for c, g in _GROUP_OF.items() if g == group)
    for group in ("social", "sms", "web", "email", "voice")
}
# The roles that may sign off at each level (a higher role may sign for a lower one).
SIGNERS: dict[SignOff, tuple[str, ...]] = {
    "manager": ("manager", "admin", "owner"),
    "director": ("admin", "owner"),
    "owner": ("owner",),
}


def group_of(channel: str) -> ChannelGroup:
    return _GROUP_OF[channel]


def may_sign(roles: list[str], sign_off: SignOff) -> bool:
    return any(r in SIGNERS[sign_off] for r in roles)


def policy_of(store: DocumentStore) -> LearningPolicy:
    """The policy of the current AI configuration (one pointer read; parsed once per version)."""
    return ai_configs.current(store).learning
