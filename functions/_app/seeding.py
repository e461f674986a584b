"""Demo data for an empty local store; each domain adds its seeder to SEEDERS."""

from __future__ import annotations

from collections.abc import Callable

from shared.platform.services import Platform

META = ("_meta", "seed")

Seeder = Callable[[Platform], str]


def _markets(platform: Platform) -> str:
    from shared.pricing.markets import seed

    return seed(platform.store, platform.clock.now())


def _chefs(platform: Platform) -> str:
    from shared.booking.catalog import seed

    return seed(platform.store, platform.clock.now())


def _price_book(platform: Platform) -> str:
    from shared.pricing.store import seed

    return seed(platform.store, platform.clock.now())


def _ai_config(platform: Platform) -> str:
    from shared.ai.config.store import seed

    return seed(platform.store, platform.clock.now())


def _knowledge(platform: Platform) -> str:
    from shared.ai.knowledge.base import seed

    return seed(platform.store, platform.vectors, platform.clock.now())


def _google_reviews(platform: Platform) -> str:
    from shared.growth.gbp_local import seed

    return seed(platform.store, platform.clock.now())


SEEDERS: list[Seeder] = [_markets, _chefs, _price_book, _ai_config, _knowledge, _google_reviews]


def seed_if_empty(platform: Platform) -> list[str]:
    """Run every seeder once per store; returns what was seeded ([] if already seeded)."""
    if platform.store.get(*META) is not None:
        return []
    done = [seeder(platform) for seeder in SEEDERS]
    platform.store.set(*META, {"seeded_at": platform.clock.now(), "seeded": done})
    return done
