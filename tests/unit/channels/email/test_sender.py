"""The email reply: threaded under the email it answers, signed, sent over TLS or kept as .eml."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from shared.channels.email import sender
from shared.channels.email.threads import MailHeaders, save
from shared.channels.outbound import OUTBOX, OutboundMessage, deliver
from shared.conversation import store as threads
from shared.platform.errors import Unavailable
from shared.platform.services import Platform
from tests.support.platform import local_platform
from tests.unit.channels.email.smtp_server import SmtpServer, self_signed_cert

ADDRESS = "jane@example.com"


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    with local_platform(tmp_path, email_from_address="hello@myhibachi.test") as p:
        yield p


def inbound(platform: Platform, message_id: str, subject: str, refs: list[str]) -> str:
    """A customer email stored as the AI turn stores it; returns the thread id."""
    now = platform.clock.now()
    thread = threads.open_thread(
        platform.store, channel="email", handle=ADDRESS, customer_id=None, now=now
    )
    save(
        platform.store,
        MailHeaders(
            address=ADDRESS,
            subject=subject,
            message_id=message_id,
            references=refs,
            received_at=now,
        ),
    )
    threads.append(
        platform.store,
        thread.id,
        author="customer",
        text="q",
        now=now,
        provider_message_id=message_id,
    )
    return thread.id


def answer(
    platform: Platform, thread_id: str, text: str, subject: str | None = None
) -> OutboundMessage:
    stored = threads.append(
        platform.store, thread_id, author="ai", text=text, now=platform.clock.now()
    )
    assert stored is not None
    return OutboundMessage(
        channel="email",
        to=ADDRESS,
        text=text,
        thread_id=thread_id,
        message_id=stored.id,
        subject=subject,
    )


def compose(platform: Platform, message: OutboundMessage) -> EmailMessage:
    return sender.compose(platform, message, sender.format(message))


def test_reply_threads_under_the_email_it_answers(platform) -> None:  # type: ignore[no-untyped-def]
    thread_id = inbound(platform, "<q1@mail.example.com>", "Party on Dec 5", ["<root@x>"])
    message = answer(platform, thread_id, "Your quote is $1,100.")
    mail = compose(platform, message)
    assert mail["Subject"] == "Re: Party on Dec 5"
    assert mail["In-Reply-To"] == "<q1@mail.example.com>"
    assert mail["References"] == "<root@x> <q1@mail.example.com>"
    assert mail["From"] == "MyHibachi <hello@myhibachi.test>" and mail["To"] == ADDRESS
    assert mail["Message-ID"] == f"<{message.message_id}@myhibachi.test>"
    assert mail["Auto-Submitted"] == "auto-replied"
    assert mail.get_content_type() == "text/plain"
    body = mail.get_content()
    assert body.startswith("Your quote is $1,100.\n\n-- \n")
    assert body.rstrip().endswith(platform.settings.email_signature)


def test_each_reply_answers_the_email_before_it(platform) -> None:  # type: ignore[no-untyped-def]
    thread_id = inbound(platform, "<a@x>", "Menu", [])
    first = answer(platform, thread_id, "Here is the menu.")
    inbound(platform, "<b@x>", "Allergies", [])
    second = answer(platform, thread_id, "We can do nut-free.")
    assert (compose(platform, first)["Subject"], compose(platform, first)["In-Reply-To"]) == (
        "Re: Menu",
        "<a@x>",
    )
    assert compose(platform, second)["Subject"] == "Re: Allergies"


def test_the_outbound_subject_wins_and_is_not_re_re(platform) -> None:  # type: ignore[no-untyped-def]
    thread_id = inbound(platform, "<a@x>", "Menu", [])
    mail = compose(platform, answer(platform, thread_id, "Hi", subject="Re: Your booking"))
    assert mail["Subject"] == "Re: Your booking"


def test_a_reply_with_no_email_to_answer_starts_its_own_subject(platform) -> None:  # type: ignore[no-untyped-def]
    thread = threads.open_thread(
        platform.store, channel="email", handle=ADDRESS, customer_id=None, now=platform.clock.now()
    )
    mail = compose(platform, answer(platform, thread.id, "Following up"))
    assert mail["Subject"] == "Your MyHibachi enquiry" and mail["In-Reply-To"] is None


def test_local_delivery_writes_an_eml_file(platform) -> None:  # type: ignore[no-untyped-def]
    thread_id = inbound(platform, "<q1@x>", "Party", [])
    message = answer(platform, thread_id, "See you then.")
    result = deliver(platform, message)
    assert result.status == "recorded"
    path = platform.settings.data_dir / "mail" / f"{message.message_id}.eml"
    written = message_from_bytes(path.read_bytes(), policy=default)
    assert written["Subject"] == "Re: Party" and written["In-Reply-To"] == "<q1@x>"
    assert "See you then." in written.get_content()  # type: ignore[attr-defined]
    [record] = platform.store.query(OUTBOX)
    assert record.data["parts"] == ["See you then."]


def test_production_delivery_goes_over_smtp(platform, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SMTP_PASSWORD", "pw-1")
    cert = self_signed_cert(tmp_path)
    with SmtpServer(cert, users={"mailer": "pw-1"}).running() as server:
        platform.settings = platform.settings.model_copy(
            update={
                "env": "prod",
                "smtp_host": "127.0.0.1",
                "smtp_port": server.port,
                "smtp_username": "mailer",
                "smtp_ca_file": cert[0],
            }
        )
        thread_id = inbound(platform, "<q1@x>", "Party", [])
        message = answer(platform, thread_id, "Booked!")
        result = deliver(platform, message)
    assert result.status == "sent"
    assert result.provider_id == f"<{message.message_id}@myhibachi.test>"
    [got] = server.received
    assert got.tls and got.login == ("mailer", "pw-1") and got.rcpt_to == [ADDRESS]
    assert got.message["In-Reply-To"] == "<q1@x>" and got.message["Subject"] == "Re: Party"
    assert not (platform.settings.data_dir / "mail").exists()


def test_missing_smtp_password_is_unavailable(platform) -> None:  # type: ignore[no-untyped-def]
    platform.settings = platform.settings.model_copy(update={"smtp_username": "mailer"})
    thread_id = inbound(platform, "<q1@x>", "Party", [])
    with pytest.raises(Unavailable, match="smtp-password"):
        sender.send(platform, answer(platform, thread_id, "x"), ["x"])
