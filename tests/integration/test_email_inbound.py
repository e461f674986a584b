"""Inbound email end to end: token auth, the customer's new text to the AI, the reply
through the outbound task as a threaded .eml, one conversation per sender address."""

from __future__ import annotations

import base64
import json
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest

from functions._app.runtime.app import InProcessDeliverer
from shared.channels.outbound import OUTBOX
from shared.conversation import store as threads
from shared.platform.tasks.local import LocalTaskRunner
from tests.support.analytics_tasks import run_due_besides_analytics

TOKEN = "inbound-mail-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ADDRESS = "jane@example.com"
QUESTION = "How much for 20 adults on Dec 5 in 90012?"


@pytest.fixture(autouse=True)
def configured(api, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EMAIL_INBOUND_TOKEN", TOKEN)
    api.platform.settings = api.platform.settings.model_copy(
        update={"email_from_address": "hello@myhibachi.test"}
    )


def post(api: Any, body: dict[str, Any], headers: dict[str, str] = AUTH) -> tuple[int, Any]:
    response = api.client.post("/email-inbound", json=body, headers=headers)
    return response.status_code, response.get_json()


def email(text: str = QUESTION, **fields: Any) -> dict[str, Any]:
    return {
        "from": "Jane Doe <Jane@Example.com>",
        "to": "hello@myhibachi.test",
        "subject": "Hibachi party",
        "text": text,
        "message_id": "<q1@mail.example.com>",
    } | fields


def run_tasks(api: Any) -> int:
    runner = LocalTaskRunner(
        api.platform.store, api.platform.clock, InProcessDeliverer(api.client.application)
    )
    total = 0
    for _ in range(10):
        ran = run_due_besides_analytics(runner, api.platform.store)
        if not ran:
            return total
        total += ran
    raise AssertionError("tasks kept coming")


def sent_mail(api: Any) -> list[EmailMessage]:
    folder = api.platform.settings.data_dir / "mail"
    return [
        message_from_bytes(p.read_bytes(), policy=default)  # type: ignore[misc]
        for p in sorted(folder.glob("*.eml"))
    ]


def conversation(api: Any) -> list[threads.ChatMessage]:
    return threads.history(api.platform.store, threads.thread_id_for("email", ADDRESS))


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"X-Token": TOKEN}],
)
def test_without_the_token_nothing_is_stored(api, headers) -> None:  # type: ignore[no-untyped-def]
    status, problem = post(api, email(), headers)
    assert status == 401 and problem["code"] == "invalid_token"
    assert api.platform.store.query("inbound_raw") == []


def test_basic_auth_from_a_url_works_too(api) -> None:  # type: ignore[no-untyped-def]
    basic = "Basic " + base64.b64encode(f"inbound:{TOKEN}".encode()).decode()
    status, ack = post(api, email(), {"Authorization": basic})
    assert status == 200 and ack["accepted"] is True


def test_email_is_answered_once_with_a_threaded_reply(api) -> None:  # type: ignore[no-untyped-def]
    quoted = f"{QUESTION}\n\nOn Mon, Nov 23, 2026 at 9:00 AM MyHibachi wrote:\n> Hello!\n"
    for _ in range(2):  # the provider retries when it misses our 200
        status, ack = post(api, email(quoted))
        assert status == 200
    assert ack == {
        "accepted": False,
        "reason": "duplicate",
        "thread_id": threads.thread_id_for("email", ADDRESS),
    }
    assert run_tasks(api) == 4  # the AI turn, its shadow scoring, debate check and one send
    customer, reply = conversation(api)
    assert customer.text == f"Hibachi party\n\n{QUESTION}"  # subject first, quote gone
    assert "$1,100" in reply.text
    [record] = api.platform.store.query(OUTBOX)
    assert record.data["channel"] == "email" and record.data["to"] == ADDRESS
    assert record.data["status"] == "recorded"
    [mail] = sent_mail(api)
    assert mail["Subject"] == "Re: Hibachi party"
    assert mail["To"] == ADDRESS and mail["From"] == "MyHibachi <hello@myhibachi.test>"
    assert mail["In-Reply-To"] == "<q1@mail.example.com>"
    assert mail["References"] == "<q1@mail.example.com>"
    assert reply.text in mail.get_content()


def test_sender_name_comes_from_the_from_header(api) -> None:  # type: ignore[no-untyped-def]
    post(api, email())
    run_tasks(api)
    thread = threads.get_thread(api.platform.store, threads.thread_id_for("email", ADDRESS))
    customer = api.platform.store.get("customers", thread.customer_id)
    assert customer is not None and customer["name"] == "Jane Doe"
    assert customer["email"] == ADDRESS


def test_one_conversation_per_address_each_reply_under_its_own_subject(api) -> None:  # type: ignore[no-untyped-def]
    post(api, email("Do you cater weddings?", subject="Weddings"))
    run_tasks(api)
    post(
        api,
        email(
            "Great, and can you do Dec 5?\n\n> Yes we do.",
            **{"from": "jane@EXAMPLE.com", "subject": "RE: Weddings"},
            message_id="<q2@mail.example.com>",
            in_reply_to="<r1@myhibachi.test>",
            references="<q1@mail.example.com> <r1@myhibachi.test>",
        ),
    )
    run_tasks(api)
    post(api, email("Separately: do you do kids' parties?", subject="Kids", message_id="<q3@m>"))
    run_tasks(api)
    messages = conversation(api)
    assert [m.author for m in messages] == ["customer", "ai"] * 3
    assert messages[2].text == "Great, and can you do Dec 5?"  # a reply: no subject line
    assert messages[4].text.startswith("Kids\n\n")
    subjects = {m["In-Reply-To"]: (m["Subject"], m["References"]) for m in sent_mail(api)}
    assert subjects == {
        "<q1@mail.example.com>": ("Re: Weddings", "<q1@mail.example.com>"),
        "<q2@mail.example.com>": (
            "Re: Weddings",
            "<q1@mail.example.com> <r1@myhibachi.test> <q2@mail.example.com>",
        ),
        "<q3@m>": ("Re: Kids", "<q3@m>"),
    }


def test_sendgrid_inbound_parse_form(api) -> None:  # type: ignore[no-untyped-def]
    form = {
        "from": "Jane Doe <jane@example.com>",
        "to": "hello@myhibachi.test",
        "subject": "Re: Hibachi party",
        "text": "Can we make it 25?\n\nOn Tue, MyHibachi wrote:\n> Your quote...",
        "html": "<p>Can we make it 25?</p>",
        "headers": (
            "Message-ID: <sg1@mail.example.com>\nIn-Reply-To: <r1@myhibachi.test>\n"
            "References: <q1@x> <r1@myhibachi.test>\nSubject: Re: Hibachi party\n"
        ),
        "envelope": json.dumps({"to": ["hello@myhibachi.test"], "from": ADDRESS}),
    }
    response = api.client.post("/email-inbound", data=form, headers=AUTH)
    assert response.status_code == 200 and response.get_json()["accepted"] is True
    [raw] = api.platform.store.query("inbound_raw")
    assert raw.data["provider_message_id"] == "<sg1@mail.example.com>"
    assert raw.data["text"] == "Can we make it 25?"
    run_tasks(api)
    [mail] = sent_mail(api)
    assert (
        mail["Subject"] == "Re: Hibachi party" and mail["In-Reply-To"] == "<sg1@mail.example.com>"
    )
    assert mail["References"] == "<q1@x> <r1@myhibachi.test> <sg1@mail.example.com>"


def test_html_only_email_is_read(api) -> None:  # type: ignore[no-untyped-def]
    html = f"<div>{QUESTION}</div><blockquote>old thread</blockquote>"
    status, ack = post(api, email("", html=html, subject=""))
    assert status == 200 and ack["accepted"]
    run_tasks(api)
    assert conversation(api)[0].text == QUESTION


@pytest.mark.parametrize(
    "fields",
    [
        {"from": "MAILER-DAEMON@mail.example.com"},
        {"headers": "Auto-Submitted: auto-replied\n"},
        {"headers": "Precedence: bulk\n"},
        {"from": "MyHibachi <hello@myhibachi.test>"},  # our own mail looping back
    ],
)
def test_automatic_mail_is_acknowledged_and_dropped(api, fields) -> None:  # type: ignore[no-untyped-def]
    status, ack = post(api, email(**fields))
    assert status == 200 and ack["accepted"] is False and ack["reason"] == "auto_reply"
    assert api.platform.store.query("inbound_raw") == [] and run_tasks(api) == 0


def test_nothing_new_to_answer(api) -> None:  # type: ignore[no-untyped-def]
    status, ack = post(api, email("> only the quote", subject="", in_reply_to="<r1@x>"))
    assert status == 200 and ack == {"accepted": False, "reason": "empty", "thread_id": None}


@pytest.mark.parametrize("sender", ["not an address", ""])
def test_an_unreadable_sender_is_422(api, sender) -> None:  # type: ignore[no-untyped-def]
    status, problem = post(api, email(**{"from": sender}))
    assert status == 422 and problem["errors"][0]["field"] in ("from", "from_")
