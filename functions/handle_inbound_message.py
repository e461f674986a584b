"""Pub/Sub `inbound-messages`: answer a channel message; the reply goes out as a task, or
waits as a draft when the channel's review policy holds AI replies (shared.review). An SMS
answer to "was this helpful?" is counted as a rating instead of answered."""

from functions._app.entry import EventCall
from shared.ai.chat import channel_message
from shared.ai.inbound import InboundEvent
from shared.channels.outbound import OutboundMessage
from shared.platform.http import parse
from shared.review.drafts import dispatch
from shared.review.helpful import answered


def handle(call: EventCall) -> None:
    # Checked here so a malformed message is a 422 for Pub/Sub to redeliver and then
    # dead-letter, not a crash inside the AI turn.
    event = parse(InboundEvent, call.event.payload, location="message.data")
    if answered(call.platform, event):  # "1" / "2" to "was this helpful?": a rating
        return
    response = channel_message(call.platform, call.event.payload)
    if response.reply and response.reply_id:
        dispatch(
            call.platform,
            OutboundMessage(
                channel=event.channel,
                to=event.sender,
                text=response.reply,
                thread_id=response.thread_id,
                message_id=response.reply_id,
            ),
        )
