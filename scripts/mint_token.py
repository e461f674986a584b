"""Mint a local admin bearer token: `make token` or `make token ARGS="--roles staff"`."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from functions._app.container import local_secrets
from shared.auth import tokens
from shared.platform.clock import SystemClock
from shared.platform.config import Settings
from shared.platform.principal import Role


def local_token(roles: list[Role], subject: str = "local-admin", hours: float = 8.0) -> str:
    """A token the local runtime accepts (signed with the local `jwt-signing-key`)."""
    config = Settings()
    if config.is_prod:
        raise SystemExit("refusing to mint tokens for HIBACHI_ENV=prod")
    return tokens.mint(
        subject=subject,
        roles=roles,
        key=local_secrets().get(tokens.SIGNING_KEY_SECRET),
        settings=config,
        now=SystemClock().now(),
        ttl=timedelta(hours=hours),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subject", default="local-admin")
    parser.add_argument("--roles", default="owner", help="comma-separated roles")
    parser.add_argument("--hours", type=float, default=8.0)
    args = parser.parse_args(argv)
    roles = [r.strip() for r in args.roles.split(",") if r.strip()]
    print(local_token(roles, args.subject, args.hours))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
