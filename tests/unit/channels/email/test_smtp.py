"""SMTP delivery against a loopback server: STARTTLS and implicit TLS with a certificate
made here, login, the MIME received, and how refusals map to retry or dead letter."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from shared.channels.email.smtp import deliver
from shared.platform.config import Settings
from shared.platform.errors import BadRequest, Unavailable
from tests.support.ports import free_port
from tests.unit.channels.email.smtp_server import SmtpServer, self_signed_cert

USER, PASSWORD = "mailer", "smtp-secret-pw"


@pytest.fixture(scope="module")
def cert(tmp_path_factory) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    return self_signed_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def starttls(cert) -> Iterator[SmtpServer]:  # type: ignore[no-untyped-def]
    with SmtpServer(cert, users={USER: PASSWORD}).running() as server:
        yield server


def settings(server: SmtpServer, **changes: object) -> Settings:
    base = Settings(
        env="test",
        smtp_host="127.0.0.1",
        smtp_port=server.port,
        smtp_username=USER,
        smtp_ca_file=server.cert[0],
        email_from_address="hello@myhibachi.test",
    )
    return base.model_copy(update=changes)


def mail(to: str = "jane@example.com") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "MyHibachi <hello@myhibachi.test>"
    message["To"] = to
    message["Subject"] = "Re: Party"
    message["Message-ID"] = "<r1@myhibachi.test>"
    message.set_content("Your quote is $1,100. ¡Gracias!")
    return message


def test_starttls_login_and_message(starttls) -> None:  # type: ignore[no-untyped-def]
    deliver(settings(starttls), PASSWORD, mail())
    [got] = starttls.received
    assert got.tls and got.login == (USER, PASSWORD)
    assert got.mail_from == "hello@myhibachi.test" and got.rcpt_to == ["jane@example.com"]
    assert got.message["Subject"] == "Re: Party"
    assert got.message.get_content().strip() == "Your quote is $1,100. ¡Gracias!"


def test_implicit_tls(cert) -> None:  # type: ignore[no-untyped-def]
    with SmtpServer(cert, implicit_tls=True, users={USER: PASSWORD}).running() as server:
        deliver(settings(server, smtp_tls="implicit"), PASSWORD, mail())
    [got] = server.received
    assert got.tls and got.login == (USER, PASSWORD)


def test_no_login_without_a_username(starttls) -> None:  # type: ignore[no-untyped-def]
    deliver(settings(starttls, smtp_username=None), None, mail())
    assert starttls.received[0].login is None and starttls.received[0].tls


def test_a_server_without_starttls_gets_nothing_in_plain_text(cert) -> None:  # type: ignore[no-untyped-def]
    server = SmtpServer(cert, offer_starttls=False)
    with server.running(), pytest.raises(Unavailable) as caught:
        deliver(settings(server), PASSWORD, mail())
    assert caught.value.code == "smtp_unreachable" and server.received == []


def test_an_untrusted_certificate_is_refused(starttls) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Unavailable) as caught:
        deliver(settings(starttls, smtp_ca_file=None), PASSWORD, mail())
    assert "SSL" in (caught.value.detail or "") and starttls.received == []


def test_wrong_password_is_retried_and_never_echoed(starttls) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Unavailable) as caught:
        deliver(settings(starttls), "not-the-password", mail())
    assert caught.value.code == "smtp_unavailable" and "535" in (caught.value.detail or "")
    assert "not-the-password" not in str(caught.value)


@pytest.mark.parametrize(("code", "raised"), [(550, BadRequest), (450, Unavailable)])
def test_refused_recipient(cert, code, raised) -> None:  # type: ignore[no-untyped-def]
    server = SmtpServer(cert, users={USER: PASSWORD}, refuse_rcpt={"gone@example.com": code})
    with server.running(), pytest.raises(raised):
        deliver(settings(server), PASSWORD, mail("gone@example.com"))
    assert server.received == []


def test_unreachable_or_unconfigured_is_retried(starttls) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Unavailable, match="smtp_unreachable"):
        deliver(settings(starttls, smtp_port=free_port()), PASSWORD, mail())
    with pytest.raises(Unavailable, match="email_not_configured"):
        deliver(settings(starttls, smtp_host=None), PASSWORD, mail())
