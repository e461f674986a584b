"""The Meta webhook body, as WhatsApp Cloud API, Messenger and Instagram send it.

Only the fields we read are modelled, every one optional: Meta adds fields and event kinds
over time, and an unexpected shape must be skipped (200), never refused, or Meta retries it
and eventually disables the subscription.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


# -- WhatsApp Cloud API: entry[].changes[].value -------------------------------------------


class WaText(_Lenient):
    body: str = ""


class WaButton(_Lenient):
    """A tap on a template's quick-reply button."""

    text: str = ""
    payload: str | None = None


class WaReply(_Lenient):
    id: str = ""
    title: str = ""


class WaInteractive(_Lenient):
    """A tap on an interactive reply button (`button_reply`) or list row (`list_reply`)."""

    type: str = ""
    button_reply: WaReply | None = None
    list_reply: WaReply | None = None


class WaMedia(_Lenient):
    id: str = ""
    caption: str | None = None


class WaMessage(_Lenient):
    sender: str = Field(default="", alias="from", description="The customer's WhatsApp id")
    id: str = ""
    timestamp: str | None = None
    type: str = ""
    text: WaText | None = None
    button: WaButton | None = None
    interactive: WaInteractive | None = None
    image: WaMedia | None = None
    video: WaMedia | None = None
    audio: WaMedia | None = None
    document: WaMedia | None = None
    sticker: WaMedia | None = None


class WaProfile(_Lenient):
    name: str | None = None


class WaContact(_Lenient):
    wa_id: str = ""
    profile: WaProfile | None = None


class WaMetadata(_Lenient):
    display_phone_number: str | None = None
    phone_number_id: str | None = None


class WaValue(_Lenient):
    messaging_product: str | None = None
    metadata: WaMetadata | None = None
    contacts: list[WaContact] = Field(default_factory=list)
    messages: list[WaMessage] = Field(default_factory=list)


class WaChange(_Lenient):
    field: str = ""
    value: WaValue = Field(default_factory=WaValue)


# -- Messenger and Instagram: entry[].messaging[] ------------------------------------------


class Party(_Lenient):
    id: str = ""


class AttachmentPayload(_Lenient):
    url: str | None = None


class Attachment(_Lenient):
    type: str = ""
    payload: AttachmentPayload | None = None


class SocialMessage(_Lenient):
    mid: str = ""
    text: str | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    is_echo: bool = False
    is_deleted: bool = False
    is_unsupported: bool = False


class Postback(_Lenient):
    """A tap on a button the page sent (Messenger and Instagram)."""

    mid: str | None = None
    title: str = ""
    payload: str | None = None


class MessagingEvent(_Lenient):
    """One messaging event; deliveries, reads and reactions carry no `message` or `postback`."""

    sender: Party | None = None
    recipient: Party | None = None
    timestamp: int | None = None
    message: SocialMessage | None = None
    postback: Postback | None = None


class Entry(_Lenient):
    id: str = ""
    time: int | None = None
    changes: list[WaChange] = Field(default_factory=list)
    messaging: list[MessagingEvent] = Field(default_factory=list)


class MetaWebhook(_Lenient):
    object: str = Field(default="", description="whatsapp_business_account, page or instagram")
    entry: list[Entry] = Field(default_factory=list)


class WebhookAck(BaseModel):
    """What the webhook answers (Meta reads only the status)."""

    received: int = Field(description="Customer messages found in the delivery")
    accepted: int = Field(description="Stored and published for the AI")
    duplicates: int = Field(description="Already accepted before (a redelivery)")


class Handshake(_Lenient):
    """The subscription check Meta sends as a GET; the challenge is echoed as plain text."""

    mode: str = Field(default="", alias="hub.mode", description="`subscribe`")
    verify_token: str = Field(default="", alias="hub.verify_token")
    challenge: str = Field(default="", alias="hub.challenge")
