"""The inbound-mail webhook body: a generic JSON shape, or SendGrid Inbound Parse form fields.

SendGrid posts `from`, `to`, `subject`, `text`, `html` and the raw `headers` block; the JSON
shape may give the threading headers as fields of their own. Either way the same model.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class InboundEmail(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    sender: str = Field(alias="from", min_length=3, max_length=500, description="From header")
    to: str = Field(default="", max_length=2000)
    subject: str = Field(default="", max_length=1000)
    text: str = Field(default="", description="Plain-text body")
    html: str = Field(default="", description="HTML body, used when there is no text")
    message_id: str | None = Field(default=None, max_length=1000)
    in_reply_to: str | None = Field(default=None, max_length=1000)
    references: str | list[str] | None = Field(default=None, description="Message-IDs")
    headers: str | None = Field(default=None, description="The raw header block (SendGrid)")


class EmailAck(BaseModel):
    accepted: bool = Field(description="Stored and published for the AI (false: see reason)")
    reason: str | None = Field(default=None, description="duplicate, auto_reply or empty")
    thread_id: str | None = None
