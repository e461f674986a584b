"""Staff views and actions on conversations: the review queue, transcripts, takeover.

Sending a staff reply to the customer is not here (channels sit above conversation):
see `shared.channels.staff`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel

from shared.conversation import handoff
from shared.conversation import store as threads
from shared.conversation.store import ChatMessage, Thread, ThreadStatus
from shared.platform.services import Platform


class ThreadQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thread_id: str | None = Field(default=None, description="Give one to read its transcript")
    status: ThreadStatus | None = None
    limit: int = Field(default=50, ge=1, le=200)


class ThreadList(BaseModel):
    threads: list[Thread]


class Transcript(BaseModel):
    thread: Thread
    messages: list[ChatMessage] = Field(description="Oldest first, each AI turn with its trace")


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thread_id: str


class TakeOver(_Action):
    action: Literal["take_over"]


class StaffReply(_Action):
    action: Literal["reply"]
    text: str = Field(min_length=1, max_length=4000)


class Release(_Action):
    action: Literal["release"]


class ConversationAction(
    RootModel[Annotated[TakeOver | StaffReply | Release, Field(discriminator="action")]]
):
    """One of the actions, chosen by its `action` field."""


TRANSCRIPT_LIMIT = 500


def read(platform: Platform, query: ThreadQuery) -> ThreadList | Transcript:
    store = platform.store
    if query.thread_id:
        return Transcript(
            thread=threads.get_thread(store, query.thread_id),
            messages=threads.history(store, query.thread_id, limit=TRANSCRIPT_LIMIT),
        )
    return ThreadList(threads=threads.list_threads(store, status=query.status, limit=query.limit))


def apply(
    platform: Platform, action: TakeOver | StaffReply | Release, actor: str
) -> ChatMessage | None:
    """Release, take over, or reply as staff (taking over first). A reply's stored message
    is returned: delivering it on the thread's channel is the channels package's job."""
    store, now = platform.store, platform.clock.now()
    if isinstance(action, Release):
        handoff.release(store, action.thread_id, actor=actor, now=now)
        return None
    thread = threads.get_thread(store, action.thread_id)
    if thread.status is not ThreadStatus.STAFF:
        handoff.take_over(store, action.thread_id, actor=actor, now=now)
    if not isinstance(action, StaffReply):
        return None
    message = threads.append(
        store, action.thread_id, author="staff", text=action.text, now=now, trace={"staff": actor}
    )
    assert message is not None
    return message


def transcript(platform: Platform, thread_id: str) -> Transcript:
    result = read(platform, ThreadQuery(thread_id=thread_id))
    assert isinstance(result, Transcript)
    return result


class VisitorHistoryQuery(BaseModel):
    """A web visitor's own thread: the session id that opened it proves it is theirs."""

    model_config = ConfigDict(extra="forbid")

    thread_id: str = Field(max_length=64)
    session_id: str = Field(min_length=1, max_length=128)
    after_seq: int = Field(default=0, ge=0, description="Only messages after this one")


class VisitorMessage(BaseModel):
    seq: int
    author: str
    text: str
    at: str


class VisitorHistory(BaseModel):
    thread_id: str
    status: ThreadStatus
    messages: list[VisitorMessage]


def visitor_history(platform: Platform, query: VisitorHistoryQuery) -> VisitorHistory:
    """New customer-visible messages (staff replies included), never traces."""
    from shared.platform.errors import NotFoundError

    thread = threads.get_thread(platform.store, query.thread_id)
    if thread.channel != "web" or thread.handle != query.session_id:
        raise NotFoundError("unknown_thread", f"no conversation {query.thread_id!r}")
    messages = [
        VisitorMessage(seq=m.seq, author=m.author, text=m.text, at=m.at.isoformat())
        for m in threads.history(platform.store, thread.id, limit=TRANSCRIPT_LIMIT)
        if m.seq > query.after_seq and m.author in ("customer", "ai", "staff") and m.text
    ]
    return VisitorHistory(thread_id=thread.id, status=thread.status, messages=messages)
