"""Meta channels: WhatsApp, Messenger and Instagram share one verified webhook and the Graph API."""

from shared.platform.errors import Unavailable
from shared.platform.secrets import SecretNotFound, SecretStore


def secret(secrets: SecretStore, name: str) -> str:
    """A Meta credential; unset is our configuration's fault: 503, so Meta or the task retries."""
    try:
        return secrets.get(name)
    except SecretNotFound:
        raise Unavailable("meta_not_configured", f"secret {name} is not set") from None
