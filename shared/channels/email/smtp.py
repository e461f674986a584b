"""Send one message over SMTP, always encrypted: STARTTLS (587) or implicit TLS (465).

The certificate is verified against the system CAs (or `smtp_ca_file`); a server that does
not offer STARTTLS is refused rather than spoken to in plain text. Temporary failures (4xx,
network, TLS) raise `Unavailable` so the task retries; a permanent 5xx refusal raises
`BadRequest` (`smtp_rejected`), which dead-letters the reply for staff.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from shared.platform.config import Settings
from shared.platform.errors import AppError, BadRequest, Unavailable

TIMEOUT_S = 30.0


def deliver(settings: Settings, password: str | None, mail: EmailMessage) -> None:
    if not settings.smtp_host or not settings.email_from_address:
        raise Unavailable(
            "email_not_configured", "set HIBACHI_SMTP_HOST and HIBACHI_EMAIL_FROM_ADDRESS"
        )
    cafile = str(settings.smtp_ca_file) if settings.smtp_ca_file else None
    context = ssl.create_default_context(cafile=cafile)
    try:
        client = (
            smtplib.SMTP_SSL(
                settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_S, context=context
            )
            if settings.smtp_tls == "implicit"
            else smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_S)
        )
        with client:
            if settings.smtp_tls == "starttls":
                client.starttls(context=context)
            if settings.smtp_username:
                client.login(settings.smtp_username, password or "")
            client.send_message(mail)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        raise _refusal(min(codes, default=550), "recipient refused") from None
    except smtplib.SMTPResponseException as exc:
        raise _refusal(exc.smtp_code, type(exc).__name__) from None
    except (smtplib.SMTPException, OSError) as exc:  # incl. TLS and certificate errors
        raise Unavailable("smtp_unreachable", f"SMTP: {type(exc).__name__}") from None


def _refusal(code: int, what: str) -> AppError:
    detail = f"SMTP {code}: {what}"
    if 500 <= code < 600 and code not in (530, 535):  # auth failures: fix the secret, retry
        return BadRequest("smtp_rejected", detail)
    return Unavailable("smtp_unavailable", detail)
