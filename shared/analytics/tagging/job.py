"""The nightly `tag-conversations` job: read recent conversations, decide which quoted and
did not book within `loss_after_days`, tag each, and publish the result as analytics
events (`conversation_tag`, `loss`, `objection`).

Every event id comes from what it describes (the thread, the message, the tag and the
state the thread was read in), and every time from the conversation, never from the run,
so running the job twice publishes the same events and the sinks keep one of each. A
thread is looked at while it could still change (its last message is within
`loss_after_days` plus a week of missed runs) and read again only when it did: one whose
outcome tag for its current state is already stored is skipped, so a configured LLM
reads each state of a conversation once, not every night.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypedDict

from pydantic import BaseModel, Field, TypeAdapter

from shared.ai.providers.base import LLM_TIERS
from shared.analytics.sql import render
from shared.analytics.store import ANALYTICS
from shared.analytics.tagging import llm, rules
from shared.analytics.tagging.model import Conversation, Reading, Said, Tag
from shared.booking.records import BOOKINGS
from shared.conversation import store as threads
from shared.conversation.store import ChatMessage, Thread, ThreadStatus
from shared.platform import analytics as a
from shared.platform.docstore import Direction, DocumentStore, Filter, Op, Order
from shared.platform.scrub import Scrubber
from shared.platform.services import Platform

QUOTE_TOOL = "calculate_party_quote"
MISSED_RUNS = timedelta(days=7)
MAX_MESSAGES = 500
PAGE = 100
_WHEN = TypeAdapter(datetime)
_SCRUB = Scrubber().scrub

Reader = Callable[[Conversation], Reading]

READ_STATES = """
SELECT DISTINCT event_id FROM {events}
WHERE kind = 'conversation_tag' AND tag_family = 'outcome' AND occurred_at >= {p:since}
"""


class TagRun(BaseModel):
    """What one run read and published (events, by kind)."""

    conversations: int = Field(default=0, description="Read and published")
    unchanged: int = Field(default=0, description="Already read as they stand (or empty)")
    lost: int = 0
    objections: int = 0
    tags: int = 0
    by_llm: int = 0


def _quote(message: ChatMessage) -> tuple[int, str | None] | None:
    """The total (and market) a reply priced, if it priced the party."""
    for call in (message.trace or {}).get("tool_calls") or ():
        result = call.get("result") or {}
        if call.get("name") == QUOTE_TOOL and "total_cents" in result:
            return int(result["total_cents"]), result.get("market")
    return None


def _created(docs: list[Any]) -> list[datetime]:
    return sorted(_WHEN.validate_python(d.data["created_at"]) for d in docs)


def _recent(store: DocumentStore, since: datetime) -> Iterator[Thread]:
    """Threads active since `since`, a page at a time."""
    after = None
    while True:
        page = store.query(
            threads.THREADS,
            [Filter("last_message_at", Op.GE, since)],
            order_by=[Order("last_message_at", Direction.ASC)],
            limit=PAGE,
            start_after=after,
        )
        for doc in page:
            yield Thread.model_validate(doc.data | {"id": doc.id})
        if len(page) < PAGE:
            return
        after = page[-1]


def _already_read(platform: Platform, since: datetime) -> set[str]:
    """The outcome-tag ids of every thread state the sinks already hold since `since`."""
    store = platform.adapter(ANALYTICS)
    rows = store.query(render(READ_STATES, store.dialect), {"since": since})
    return {str(r["event_id"]) for r in rows}


def _reader(platform: Platform) -> Reader:
    provider = platform.adapter(LLM_TIERS)
    if provider is None:
        return rules.read
    return lambda conversation: llm.read(provider, conversation)


def _outcome(record: _Record) -> str:
    if record.booked:
        return "booked"
    if record.lost:
        return "lost"
    return "escalated" if record.thread.status != ThreadStatus.AI else "pending"


def _facts(record: _Record, reading: Reading) -> list[Tag]:
    """The families read from records: the outcome, and a returning customer."""
    tags = [Tag(family="outcome", tag=_outcome(record), confidence=1.0)]
    said = {t.tag for t in reading.tags if t.family == "behaviour"}
    if record.returning:
        tags.append(Tag(family="behaviour", tag="returning", confidence=1.0))
    elif not said & {"first_time", "returning"}:
        tags.append(Tag(family="behaviour", tag="first_time", confidence=0.6))
    return tags


def _answer(messages: list[ChatMessage], index: int) -> str | None:
    """Our next reply after message `index`, if one came before the customer spoke again."""
    for m in messages[index + 1 :]:
        if m.author in ("ai", "staff"):
            return m.text
        if m.author == "customer":
            return None
    return None


class _Common(TypedDict):
    thread_id: str
    channel: str
    customer_id: str | None
    market: str | None


@dataclass(frozen=True)
class _Record:
    """One thread's messages and the facts the job reads around them."""

    thread: Thread
    messages: list[ChatMessage]
    quotes: list[tuple[datetime, int, str | None]]  # when, total, market
    booked: list[datetime]  # the thread's bookings, when made
    returning: bool  # the customer booked before this thread began
    deadline: datetime | None  # first quote + loss_after_days
    lost: bool

    @property
    def common(self) -> _Common:
        return _Common(
            thread_id=self.thread.id,
            channel=self.thread.channel,
            customer_id=self.thread.customer_id,
            market=self.quotes[-1][2] if self.quotes else None,
        )

    @property
    def state(self) -> str:
        """The state the thread is read in: its last message, and whether it is lost."""
        return f"{self.thread.id}:{self.messages[-1].id}:{'lost' if self.lost else 'open'}"

    def tag_id(self, family: str, tag: str) -> str:
        return a.event_id("conversation_tag", f"{self.state}:{family}:{tag}")

    def conversation(self) -> Conversation:
        return Conversation(
            thread_id=self.thread.id,
            messages=[Said(id=m.id, author=m.author, text=m.text, at=m.at) for m in self.messages],
            quoted_at=self.quotes[0][0] if self.quotes else None,
            lost_at=self.deadline if self.lost else None,
        )


def _record(platform: Platform, thread: Thread, now: datetime) -> _Record | None:
    store = platform.store
    messages = threads.history(store, thread.id, limit=MAX_MESSAGES)
    if not messages:
        return None
    quotes = [(m.at, *priced) for m in messages if m.author == "ai" and (priced := _quote(m))]
    booked = _created(store.query(BOOKINGS, [Filter.eq("origin_thread_id", thread.id)]))
    days = timedelta(days=platform.settings.loss_after_days)
    deadline = quotes[0][0] + days if quotes else None
    by_customer = (
        _created(store.query(BOOKINGS, [Filter.eq("customer_id", thread.customer_id)]))
        if thread.customer_id
        else []
    )
    return _Record(
        thread=thread,
        messages=messages,
        quotes=quotes,
        booked=booked,
        returning=any(b < thread.created_at for b in by_customer),
        deadline=deadline,
        lost=deadline is not None and deadline <= now and not [b for b in booked if b < deadline],
    )


def _words(record: _Record, reading: Reading) -> list[Tag]:
    """The reading's tags, less a first-time/returning guess the bookings settle."""
    settled = ("first_time", "returning") if record.returning else ()
    return [t for t in reading.tags if t.tag not in settled]


def _tag_rows(record: _Record, reading: Reading) -> list[a.AnalyticsRow]:
    """The reading's tags plus the facts', as of the state the thread was read in, so a
    changed thread is tagged anew."""
    last = record.messages[-1]
    as_of = max(last.at, record.deadline) if record.lost and record.deadline else last.at
    return [
        a.ConversationTag(
            event_id=record.tag_id(tag.family, tag.tag),
            occurred_at=as_of,
            tag_family=tag.family,
            tag=tag.tag,
            confidence=tag.confidence,
            tagger=reading.tagger,
            **record.common,
        )
        for tag in [*_words(record, reading), *_facts(record, reading)]
    ]


def _loss_row(record: _Record, reading: Reading) -> list[a.AnalyticsRow]:
    if not (record.lost and record.deadline and reading.loss):
        return []
    said = {m.id: m.text for m in record.messages}
    evidence = said[reading.loss.evidence_id] if reading.loss.evidence_id else None
    return [
        a.Loss(
            event_id=a.event_id("loss", record.thread.id),
            occurred_at=record.deadline,
            tag=reading.loss.reason,
            evidence=_SCRUB(evidence) if evidence else None,
            sentiment=reading.sentiment,
            confidence=reading.loss.confidence,
            amount_cents=record.quotes[0][1],
            tagger=reading.tagger,
            **record.common,
        )
    ]


def _objection_rows(record: _Record, reading: Reading) -> list[a.AnalyticsRow]:
    index = {m.id: i for i, m in enumerate(record.messages)}
    rows: list[a.AnalyticsRow] = []
    for raised in reading.objections:
        at = index[raised.message_id]
        message, answer = record.messages[at], _answer(record.messages, at)
        rows.append(
            a.Objection(
                event_id=a.event_id("objection", f"{message.id}:{raised.objection}"),
                occurred_at=message.at,
                tag=raised.objection,
                evidence=_SCRUB(message.text),
                answer=_SCRUB(answer) if answer else None,
                tagger=reading.tagger,
                **record.common,
            )
        )
    return rows


def events_of(
    platform: Platform, thread: Thread, read: Reader, now: datetime, done: set[str]
) -> tuple[list[a.AnalyticsRow], Reading | None]:
    """The thread's events as read now; none for a thread with no messages or one already
    read in its current state (`done`: so an LLM is asked once per state, not nightly)."""
    record = _record(platform, thread, now)
    if record is None or record.tag_id("outcome", _outcome(record)) in done:
        return [], None
    reading = read(record.conversation())
    rows = _tag_rows(record, reading) + _loss_row(record, reading)
    return rows + _objection_rows(record, reading), reading


def run(platform: Platform, read: Reader | None = None) -> TagRun:
    """Tag every conversation that may still change and publish its events."""
    now = platform.clock.now()
    read = read or _reader(platform)
    since = now - timedelta(days=platform.settings.loss_after_days) - MISSED_RUNS
    done = _already_read(platform, since)
    result = TagRun()
    for thread in _recent(platform.store, since):
        rows, reading = events_of(platform, thread, read, now, done)
        if reading is None:
            result.unchanged += 1
            continue
        result.conversations += 1
        result.by_llm += reading.tagger == "llm"
        result.lost += sum(r.kind == "loss" for r in rows)
        result.objections += sum(r.kind == "objection" for r in rows)
        result.tags += sum(r.kind == "conversation_tag" for r in rows)
        for row in rows:
            a.emit(platform.bus, row)
    return result
