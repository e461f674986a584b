"""What `admin-learning` takes and answers: the readiness report, and opening or closing
a channel group x intent gate (opening needs the group's named sign-off role)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.learning import gatekeeping
from shared.learning.policy import ChannelGroup, policy_of
from shared.learning.records import Gate
from shared.platform.principal import Principal
from shared.platform.services import Platform


class GateAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: Literal["open", "close"]
    channel: ChannelGroup = Field(description="social (WhatsApp, Messenger, Instagram), sms, ...")
    intent: str = Field(min_length=1, max_length=40, description="The routed agent, e.g. lead")
    note: str | None = Field(default=None, max_length=500, description="Kept in the audit log")


def act(platform: Platform, action: GateAction, principal: Principal) -> Gate:
    now = platform.clock.now()
    if action.action == "open":
        return gatekeeping.open_gate(
            platform.store,
            action.channel,
            action.intent,
            actor=principal.subject,
            roles=list(principal.roles),
            policy=policy_of(platform.store),
            now=now,
            note=action.note,
        )
    return gatekeeping.close_gate(
        platform.store,
        action.channel,
        action.intent,
        actor=principal.subject,
        roles=list(principal.roles),
        now=now,
        note=action.note,
    )
