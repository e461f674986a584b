"""Pub/Sub `inbound-messages`: answer a channel message; the reply goes out as a task."""

from shared.ai.chat import channel_message
from shared.channels.outbound import OutboundMessage, queue
from shared.platform.entry import EventCall


def handle(call: EventCall) -> None:
    payload = call.event.payload
    response = channel_message(call.platform, payload)
    if response.reply and response.reply_id:
        queue(
            call.platform,
            OutboundMessage(
                channel=payload["channel"],
                to=payload["sender"],
                text=response.reply,
                thread_id=response.thread_id,
                message_id=response.reply_id,
            ),
        )
