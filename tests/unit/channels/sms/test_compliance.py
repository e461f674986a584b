"""STOP/START/HELP: keywords as whole messages, one confirmation, opted-out numbers silent."""

from __future__ import annotations

import pytest

from shared.ai.inbound import InboundEvent
from shared.channels import outbound
from shared.channels.outbound import OutboundMessage
from shared.channels.sms import compliance
from shared.conversation import store as threads
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from tests.support.fake_ringcentral import SMS_PATH, FakeRingCentral

CUSTOMER = "+12135550142"


def _text(platform: Platform, text: str, message_id: str) -> compliance.KeywordResult | None:
    """What the webhook does with an inbound text that may be a keyword."""
    action = compliance.keyword_of(platform, CUSTOMER, text)
    if action is None:
        return None
    event = InboundEvent(channel="sms", sender=CUSTOMER, text=text, provider_message_id=message_id)
    return compliance.handle(platform, event, action)


def _queued(platform: Platform) -> list[OutboundMessage]:
    return [
        OutboundMessage.model_validate(t.data["body"])
        for t in platform.store.query(TASKS)
        if t.data["target"] == outbound.FUNCTION
    ]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("STOP", "stop"),
        (" stop. ", "stop"),
        ("Stop!", "stop"),
        ("STOPALL", "stop"),
        ("unsubscribe", "stop"),
        ("Cancel", "stop"),
        ("end", "stop"),
        ("QUIT", "stop"),
        ("start", "start"),
        ("UNSTOP", "start"),
        ("help", "help"),
        ("Info", "help"),
        ("please stop by at 6", None),
        ("can I cancel my booking?", None),
        ("yes", None),  # answers the AI unless the number is opted out
        ("help me book a party", None),
    ],
)
def test_keywords_are_whole_messages(platform: Platform, text: str, action: str | None) -> None:
    assert compliance.keyword_of(platform, CUSTOMER, text) == action


def test_stop_opts_out_and_confirms_once(platform: Platform) -> None:
    first = _text(platform, "STOP", "m1")
    assert first == compliance.KeywordResult("stop", replied=True)
    record = platform.store.get(compliance.OPT_OUTS, CUSTOMER)
    assert record is not None and record["opted_out"] and record["at"] == platform.clock.now()
    assert _text(platform, "STOP", "m1") == compliance.KeywordResult("stop", replied=False)
    assert _text(platform, "quit", "m2") == compliance.KeywordResult("stop", replied=False)
    [confirmation] = _queued(platform)
    assert confirmation.text == compliance.STOP_REPLY
    assert confirmation.to == CUSTOMER and confirmation.channel == "sms"
    history = threads.history(platform.store, confirmation.thread_id)
    assert [(m.author, m.text) for m in history] == [
        ("customer", "STOP"),
        ("system", compliance.STOP_REPLY),
        ("customer", "quit"),
    ]


def test_yes_resubscribes_only_an_opted_out_number(platform: Platform) -> None:
    assert _text(platform, "yes", "m1") is None
    _text(platform, "STOP", "m2")
    assert _text(platform, "Yes", "m3") == compliance.KeywordResult("start", replied=True)
    assert not compliance.is_opted_out(platform, CUSTOMER)
    assert [m.text for m in _queued(platform)] == [compliance.STOP_REPLY, compliance.START_REPLY]


def test_help_names_the_business_and_how_to_stop(platform: Platform) -> None:
    _text(platform, "HELP", "m1")
    [answer] = _queued(platform)
    assert "MyHibachi" in answer.text and "STOP" in answer.text
    assert not compliance.is_opted_out(platform, CUSTOMER)


def _reply(platform: Platform, author: str, text: str) -> OutboundMessage:
    thread_id = threads.thread_id_for("sms", CUSTOMER)
    threads.open_thread(
        platform.store, channel="sms", handle=CUSTOMER, customer_id=None, now=platform.clock.now()
    )
    stored = threads.append(
        platform.store,
        thread_id,
        author=author,
        text=text,
        now=platform.clock.now(),  # type: ignore[arg-type]
    )
    assert stored is not None
    return OutboundMessage(
        channel="sms", to=CUSTOMER, text=text, thread_id=thread_id, message_id=stored.id
    )


def _deliver_queued(platform: Platform) -> list[str]:
    statuses = [outbound.deliver(platform, m).status for m in _queued(platform)]
    for task in platform.store.query(TASKS):
        platform.store.delete(TASKS, task.id)
    return statuses


def test_opted_out_numbers_get_nothing_but_their_keyword_answers(
    live: Platform, rc: FakeRingCentral
) -> None:
    _text(live, "STOP", "m1")
    assert _deliver_queued(live) == ["sent"]  # the one confirmation
    ai = outbound.deliver(live, _reply(live, "ai", "We have Saturday at 6pm open!"))
    staff = outbound.deliver(live, _reply(live, "staff", "Hi, it's Kim from MyHibachi."))
    assert (ai.status, ai.reason) == ("suppressed", "sms_opted_out")
    assert (staff.status, staff.reason) == ("suppressed", "sms_opted_out")
    _text(live, "HELP", "m2")
    assert _deliver_queued(live) == ["sent"]  # HELP works whatever the opt-in state (CTIA)
    assert [t["text"] for t in rc.texts] == [compliance.STOP_REPLY, compliance.HELP_REPLY]
    _text(live, "START", "m3")
    assert _deliver_queued(live) == ["sent"]
    assert outbound.deliver(live, _reply(live, "ai", "Welcome back!")).status == "sent"
    assert [t["text"] for t in rc.texts][2:] == [compliance.START_REPLY, "Welcome back!"]
    assert len(rc.requests_to("POST", SMS_PATH)) == 4  # nothing suppressed reached RingCentral
