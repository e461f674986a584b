"""Knowledge documents in the store, their embedded chunks, and search over them.

Saving a document writes a new version, re-embeds its chunks (vectors are stored with
them, so any process can rebuild its index without re-embedding) and bumps the KB
version that keys the semantic cache. Search goes through the vector port; the embedded
numpy index is rebuilt from the stored chunks whenever the KB version moves.
"""

from __future__ import annotations

import functools
import re
import threading
from datetime import datetime
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field

from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction

DOCS = "kb_docs"
CHUNKS = "kb_chunks"
META = ("_meta", "kb")
NAMESPACE = "kb"
_SLUG = r"^[a-z0-9][a-z0-9-]{1,62}$"


class KnowledgeDoc(BaseModel):
    id: str = Field(pattern=_SLUG)
    title: str = Field(min_length=3, max_length=200)
    body: str = Field(min_length=10, max_length=20_000)
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str | None = None


class Snippet(BaseModel):
    doc_id: str
    title: str
    text: str
    score: float


def chunks_of(doc: KnowledgeDoc) -> list[str]:
    """Paragraphs, each prefixed with the title so a chunk stands on its own."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", doc.body) if p.strip()]
    return [f"{doc.title}: {p}" for p in paragraphs if not p.startswith("# ")]


@functools.cache
def embedder() -> Any:
    from shared.ai.embeddings import LocalMiniLM

    return LocalMiniLM()


def kb_version(store: DocumentStore) -> int:
    return int((store.get(*META) or {}).get("version", 0))


def save(store: DocumentStore, doc: KnowledgeDoc, *, actor: str, now: datetime) -> KnowledgeDoc:
    """Create or replace a document as a new version, with its chunks re-embedded."""
    texts = chunks_of(doc)
    vectors = embedder().embed(texts) if texts else []
    old_chunks = [d.id for d in store.query(CHUNKS, [Filter.eq("doc_id", doc.id)])]

    def attempt(tx: Transaction) -> KnowledgeDoc:
        before = tx.get(DOCS, doc.id)
        meta = tx.get(*META) or {"version": 0}
        for chunk_id in old_chunks:
            tx.get(CHUNKS, chunk_id)
        saved = doc.model_copy(
            update={
                "version": (before or {}).get("version", 0) + 1,
                "updated_at": now,
                "updated_by": actor,
            }
        )
        tx.set(DOCS, doc.id, saved.model_dump(exclude={"id"}))
        for chunk_id in old_chunks:
            tx.delete(CHUNKS, chunk_id)
        for i, (text, vector) in enumerate(zip(texts, vectors, strict=True)):
            tx.set(
                CHUNKS,
                f"{doc.id}#{i}",
                {"doc_id": doc.id, "title": doc.title, "text": text, "vector": vector.tolist()},
            )
        tx.set(*META, {"version": int(meta["version"]) + 1})
        audit.record(
            tx,
            actor=actor,
            action="knowledge.save",
            entity="kb_doc",
            entity_id=doc.id,
            now=now,
            before={"version": before["version"]} if before else None,
            after={"version": saved.version, "title": saved.title},
        )
        return saved

    saved: KnowledgeDoc = store.run_transaction(attempt)
    return saved


def list_docs(store: DocumentStore) -> list[KnowledgeDoc]:
    return [KnowledgeDoc.model_validate(d.data | {"id": d.id}) for d in store.query(DOCS)]


class _Index:
    """The process's vector index over the KB, rebuilt when the KB version changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._index: Any = None

    def current(self, store: DocumentStore) -> Any:
        version = kb_version(store)
        with self._lock:
            if version != self._version:
                from shared.platform.vectors import NumpyVectorIndex

                index = NumpyVectorIndex()
                items = [
                    (
                        d.id,
                        d.data["vector"],
                        {
                            "doc_id": d.data["doc_id"],
                            "title": d.data["title"],
                            "text": d.data["text"],
                        },
                    )
                    for d in store.query(CHUNKS)
                ]
                if items:
                    index.upsert(NAMESPACE, items)
                self._index, self._version = index, version
            return self._index


_index = _Index()


def search(store: DocumentStore, query: str, k: int = 3) -> list[Snippet]:
    """The k chunks closest in meaning to `query` (at most one per document)."""
    vector = embedder().embed([query])[0]
    matches = _index.current(store).query(NAMESPACE, vector, k * 3)
    seen: set[str] = set()
    found = []
    for m in matches:
        if m.metadata["doc_id"] in seen:
            continue
        seen.add(m.metadata["doc_id"])
        found.append(
            Snippet(
                doc_id=m.metadata["doc_id"],
                title=m.metadata["title"],
                text=m.metadata["text"],
                score=round(float(m.score), 4),
            )
        )
    return found[:k]


def seed(store: DocumentStore, now: datetime) -> str:
    """Load the shipped documents (data/*.md) into an empty knowledge base."""
    if store.query(DOCS, limit=1):
        return "knowledge base (kept)"
    shipped = sorted(
        (
            p
            for p in files("shared.ai.knowledge").joinpath("data").iterdir()
            if p.name.endswith(".md")
        ),
        key=lambda p: p.name,
    )
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        title = text.splitlines()[0].lstrip("# ").strip()
        save(
            store,
            KnowledgeDoc(id=path.name.removesuffix(".md"), title=title, body=text),
            actor="seed",
            now=now,
        )
    return f"{len(shipped)} knowledge documents"
