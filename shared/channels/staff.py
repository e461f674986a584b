"""Staff actions on a thread from the admin conversations endpoint, with delivery: a staff
reply on SMS, WhatsApp, Messenger, Instagram or email is queued for its channel (a web
visitor reads it through chat history)."""

from __future__ import annotations

from shared.conversation import admin
from shared.conversation import store as threads
from shared.platform.services import Platform


def apply(
    platform: Platform, action: admin.TakeOver | admin.StaffReply | admin.Release, actor: str
) -> admin.Transcript:
    message = admin.apply(platform, action, actor)
    if message is not None:
        thread = threads.get_thread(platform.store, action.thread_id)
        if thread.channel != "web" and thread.handle:
            # Loaded here: reads and web replies never send, and this endpoint starts cold.
            from shared.channels.outbound import OutboundMessage, queue

            queue(
                platform,
                OutboundMessage(
                    channel=thread.channel,
                    to=thread.handle,
                    text=message.text,
                    thread_id=thread.id,
                    message_id=message.id,
                ),
            )
    return admin.transcript(platform, action.thread_id)
