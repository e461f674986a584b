"""Mint a local admin bearer token: `make token` or `make token ARGS="--roles staff"`."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from shared.auth import tokens
from shared.platform.clock import SystemClock
from shared.platform.config import Settings
from shared.platform.services import local_secrets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subject", default="local-admin")
    parser.add_argument("--roles", default="owner", help="comma-separated roles")
    parser.add_argument("--hours", type=float, default=8.0)
    args = parser.parse_args(argv)
    config = Settings()
    if config.is_prod:
        print("refusing to mint tokens for HIBACHI_ENV=prod", file=sys.stderr)
        return 2
    key = local_secrets().get(tokens.SIGNING_KEY_SECRET)
    print(
        tokens.mint(
            subject=args.subject,
            roles=[r.strip() for r in args.roles.split(",") if r.strip()],  # type: ignore[misc]
            key=key,
            settings=config,
            now=SystemClock().now(),
            ttl=timedelta(hours=args.hours),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
