"""Published price books: immutable versions in the store plus a pointer to the current one.

Every quote records the version it used; publishing a new version is a transaction that
creates it, moves the pointer and writes the audit entry together, with no deploy
(shared.platform.versioned).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from shared.platform.docstore import DocumentStore
from shared.platform.versioned import VersionedDocuments
from shared.pricing.models import PriceBook
from shared.pricing.price_book import default_price_book

COLLECTION = "price_books"
PRICE_BOOKS = VersionedDocuments(
    collection=COLLECTION,
    entity="price_book",
    label="price book",
    model=PriceBook,
    body="book",
    default=default_price_book,
)


class PriceBookVersion(BaseModel):
    version: str
    published_at: datetime
    published_by: str
    current: bool = False


def get(store: DocumentStore, version: str) -> PriceBook:
    return PRICE_BOOKS.get(store, version)


def current(store: DocumentStore) -> PriceBook:
    return PRICE_BOOKS.current(store)


def publish(store: DocumentStore, book: PriceBook, *, actor: str, now: datetime) -> PriceBook:
    """Make `book` current; its version must be new (versions are never rewritten)."""
    return PRICE_BOOKS.publish(store, book, actor=actor, now=now)


def versions(store: DocumentStore) -> list[PriceBookVersion]:
    return [
        PriceBookVersion.model_validate(v.model_dump(exclude={"document"}))
        for v in PRICE_BOOKS.versions(store)
    ]


def seed(store: DocumentStore, now: datetime) -> str:
    return f"price book {PRICE_BOOKS.seed(store, now)}"
