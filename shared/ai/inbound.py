"""The normalised inbound message every channel adapter publishes (topic `inbound-messages`)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.ai.turn import ContactDetails, Inbound
from shared.conversation.store import Channel
from shared.customers.identity import HandleKind

INBOUND_TOPIC = "inbound-messages"

# Which customer handle each channel's sender is (identity resolves customers by it).
HANDLE_KIND: dict[str, HandleKind] = {
    "sms": "phone",
    "voice": "phone",
    "whatsapp": "whatsapp",
    "messenger": "messenger",
    "instagram": "instagram",
    "email": "email",
}


class InboundEvent(BaseModel):
    channel: Channel
    sender: str = Field(description="Phone (E.164), email, WhatsApp id or page-scoped id")
    text: str = Field(min_length=1, max_length=8000)
    provider_message_id: str
    media: list[str] = Field(default_factory=list)
    name: str | None = None

    def to_inbound(self) -> Inbound:
        return Inbound(
            channel=self.channel,
            text=self.text,
            handle=self.sender,
            contact=ContactDetails(name=self.name),
            provider_message_id=self.provider_message_id,
            handle_kind=HANDLE_KIND.get(self.channel),
        )
