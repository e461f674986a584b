"""Knowledge documents in the store, their embedded chunks, and search over them.

Saving a document writes a new version, re-embeds its chunks (vectors are stored with
them, so any process can rebuild its index without re-embedding) and bumps the KB
version that keys the semantic cache; the chunks' vectors then go to the vector port
(`platform.vectors`: Vertex AI Vector Search in prod, numpy locally), which `index` keeps in
step with the store. Search embeds the question, asks the index for its neighbours and
reads their text from the store.

A document is one topic in one language. Besides its paragraphs, the questions it answers
are embedded too, each pointing at the paragraph that answers it: customers ask questions,
and a question sits much closer to a question than to the policy text. Translations share
a `topic`; search ranks topics over every language (the embedder is English-centric, so a
Spanish question may match the English wording best) and answers in the asker's language.
Numbers are placeholders rendered from the price book and booking rules on every read
(see `facts`).
"""

from __future__ import annotations

import functools
import re
from datetime import datetime
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from shared.ai.knowledge import facts as fact_table
from shared.ai.knowledge import index
from shared.ai.knowledge.facts import Language
from shared.ai.knowledge.index import CHUNKS, NAMESPACE
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction
from shared.platform.errors import NotFoundError, ValidationFailed
from shared.platform.vectors import VectorIndex

DOCS = "kb_docs"
META = ("_meta", "kb")
_SLUG = r"^[a-z0-9][a-z0-9-]{1,62}$"
# How much a perfect BM25 match adds to a cosine, by the asker's language (more in Spanish,
# where the English-centric embedder tells texts apart poorly): the document's words decide
# between topics, the chunk's words between paragraphs of one document.
DOC_LEXICAL_WEIGHT: dict[Language, float] = {"en": 0.1, "es": 0.4}
CHUNK_LEXICAL_WEIGHT: dict[Language, float] = {"en": 0.2, "es": 0.2}


class Question(BaseModel):
    """A question customers ask, and which paragraph of the body (from 1) answers it."""

    text: str = Field(min_length=3, max_length=300)
    paragraph: int = Field(default=1, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class KnowledgeDoc(BaseModel):
    id: str = Field(pattern=_SLUG)
    title: str = Field(min_length=3, max_length=200)
    body: str = Field(
        min_length=10,
        max_length=20_000,
        description="Markdown; numbers as placeholders such as {deposit} or {refund_days}",
    )
    topic: str | None = Field(
        default=None, pattern=_SLUG, description="Shared by translations; defaults to the id"
    )
    language: Language = "en"
    questions: list[Question] = Field(
        default_factory=list,
        max_length=40,
        description="Questions customers ask that this document answers (embedded too)",
    )
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str | None = None

    @field_validator("title")
    @classmethod
    def _no_colon(cls, title: str) -> str:
        # A chunk reads "<title>: <paragraph>" and readers split at the first ": ".
        if ": " in title:
            raise ValueError('a title cannot contain ": " (chunks are "<title>: <text>")')
        return title

    @property
    def topic_id(self) -> str:
        return self.topic or self.id


class Snippet(BaseModel):
    doc_id: str
    title: str
    text: str
    score: float
    topic: str = ""
    language: Language = "en"


def chunks_of(doc: KnowledgeDoc) -> list[str]:
    """Paragraphs, each prefixed with the title so a chunk stands on its own."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", doc.body) if p.strip()]
    return [f"{doc.title}: {p}" for p in paragraphs if not p.startswith("# ")]


def _current_facts(store: DocumentStore, language: Language) -> dict[str, str]:
    from shared.pricing import store as price_books

    return fact_table.facts(price_books.current(store), language)


def _check_placeholders(store: DocumentStore, doc: KnowledgeDoc) -> None:
    """A placeholder no rule fills would reach customers as "{depositt}": refuse it."""
    known = _current_facts(store, doc.language)
    texts = [("title", doc.title), ("body", doc.body)]
    texts += [(f"questions.{i}", q.text) for i, q in enumerate(doc.questions)]
    for field, text in texts:
        try:
            fact_table.check(text, known)
        except fact_table.UnknownFact as exc:
            raise ValidationFailed.single(field, str(exc), "unknown_placeholder") from exc
    paragraphs = len(chunks_of(doc))
    for i, question in enumerate(doc.questions):
        if question.paragraph > paragraphs:
            raise ValidationFailed.single(
                f"questions.{i}.paragraph", f"the body has {paragraphs} paragraphs"
            )


def _embedded_chunks(
    doc: KnowledgeDoc, known: dict[str, str]
) -> list[tuple[str, str, str | None, list[float]]]:
    """(kind, stored template text, question, vector of what was embedded) per chunk.

    A question chunk stores the text of the paragraph that answers it, so a hit on the
    question returns the answer.
    """
    paragraphs = chunks_of(doc)
    if not paragraphs:
        return []
    rendered = [fact_table.render(p, known) for p in paragraphs]
    rendered += [fact_table.render(q.text, known) for q in doc.questions]
    vectors = embedder().embed(rendered)
    chunks: list[tuple[str, str, str | None, list[float]]] = [
        ("paragraph", p, None, v.tolist())
        for p, v in zip(paragraphs, vectors[: len(paragraphs)], strict=True)
    ]
    for question, vector in zip(doc.questions, vectors[len(paragraphs) :], strict=True):
        answer = paragraphs[question.paragraph - 1]
        chunks.append(("question", answer, question.text, vector.tolist()))
    return chunks


@functools.cache
def embedder() -> Any:
    from shared.ai.embeddings import LocalMiniLM

    return LocalMiniLM()


def kb_version(store: DocumentStore) -> int:
    return int((store.get(*META) or {}).get("version", 0))


def save(
    store: DocumentStore, vectors: VectorIndex, doc: KnowledgeDoc, *, actor: str, now: datetime
) -> KnowledgeDoc:
    """Create or replace a document as a new version, with its chunks re-embedded."""
    _check_placeholders(store, doc)
    embedded = _embedded_chunks(doc, _current_facts(store, doc.language))
    chunks: dict[str, dict[str, Any]] = {
        f"{doc.id}#{i}": {
            "doc_id": doc.id,
            "topic": doc.topic_id,
            "language": doc.language,
            "kind": kind,
            "question": question,
            "title": doc.title,
            "text": text,
            "vector": vector,
        }
        for i, (kind, text, question, vector) in enumerate(embedded)
    }
    stored = store.query(CHUNKS, [Filter.eq("doc_id", doc.id)])
    old_chunks = [d.id for d in stored]

    def attempt(tx: Transaction) -> tuple[KnowledgeDoc, int]:
        before = tx.get(DOCS, doc.id)
        version = int((tx.get(*META) or {"version": 0})["version"])
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
        for chunk_id, chunk in chunks.items():
            tx.set(CHUNKS, chunk_id, chunk)
        tx.set(*META, {"version": version + 1})
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
        return saved, version

    saved, version = store.run_transaction(attempt)
    # Any vector of the index's width; a document with no chunks before or after has none,
    # and the next search reloads the index instead.
    probe = embedded[0][3] if embedded else stored[0].data["vector"] if stored else None
    if probe is not None:
        index.write(
            vectors,
            [index.item(chunk_id, chunk) for chunk_id, chunk in chunks.items()],
            [c for c in old_chunks if c not in chunks],
            before=version,
            after=version + 1,
            probe=probe,
        )
    return saved


def delete(
    store: DocumentStore, vectors: VectorIndex, doc_id: str, *, actor: str, now: datetime
) -> None:
    """Remove a document and its chunks; search stops finding it at once."""
    old = store.query(CHUNKS, [Filter.eq("doc_id", doc_id)])

    def attempt(tx: Transaction) -> int:
        before = tx.get(DOCS, doc_id)
        if before is None:
            raise NotFoundError("unknown_document", f"no knowledge document {doc_id!r}")
        version = int((tx.get(*META) or {"version": 0})["version"])
        for chunk in old:
            tx.get(CHUNKS, chunk.id)
        for chunk in old:
            tx.delete(CHUNKS, chunk.id)
        tx.delete(DOCS, doc_id)
        tx.set(*META, {"version": version + 1})
        audit.record(
            tx,
            actor=actor,
            action="knowledge.delete",
            entity="kb_doc",
            entity_id=doc_id,
            now=now,
            before={"version": before["version"], "title": before["title"]},
            after=None,
        )
        return version

    version = store.run_transaction(attempt)
    if old:
        index.write(
            vectors,
            [],
            [c.id for c in old],
            before=version,
            after=version + 1,
            probe=old[0].data["vector"],
        )


def list_docs(store: DocumentStore) -> list[KnowledgeDoc]:
    return [KnowledgeDoc.model_validate(d.data | {"id": d.id}) for d in store.query(DOCS)]


def search(
    store: DocumentStore,
    vectors: VectorIndex,
    query: str,
    k: int = 3,
    language: Language = "en",
) -> list[Snippet]:
    """The k topics that best answer `query`, each as its best chunk in `language`.

    A chunk's rank is its cosine to the query plus weighted BM25 scores (each scaled to the
    best) of its own words and of its document's; a topic ranks by its best chunk in any
    language, and answers with its best chunk in the asker's language when it has one
    (else its best), rendered with today's facts. `score` is the topic's best cosine:
    how close in meaning it came. The index is asked for every chunk's cosine (a KB is a
    few hundred chunks, and BM25 may lift one the vectors put low); an id it answers that
    the store no longer has is ignored.
    """
    snapshot = index.current(store, vectors, kb_version(store))
    if not snapshot.ids:
        return []
    vector = embedder().embed([query])[0]
    dense = {
        m.id: m.score
        for m in vectors.query(NAMESPACE, vector, len(snapshot.ids))
        if m.id in snapshot.position
    }
    in_chunk = snapshot.chunk_words.scores(query, language) * CHUNK_LEXICAL_WEIGHT[language]
    in_doc = snapshot.doc_words.scores(query, language) * DOC_LEXICAL_WEIGHT[language]
    ranked_chunks = sorted(
        (score + in_chunk[i] + in_doc[snapshot.doc_of[i]], chunk_id)
        for chunk_id, score in dense.items()
        for i in (snapshot.position[chunk_id],)
    )[::-1]
    order: list[str] = []
    closest: dict[str, float] = {}
    answer: dict[str, dict[str, Any]] = {}
    for _, chunk_id in ranked_chunks:  # best first
        chunk = snapshot.chunks[chunk_id]
        topic = chunk["topic"]
        if topic not in answer:
            order.append(topic)
        closest[topic] = max(closest.get(topic, -1.0), dense[chunk_id])
        chosen = answer.get(topic)
        if chosen is None or (chosen["language"] != language and chunk["language"] == language):
            answer[topic] = chunk
    known = {lang: _current_facts(store, lang) for lang in fact_table.LANGUAGES}
    return [
        Snippet(
            doc_id=answer[t]["doc_id"],
            title=fact_table.render(answer[t]["title"], known[answer[t]["language"]]),
            text=fact_table.render(answer[t]["text"], known[answer[t]["language"]]),
            score=round(closest[t], 4),
            topic=t,
            language=answer[t]["language"],
        )
        for t in order[:k]
    ]


def shipped_docs() -> list[KnowledgeDoc]:
    """The documents this release ships: `data/<topic>.md` and `data/<topic>.<lang>.md`."""
    data = files("shared.ai.knowledge").joinpath("data")
    paths = sorted((p for p in data.iterdir() if p.name.endswith(".md")), key=lambda p: p.name)
    return [parse_shipped(p.name, p.read_text(encoding="utf-8")) for p in paths]


def parse_shipped(name: str, text: str) -> KnowledgeDoc:
    """A shipped file: optional `---` front matter listing `- questions` (`- 2: question`
    when the second paragraph answers it), then `# Title` and the body."""
    stem = name.removesuffix(".md")
    topic, _, suffix = stem.partition(".")
    language: Language = "es" if suffix == "es" else "en"
    questions: list[Question] = []
    if text.startswith("---\n"):
        front, _, text = text[4:].partition("\n---\n")
        for line in front.splitlines():
            if line.startswith("- "):
                number, sep, rest = line[2:].partition(": ")
                questions.append(
                    Question(text=rest.strip(), paragraph=int(number))
                    if sep and number.isdigit()
                    else Question(text=line[2:].strip())
                )
    body = text.strip() + "\n"
    title = body.splitlines()[0].lstrip("# ").strip()
    return KnowledgeDoc(
        id=topic if language == "en" else f"{topic}-{language}",
        title=title,
        body=body,
        topic=topic,
        language=language,
        questions=questions,
    )


_CONTENT = ("title", "body", "topic", "language", "questions")


def seed(store: DocumentStore, vectors: VectorIndex, now: datetime) -> str:
    """Load the shipped documents: new ones are added, and ones only the seed ever wrote
    are refreshed when the shipped text changed; a document staff edited is kept."""
    stored = {d.id: d for d in list_docs(store)}
    written = 0
    for doc in shipped_docs():
        before = stored.get(doc.id)
        unchanged = before is not None and before.model_dump(include=set(_CONTENT)) == (
            doc.model_dump(include=set(_CONTENT))
        )
        if before is None or (before.updated_by == "seed" and not unchanged):
            save(store, vectors, doc, actor="seed", now=now)
            written += 1
    return f"{written} knowledge documents" if written else "knowledge base (kept)"
