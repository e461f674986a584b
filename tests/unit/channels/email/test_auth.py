"""The inbound-mail token: Bearer, or Basic with the token as password; nothing else."""

from __future__ import annotations

import base64

import pytest

from shared.channels.email.auth import check
from shared.platform.env_secrets import EnvSecrets
from shared.platform.errors import Unauthorized, Unavailable

TOKEN = "inbound-token-789"
SECRETS = EnvSecrets(environ={"EMAIL_INBOUND_TOKEN": TOKEN})


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize("header", [f"Bearer {TOKEN}", f"bearer  {TOKEN} ", basic("in", TOKEN)])
def test_the_token_is_accepted(header: str) -> None:
    check(SECRETS, header)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer wrong",
        f"Bearer {TOKEN}x",
        f"Token {TOKEN}",
        basic(TOKEN, "wrong"),
        "Basic not-base64!",
    ],
)
def test_anything_else_is_401(header: str | None) -> None:
    with pytest.raises(Unauthorized):
        check(SECRETS, header)


def test_an_unset_token_is_503_not_open() -> None:
    with pytest.raises(Unavailable):
        check(EnvSecrets(environ={}), "Bearer ")
