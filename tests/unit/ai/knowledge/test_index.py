"""The knowledge base searches through the vector port and keeps it in step with the store.

A recording index sees what the KB writes and asks; a fresh local index (a new process) is
loaded from the stored chunks once; a persistent index (Vertex, through its fake) that
another process already holds current is trusted, not rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared.ai.knowledge import base
from shared.ai.knowledge.index import NAMESPACE
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.errors import NotFoundError
from shared.platform.vectors import Item, Match, Metadata, NumpyVectorIndex, VectorLike
from shared.platform.vertex_vectors import VertexVectorSearch
from shared.pricing import store as price_books
from tests.support.fake_vertex import FakeVertex, running_fake_vertex

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)

DOCS = (
    base.KnowledgeDoc(
        id="parking",
        title="Parking for the chef",
        body="# Parking\n\nThe chef needs one parking spot close to the door for the grill cart.",
        questions=["where does the chef park?", "do you need a parking space?"],
    ),
    base.KnowledgeDoc(
        id="rain",
        title="Cooking in the rain",
        body="# Rain\n\nIn the rain the chef cooks under a covered patio or a tent you provide.",
        questions=["what if it rains?", "can you cook in bad weather?"],
    ),
    base.KnowledgeDoc(
        id="pets",
        title="Pets at the party",
        body="# Pets\n\nPets are welcome; please keep them away from the hot grill.",
        questions=["can my dog be there?"],
    ),
)


class RecordingIndex(NumpyVectorIndex):
    """The embedded index, noting every call; `only` keeps the KB's answers to one doc."""

    def __init__(self) -> None:
        super().__init__()
        self.upserted: list[tuple[str, list[str]]] = []
        self.deleted: list[tuple[str, list[str]]] = []
        self.queried: list[str] = []
        self.only: str | None = None

    def upsert(self, namespace: str, items: Iterable[Item]) -> None:
        items = list(items)
        self.upserted.append((namespace, [i[0] for i in items]))
        super().upsert(namespace, items)

    def delete(self, namespace: str, ids: Iterable[str]) -> None:
        ids = list(ids)
        self.deleted.append((namespace, ids))
        super().delete(namespace, ids)

    def query(
        self, namespace: str, vector: VectorLike, k: int, where: Metadata | None = None
    ) -> list[Match]:
        self.queried.append(namespace)
        matches = super().query(namespace, vector, k, where)
        if namespace == NAMESPACE and self.only is not None:
            return [m for m in matches if m.metadata["doc_id"] == self.only]
        return matches

    def kb_ids(self) -> set[str]:
        return {m.id for m in super().query(NAMESPACE, [1.0] * 384, 10_000)}

    def upserted_to_kb(self) -> list[str]:
        return [i for namespace, ids in self.upserted if namespace == NAMESPACE for i in ids]


def _store(tmp_path: Path) -> SqliteDocumentStore:
    store = SqliteDocumentStore(tmp_path / "kb.sqlite")
    price_books.seed(store, NOW)
    return store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteDocumentStore]:
    store = _store(tmp_path)
    yield store
    store.close()


def _save_all(store: SqliteDocumentStore, vectors: NumpyVectorIndex) -> None:
    for doc in DOCS:
        base.save(store, vectors, doc, actor="staff:ana", now=NOW)


def _top(store: SqliteDocumentStore, vectors: NumpyVectorIndex, question: str) -> base.Snippet:
    return base.search(store, vectors, question, k=1)[0]


def test_saving_writes_the_chunks_to_the_index(store: SqliteDocumentStore) -> None:
    vectors = RecordingIndex()
    base.save(store, vectors, DOCS[0], actor="staff:ana", now=NOW)
    # a paragraph and its two questions
    assert vectors.upserted_to_kb() == ["parking#0", "parking#1", "parking#2"]
    assert vectors.kb_ids() == {"parking#0", "parking#1", "parking#2"}


def test_search_asks_the_index_and_answers_from_it(store: SqliteDocumentStore) -> None:
    vectors = RecordingIndex()
    _save_all(store, vectors)
    assert _top(store, vectors, "is there somewhere for the chef to park").doc_id == "parking"
    assert NAMESPACE in vectors.queried
    vectors.only = "pets"  # an index that knows one document: search can find no other
    assert [s.doc_id for s in base.search(store, vectors, "what if it rains?", k=3)] == ["pets"]


def test_an_edit_is_found_by_the_next_search(store: SqliteDocumentStore) -> None:
    vectors = RecordingIndex()
    _save_all(store, vectors)
    assert "patio" in _top(store, vectors, "what if it rains?").text
    edited = DOCS[1].model_copy(
        update={"body": "# Rain\n\nWhen it rains we bring our own pop-up canopy, at no charge."}
    )
    base.save(store, vectors, edited, actor="staff:ana", now=NOW)
    top = _top(store, vectors, "what if it rains?")
    assert top.doc_id == "rain" and "canopy" in top.text and "patio" not in top.text


def test_an_edit_with_fewer_chunks_drops_the_rest_from_the_index(
    store: SqliteDocumentStore,
) -> None:
    vectors = RecordingIndex()
    _save_all(store, vectors)
    base.save(store, vectors, DOCS[0].model_copy(update={"questions": []}), actor="a", now=NOW)
    assert (NAMESPACE, ["parking#1", "parking#2"]) in vectors.deleted
    assert {i for i in vectors.kb_ids() if i.startswith("parking")} == {"parking#0"}


def test_a_deleted_document_is_not_found(store: SqliteDocumentStore) -> None:
    vectors = RecordingIndex()
    _save_all(store, vectors)
    assert _top(store, vectors, "can my dog come to the party?").doc_id == "pets"
    base.delete(store, vectors, "pets", actor="staff:ana", now=NOW)
    assert not {i for i in vectors.kb_ids() if i.startswith("pets")}
    hits = base.search(store, vectors, "can my dog come to the party?", k=3)
    assert hits and "pets" not in {h.doc_id for h in hits}
    assert {d.id for d in base.list_docs(store)} == {"parking", "rain"}
    with pytest.raises(NotFoundError):
        base.delete(store, vectors, "pets", actor="staff:ana", now=NOW)


def test_a_fresh_local_index_is_loaded_from_the_store_once(store: SqliteDocumentStore) -> None:
    _save_all(store, NumpyVectorIndex())  # another process, whose index died with it
    fresh = RecordingIndex()
    assert _top(store, fresh, "where does the chef park?").doc_id == "parking"
    loaded = fresh.upserted_to_kb()
    assert len(loaded) == len(set(loaded)) == 8  # every stored chunk, once
    _top(store, fresh, "can my dog be there?")
    assert fresh.upserted_to_kb() == loaded  # the second search reads, writes nothing


def test_a_write_to_an_index_that_was_never_loaded_does_not_pass_for_all_of_it(
    store: SqliteDocumentStore,
) -> None:
    _save_all(store, NumpyVectorIndex())
    fresh = RecordingIndex()
    base.save(store, fresh, DOCS[0], actor="staff:ana", now=NOW)  # holds parking only
    assert _top(store, fresh, "can my dog be there?").doc_id == "pets"


@pytest.fixture
def fake_vertex() -> Iterator[FakeVertex]:
    with running_fake_vertex() as fake:
        yield fake


def test_a_persistent_index_another_process_keeps_current_is_not_rewritten(
    tmp_path: Path, fake_vertex: FakeVertex
) -> None:
    store = _store(tmp_path)
    writer = VertexVectorSearch(**fake_vertex.adapter_kwargs())
    _save_all(store, writer)
    assert _top(store, writer, "where does the chef park?").doc_id == "parking"
    requests = len(fake_vertex.rest.requests)
    # A new process: its own store handle and adapter, the same Vertex index.
    other = SqliteDocumentStore(tmp_path / "kb.sqlite")
    reader = VertexVectorSearch(**fake_vertex.adapter_kwargs())
    assert _top(other, reader, "what if it rains?").doc_id == "rain"
    paths = [r.path for r in fake_vertex.rest.requests[requests:]]
    assert paths and all(p.endswith(":findNeighbors") for p in paths)  # read the mark, query
    base.delete(other, reader, "rain", actor="staff:ana", now=NOW)
    assert _top(store, writer, "what if it rains?").doc_id != "rain"
    other.close()
    store.close()
