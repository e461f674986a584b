"""Document store port with an embedded SQLite adapter and a Firestore adapter."""

from shared.platform.docstore.port import (
    AlreadyExists,
    Direction,
    Document,
    DocumentStore,
    Filter,
    NotFound,
    Op,
    Order,
    StoreError,
    Transaction,
    TransactionFailed,
    WriteBatch,
)

__all__ = [
    "AlreadyExists",
    "Direction",
    "Document",
    "DocumentStore",
    "Filter",
    "NotFound",
    "Op",
    "Order",
    "StoreError",
    "Transaction",
    "TransactionFailed",
    "WriteBatch",
]
