"""What the admin price-book screen reads and sends."""

from __future__ import annotations

from pydantic import BaseModel

from shared.platform.docstore import DocumentStore
from shared.pricing import store as price_books
from shared.pricing.models import PriceBook


class PriceBookState(BaseModel):
    current: PriceBook
    versions: list[price_books.PriceBookVersion]


class PublishRequest(BaseModel):
    book: PriceBook


def state(store: DocumentStore) -> PriceBookState:
    return PriceBookState(current=price_books.current(store), versions=price_books.versions(store))
