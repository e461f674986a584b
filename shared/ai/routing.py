"""What the turn needs from routing and extraction, in one place.

The intent router (embeddings) picks the agent, emotion and must-escalate reason; the
offline extractor tells whether a message carried any booking detail and what to remember.
Both are built once per process and share the one MiniLM embedder.
"""

from __future__ import annotations

import functools
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from shared.ai.router import AGENTS, IntentRouter, Route
from shared.customers.memory import DATED_OCCASIONS, Memory

if TYPE_CHECKING:
    from shared.pricing.models import PriceBook


def embedder() -> Any:
    from shared.ai.knowledge.base import embedder as shared_embedder

    return shared_embedder()


@functools.cache
def _router() -> IntentRouter:
    return IntentRouter(embedder=embedder())


@functools.lru_cache(maxsize=4)
def _extended(extra: tuple[tuple[str, str], ...]) -> IntentRouter:
    return IntentRouter(embedder=embedder(), extra=extra)


def route(
    text: str, threshold: float | None = None, extra: tuple[tuple[str, str], ...] = ()
) -> Route:
    """`extra` (agent, text) exemplars, from the turn's configuration, join the shipped ones
    (a router per set, built once: a few versions are live at most)."""
    if not extra:
        return _router().route(text, threshold)
    router = _extended(extra)
    router.llm_fallback = _router().llm_fallback  # one LLM wiring for every router
    return router.route(text, threshold)


CLASSIFY_PROMPT = (
    "Classify the customer's message for a private hibachi chef business into exactly one "
    "of these agents and answer with the agent name only: lead (prices, quotes, packages), "
    "operations (booking, availability, reschedule, cancel, logistics), knowledge (policies, "
    "FAQ), menu (proteins, dishes, upgrades), allergen (allergies, dietary needs), distance "
    "(travel fee, service area), care (complaints, refunds, problems)."
)


def use_llm_for_unsure_routes(provider: Any) -> None:
    """Let an LLM pick the agent when the embedding router is unsure (below threshold)."""
    from shared.ai.providers.base import Message, ProviderError

    def classify(text: str, guess: Route) -> str | None:
        try:
            answer = provider.complete(
                [Message("system", CLASSIFY_PROMPT), Message("user", text)], max_tokens=5
            )
        except ProviderError:
            return None
        name = answer.text.strip().lower().strip(".")
        return name if name in AGENTS else None

    _router().llm_fallback = classify


def trace(decision: Route) -> dict[str, Any]:
    return asdict(decision)


_VOCABULARIES: dict[str, tuple[dict[str, str], dict[str, str], tuple[str, ...]]] = {}


def _vocabulary(book: PriceBook) -> tuple[dict[str, str], dict[str, str], tuple[str, ...]]:
    """Names customers use for proteins and add-ons, from the published price book (an
    alias an owner adds is understood at once), built once per book version."""
    from shared.pricing.models import normalise_name

    if book.version not in _VOCABULARIES:
        proteins = {
            normalise_name(n): k for k, p in book.proteins.items() for n in (k, p.label, *p.aliases)
        }
        addons = {
            normalise_name(n): k for k, a in book.addons.items() for n in (k, a.label, *a.aliases)
        }
        _VOCABULARIES[book.version] = (proteins, addons, tuple(book.ambiguous_proteins))
    return _VOCABULARIES[book.version]


def published_book(store: Any) -> PriceBook:
    from shared.pricing import store as price_books

    return price_books.current(store)


def extraction(text: str, today: date, book: PriceBook) -> Any:
    """Cached per (text, day, price-book version): a turn asks about its message several
    times (an Extraction is immutable, so it is shared)."""
    _vocabulary(book)
    return _extraction(text, today, book.version)


@functools.lru_cache(maxsize=1024)
def _extraction(text: str, today: date, version: str) -> Any:
    from shared.ai.offline.extract import extract

    proteins, addons, ambiguous = _VOCABULARIES[version]
    return extract(
        text,
        today=today,
        known_proteins=proteins,
        known_addons=addons,
        ambiguous_proteins=ambiguous,
    )


def clear_extraction_cache() -> None:
    """For the bench: every measured conversation pays for its own extraction."""
    _extraction.cache_clear()


def memory_from(text: str, today: date, book: PriceBook) -> Memory:
    found = extraction(text, today, book)
    counted = [found.adults, found.children, found.toddlers]
    size = sum(c or 0 for c in counted) or found.guests
    return Memory(
        usual_party_size=size or None,
        proteins=sorted(found.proteins),
        dietary=sorted(set(found.allergens) | set(found.dietary)),
        zipcode=found.zipcode,
        important_dates=(
            {found.occasion: found.event_date}
            if found.occasion in DATED_OCCASIONS and found.event_date
            else {}
        ),
    )
