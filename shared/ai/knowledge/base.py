"""Knowledge documents in the store, their embedded chunks, and search over them.

Saving a document writes a new version, re-embeds its chunks (vectors are stored with
them, so any process can rebuild its index without re-embedding) and bumps the KB
version that keys the semantic cache. Search goes through the vector port; the embedded
numpy index is rebuilt from the stored chunks whenever the KB version moves.

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
import threading
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field, field_validator, model_validator

from shared.ai.knowledge import facts as fact_table
from shared.ai.knowledge.facts import Language
from shared.ai.knowledge.lexical import LexicalIndex
from shared.platform import audit
from shared.platform.docstore import DocumentStore, Filter, Transaction
from shared.platform.errors import ValidationFailed
from shared.platform.vectors import Match

DOCS = "kb_docs"
CHUNKS = "kb_chunks"
META = ("_meta", "kb")
NAMESPACE = "kb"
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


def save(store: DocumentStore, doc: KnowledgeDoc, *, actor: str, now: datetime) -> KnowledgeDoc:
    """Create or replace a document as a new version, with its chunks re-embedded."""
    _check_placeholders(store, doc)
    chunks = _embedded_chunks(doc, _current_facts(store, doc.language))
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
        for i, (kind, text, question, vector) in enumerate(chunks):
            tx.set(
                CHUNKS,
                f"{doc.id}#{i}",
                {
                    "doc_id": doc.id,
                    "topic": doc.topic_id,
                    "language": doc.language,
                    "kind": kind,
                    "question": question,
                    "title": doc.title,
                    "text": text,
                    "vector": vector,
                },
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


@dataclass(frozen=True)
class _Loaded:
    vectors: Any  # the vector port's index over every chunk
    ids: tuple[str, ...]  # chunk ids, in the chunk lexical index's order
    chunk_words: LexicalIndex  # one entry per chunk: its question, or its paragraph
    doc_words: LexicalIndex  # one entry per document: all its chunks
    doc_of: tuple[int, ...]  # per chunk, its document's entry in doc_words


class _Index:
    """The process's vector and BM25 indexes over the KB, rebuilt when its version moves."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version = -1
        self._loaded: _Loaded | None = None

    def current(self, store: DocumentStore) -> _Loaded:
        version = kb_version(store)
        with self._lock:
            if self._loaded is None or version != self._version:
                self._loaded, self._version = _load(store), version
            return self._loaded


def _load(store: DocumentStore) -> _Loaded:
    from shared.platform.vectors import NumpyVectorIndex

    chunks = store.query(CHUNKS)
    index = NumpyVectorIndex()
    items = [
        (
            d.id,
            d.data["vector"],
            {
                "doc_id": d.data["doc_id"],
                # chunks saved before topics and languages existed
                "topic": d.data.get("topic", d.data["doc_id"]),
                "language": d.data.get("language", "en"),
                "title": d.data["title"],
                "text": d.data["text"],
            },
        )
        for d in chunks
    ]
    if items:
        index.upsert(NAMESPACE, items)
    chunk_texts = [_words_of(d.data) for d in chunks]
    doc_ids = sorted({d.data["doc_id"] for d in chunks})
    position = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    doc_texts = [""] * len(doc_ids)
    doc_languages: list[Language] = ["en"] * len(doc_ids)
    for d, (text, language) in zip(chunks, chunk_texts, strict=True):
        i = position[d.data["doc_id"]]
        doc_texts[i] += f" {d.data['title']} {text}"
        doc_languages[i] = language
    return _Loaded(
        index,
        tuple(d.id for d in chunks),
        LexicalIndex(chunk_texts),
        LexicalIndex(list(zip(doc_texts, doc_languages, strict=True))),
        tuple(position[d.data["doc_id"]] for d in chunks),
    )


def _words_of(chunk: dict[str, Any]) -> tuple[str, Language]:
    """What BM25 reads of a chunk: the question it answers, or its paragraph."""
    text = chunk.get("question") or str(chunk["text"]).split(": ", 1)[-1]
    return text, _language(chunk.get("language"))


_index = _Index()


def search(
    store: DocumentStore, query: str, k: int = 3, language: Language = "en"
) -> list[Snippet]:
    """The k topics that best answer `query`, each as its best chunk in `language`.

    A chunk's rank is its cosine to the query plus weighted BM25 scores (each scaled to the
    best) of its own words and of its document's; a topic ranks by its best chunk in any
    language, and answers with its best chunk in the asker's language when it has one
    (else its best), rendered with today's facts. `score` is the topic's best cosine:
    how close in meaning it came.
    """
    loaded = _index.current(store)
    if not loaded.ids:
        return []
    vector = embedder().embed([query])[0]
    dense = {m.id: m for m in loaded.vectors.query(NAMESPACE, vector, len(loaded.ids))}
    in_chunk = loaded.chunk_words.scores(query, language) * CHUNK_LEXICAL_WEIGHT[language]
    in_doc = loaded.doc_words.scores(query, language) * DOC_LEXICAL_WEIGHT[language]
    ranked_chunks = sorted(
        (dense[chunk_id].score + in_chunk[i] + in_doc[loaded.doc_of[i]], chunk_id)
        for i, chunk_id in enumerate(loaded.ids)
    )[::-1]
    order: list[str] = []
    closest: dict[str, float] = {}
    answer: dict[str, Match] = {}
    for _, chunk_id in ranked_chunks:  # best first
        m = dense[chunk_id]
        topic = str(m.metadata["topic"])
        if topic not in answer:
            order.append(topic)
        closest[topic] = max(closest.get(topic, -1.0), float(m.score))
        chosen = answer.get(topic)
        if chosen is None or (_lang(chosen) != language and _lang(m) == language):
            answer[topic] = m
    known = {lang: _current_facts(store, lang) for lang in fact_table.LANGUAGES}
    return [
        Snippet(
            doc_id=str(answer[t].metadata["doc_id"]),
            title=fact_table.render(str(answer[t].metadata["title"]), known[_lang(answer[t])]),
            text=fact_table.render(str(answer[t].metadata["text"]), known[_lang(answer[t])]),
            score=round(closest[t], 4),
            topic=t,
            language=_lang(answer[t]),
        )
        for t in order[:k]
    ]


def _language(value: Any) -> Language:
    return "es" if value == "es" else "en"


def _lang(match: Match) -> Language:
    return _language(match.metadata["language"])


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


def seed(store: DocumentStore, now: datetime) -> str:
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
            save(store, doc, actor="seed", now=now)
            written += 1
    return f"{written} knowledge documents" if written else "knowledge base (kept)"
