"""The KB's chunks in the vector port, kept in step with the store, and their words.

The store holds every chunk with its vector: it is the truth. The vector index (Vertex AI
Vector Search in prod: persistent, shared by every process; numpy locally: one per
process, empty when it starts) holds the same vectors for the nearest-neighbour query.
Each write updates the index, and marks it (one item in its own namespace) with the KB
version it now holds when it held the one before. A process that meets a KB version it has
not seen with this index reads that mark once: equal, the index is current (another
process wrote it); anything else (a fresh local index, a writer that died between the store
and the index) and it reloads the index from the stored chunks, with no re-embedding. A
cold prod process pays one small query; a local one loads a few hundred rows once.

BM25 needs every chunk's words, so each process also keeps them, read from the store
whenever the KB version moves.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shared.ai.knowledge.facts import Language
from shared.ai.knowledge.lexical import LexicalIndex
from shared.platform.docstore import Document, DocumentStore
from shared.platform.vectors import Item, VectorIndex

CHUNKS = "kb_chunks"
NAMESPACE = "kb"
MARK_NAMESPACE = "kb-version"  # one item, whose metadata is the KB version the index holds
MARK_ID = "version"


def language(value: Any) -> Language:
    return "es" if value == "es" else "en"


def item(chunk_id: str, chunk: dict[str, Any]) -> Item:
    """A stored chunk as the index holds it: its vector, and what a filter may ask about."""
    return (
        chunk_id,
        chunk["vector"],
        {
            "doc_id": chunk["doc_id"],
            # chunks saved before topics and languages existed
            "topic": chunk.get("topic", chunk["doc_id"]),
            "language": language(chunk.get("language")),
        },
    )


def held_version(vectors: VectorIndex, probe: Sequence[float]) -> int | None:
    """The KB version the index says it holds (None: never marked, or empty)."""
    marks = vectors.query(MARK_NAMESPACE, probe, 1)
    version = marks[0].metadata.get("version") if marks else None
    return version if isinstance(version, int) else None


def _mark(vectors: VectorIndex, version: int, dims: int) -> None:
    # Any non-zero vector of the index's width: the namespace has this one item.
    vectors.upsert(MARK_NAMESPACE, [(MARK_ID, [1.0] + [0.0] * (dims - 1), {"version": version})])


def write(
    vectors: VectorIndex,
    items: Sequence[Item],
    removed: Sequence[str],
    *,
    before: int,
    after: int,
    probe: Sequence[float],
) -> None:
    """Apply one store write (KB version `before` -> `after`) to the index; `probe` is any
    vector of the index's width (one the write adds or removes)."""
    was = held_version(vectors, probe)
    if removed:
        vectors.delete(NAMESPACE, removed)
    if items:
        vectors.upsert(NAMESPACE, items)
    if was == before:
        _mark(vectors, after, len(probe))
    _views.forget(vectors)


def _reload(vectors: VectorIndex, rows: list[Document], version: int) -> None:
    """Make the index hold every stored chunk, and mark it. An id it still holds that the
    store lost (a document another process deleted) is ignored by search."""
    vectors.upsert(NAMESPACE, [item(d.id, d.data) for d in rows])
    _mark(vectors, version, len(rows[0].data["vector"]))


@dataclass(frozen=True)
class Snapshot:
    """One KB version's chunks, as this process reads them (vectors left in the store)."""

    version: int
    ids: tuple[str, ...]  # in the lexical indexes' order
    chunks: dict[str, dict[str, Any]]  # chunk id -> doc_id, topic, language, title, text
    position: dict[str, int]  # chunk id -> its place in `ids`
    chunk_words: LexicalIndex  # one entry per chunk: its question, or its paragraph
    doc_words: LexicalIndex  # one entry per document: all its chunks
    doc_of: tuple[int, ...]  # per chunk, its document's entry in doc_words


def _snapshot(rows: list[Document], version: int) -> Snapshot:
    chunk_texts = [_words_of(d.data) for d in rows]
    doc_ids = sorted({d.data["doc_id"] for d in rows})
    place = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    doc_texts = [""] * len(doc_ids)
    doc_languages: list[Language] = ["en"] * len(doc_ids)
    for d, (text, lang) in zip(rows, chunk_texts, strict=True):
        i = place[d.data["doc_id"]]
        doc_texts[i] += f" {d.data['title']} {text}"
        doc_languages[i] = lang
    return Snapshot(
        version,
        tuple(d.id for d in rows),
        {d.id: _readable(d.data) for d in rows},
        {d.id: i for i, d in enumerate(rows)},
        LexicalIndex(chunk_texts),
        LexicalIndex(list(zip(doc_texts, doc_languages, strict=True))),
        tuple(place[d.data["doc_id"]] for d in rows),
    )


def _readable(chunk: dict[str, Any]) -> dict[str, Any]:
    """What search reads of a stored chunk (its vector stays in the store and the index)."""
    metadata = item("", chunk)[2]
    return {
        "doc_id": chunk["doc_id"],
        "topic": metadata["topic"],
        "language": metadata["language"],
        "title": chunk["title"],
        "text": chunk["text"],
    }


def _words_of(chunk: dict[str, Any]) -> tuple[str, Language]:
    """What BM25 reads of a chunk: the question it answers, or its paragraph."""
    text = chunk.get("question") or str(chunk["text"]).split(": ", 1)[-1]
    return text, language(chunk.get("language"))


class _Views:
    """Per store, the current snapshot; per vector index, the KB version checked in it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._snapshots: weakref.WeakKeyDictionary[DocumentStore, Snapshot] = (
            weakref.WeakKeyDictionary()
        )
        self._checked: weakref.WeakKeyDictionary[VectorIndex, int] = weakref.WeakKeyDictionary()

    def current(self, store: DocumentStore, vectors: VectorIndex, version: int) -> Snapshot:
        with self._lock:
            snapshot = self._snapshots.get(store)
            rows = None
            if snapshot is None or snapshot.version != version:
                rows = store.query(CHUNKS)
                snapshot = self._snapshots[store] = _snapshot(rows, version)
            if self._checked.get(vectors) != version and snapshot.ids:
                rows = rows if rows is not None else store.query(CHUNKS)
                if rows and held_version(vectors, rows[0].data["vector"]) != version:
                    _reload(vectors, rows, version)
            self._checked[vectors] = version
            return snapshot

    def forget(self, vectors: VectorIndex) -> None:
        """After a write: read the index's mark again before the next search trusts it."""
        with self._lock:
            self._checked.pop(vectors, None)


_views = _Views()


def current(store: DocumentStore, vectors: VectorIndex, version: int) -> Snapshot:
    """The chunks of KB `version`, with the index checked (and reloaded if need be)."""
    return _views.current(store, vectors, version)
