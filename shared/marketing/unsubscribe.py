"""Unsubscribe links: a signed token naming the customer (and the campaign it came in), the
page a browser shows, and the one-click POST mail clients make (RFC 8058).

The token never expires (CAN-SPAM wants a link to work for at least 30 days after the send;
an old newsletter's link should simply keep working) and carries no address, so a
forwarded email cannot reveal whose it was. Unsubscribing withdraws marketing consent on
every channel at once, like a STOP.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import jwt
from pydantic import BaseModel, Field

from shared.customers import consent
from shared.platform.config import Settings
from shared.platform.errors import BadRequest, ConfigError
from shared.platform.services import Platform

SECRET = "jwt-signing-key"
AUDIENCE = "myhibachi-unsubscribe"
PATH = "/unsubscribe"


class UnsubscribeQuery(BaseModel):
    token: str = Field(min_length=1, max_length=2000, description="From the email's link")


def token(customer_id: str, campaign_id: str, *, key: str) -> str:
    return jwt.encode(
        {"sub": customer_id, "cmp": campaign_id, "aud": AUDIENCE}, key, algorithm="HS256"
    )


def url(settings: Settings, link_token: str) -> str:
    """The https link for List-Unsubscribe (RFC 8058 requires https; only local runs, which
    send nothing, may use the dev server's http address)."""
    base = settings.base_url
    if settings.is_prod and not base.startswith("https://"):
        raise ConfigError("unsubscribe links need an https HIBACHI_FUNCTION_BASE_URL")
    return f"{base}{PATH}?{urlencode({'token': link_token})}"


def _claims(platform: Platform, link_token: str | None) -> tuple[str, str]:
    if not link_token:
        raise BadRequest("missing_token", "this unsubscribe link has no token")
    try:
        claims = jwt.decode(
            link_token, platform.secrets.get(SECRET), algorithms=["HS256"], audience=AUDIENCE
        )
    except jwt.InvalidTokenError as exc:
        raise BadRequest("invalid_token", "this unsubscribe link is not valid") from exc
    return str(claims["sub"]), str(claims.get("cmp", ""))


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title></head><body><main><h1>{html.escape(title)}</h1>"
        f"{body}</main></body></html>"
    )


def confirm_page(platform: Platform, link_token: str) -> str:
    """GET: ask first (mail scanners follow links; only the POST unsubscribes)."""
    _claims(platform, link_token)
    action = html.escape(f"?{urlencode({'token': link_token})}")  # this same page
    return _page(
        "Unsubscribe from MyHibachi",
        "<p>Stop all MyHibachi marketing texts and emails? Messages about a booking you"
        " already made still reach you.</p>"
        f'<form method="post" action="{action}">'
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
        '<button type="submit">Unsubscribe</button></form>',
    )


def unsubscribe(platform: Platform, link_token: str | None) -> str:
    """POST (one-click or the page's button): opt the customer out everywhere."""
    customer_id, campaign_id = _claims(platform, link_token)
    consent.opt_out(
        platform.store,
        customer_id,
        source=f"email:unsubscribe:{campaign_id}",
        now=platform.clock.now(),
    )
    return _page(
        "You're unsubscribed",
        "<p>You will get no more MyHibachi marketing texts or emails.</p>",
    )
