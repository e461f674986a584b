"""Email: a webhook for inbound mail, SMTP with TLS out, replies threaded in the mailbox."""

from shared.platform.errors import Unavailable
from shared.platform.secrets import SecretNotFound, SecretStore


def secret(secrets: SecretStore, name: str) -> str:
    """An email credential; unset is our configuration's fault: 503, so the caller retries."""
    try:
        return secrets.get(name)
    except SecretNotFound:
        raise Unavailable("email_not_configured", f"secret {name} is not set") from None
