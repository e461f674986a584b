"""Published price books: immutable versions in the store plus a pointer to the current one.

Every quote records the version it used; publishing a new version is a transaction that
creates it, moves the pointer and writes the audit entry together, with no deploy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from shared.platform import audit
from shared.platform.docstore import AlreadyExists, Direction, DocumentStore, Order, Transaction
from shared.platform.errors import Conflict, NotFoundError
from shared.pricing.models import PriceBook
from shared.pricing.price_book import default_price_book

COLLECTION = "price_books"
POINTER = ("_meta", "price_book")

_parsed: dict[str, PriceBook] = {}  # versions are immutable, so parsing once is safe


class PriceBookVersion(BaseModel):
    version: str
    published_at: datetime
    published_by: str
    current: bool = False


def _parse(version: str, data: dict[str, Any]) -> PriceBook:
    if version not in _parsed:
        _parsed[version] = PriceBook.model_validate(data["book"])
    return _parsed[version]


def get(store: DocumentStore, version: str) -> PriceBook:
    if version in _parsed:  # published versions are never rewritten or deleted
        return _parsed[version]
    data = store.get(COLLECTION, version)
    if data is None:
        raise NotFoundError("unknown_price_book", f"no price book version {version!r}")
    return _parse(version, data)


def current(store: DocumentStore) -> PriceBook:
    pointer = store.get(*POINTER)
    if pointer is None:
        return default_price_book()
    return get(store, pointer["version"])


def publish(store: DocumentStore, book: PriceBook, *, actor: str, now: datetime) -> PriceBook:
    """Make `book` current; its version must be new (versions are never rewritten)."""

    def attempt(tx: Transaction) -> None:
        pointer = tx.get(*POINTER)
        if tx.get(COLLECTION, book.version) is not None:
            raise Conflict("price_book_version_exists", f"version {book.version} already exists")
        tx.create(
            COLLECTION,
            book.version,
            {"book": book.model_dump(mode="json"), "published_at": now, "published_by": actor},
        )
        tx.set(*POINTER, {"version": book.version})
        audit.record(
            tx,
            actor=actor,
            action="price_book.publish",
            entity="price_book",
            entity_id=book.version,
            now=now,
            before={"version": pointer["version"]} if pointer else None,
            after={"version": book.version},
        )

    try:
        store.run_transaction(attempt)
    except AlreadyExists as exc:
        raise Conflict("price_book_version_exists", str(exc)) from exc
    return book


def versions(store: DocumentStore) -> list[PriceBookVersion]:
    pointer = store.get(*POINTER) or {}
    docs = store.query(COLLECTION, order_by=[Order("published_at", Direction.DESC)])
    return [
        PriceBookVersion(
            version=d.id,
            published_at=d.data["published_at"],
            published_by=d.data["published_by"],
            current=d.id == pointer.get("version"),
        )
        for d in docs
    ]


def seed(store: DocumentStore, now: datetime) -> str:
    if store.get(*POINTER) is None:
        publish(store, default_price_book(), actor="seed", now=now)
    return f"price book {current(store).version}"
