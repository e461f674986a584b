"""The knowledge base: shipped documents, placeholder checks, seeding, language-aware search."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from shared.ai.knowledge import base
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.errors import ValidationFailed
from shared.platform.vectors import NumpyVectorIndex
from shared.pricing import store as price_books
from shared.pricing.price_book import default_price_book

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


VECTORS = NumpyVectorIndex()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> SqliteDocumentStore:
    kb = SqliteDocumentStore(Path(tmp_path_factory.mktemp("kb")) / "kb.sqlite")
    price_books.seed(kb, NOW)
    base.seed(kb, VECTORS, NOW)
    return kb


def test_every_topic_ships_in_english_and_spanish() -> None:
    docs = base.shipped_docs()
    by_language = {lang: {d.topic_id for d in docs if d.language == lang} for lang in ("en", "es")}
    assert by_language["en"] == by_language["es"] and len(by_language["en"]) >= 15
    assert all(d.questions for d in docs)


def test_front_matter_ties_questions_to_paragraphs() -> None:
    doc = base.parse_shipped(
        "deposit.es.md",
        "---\nquestions:\n- ¿Cuánto?\n- 2: ¿Reembolso?\n---\n# Depósito\n\nUno.\n\nDos.\n",
    )
    assert (doc.id, doc.topic, doc.language, doc.title) == (
        "deposit-es",
        "deposit",
        "es",
        "Depósito",
    )
    assert [(q.text, q.paragraph) for q in doc.questions] == [("¿Cuánto?", 1), ("¿Reembolso?", 2)]


def test_search_answers_with_the_published_numbers(store: SqliteDocumentStore) -> None:
    top = base.search(store, VECTORS, "how much is the deposit again", k=1)[0]
    assert top.topic == "deposit" and top.language == "en"
    assert f"${default_price_book().deposit.cents // 100}" in top.text and "{" not in top.text


def test_a_spanish_question_gets_the_spanish_document(store: SqliteDocumentStore) -> None:
    top = base.search(store, VECTORS, "¿aceptan Venmo para el depósito?", k=1, language="es")[0]
    assert (top.topic, top.language, top.doc_id) == ("payment-methods", "es", "payment-methods-es")
    assert "Venmo" in top.text


def test_search_returns_one_hit_per_topic(store: SqliteDocumentStore) -> None:
    hits = base.search(store, VECTORS, "is the deposit refundable", k=5)
    assert len({h.topic for h in hits}) == len(hits) == 5


def test_a_document_with_an_unknown_placeholder_is_refused(store: SqliteDocumentStore) -> None:
    doc = base.KnowledgeDoc(id="typo", title="Typo", body="# Typo\n\nPay {depositt} today, please.")
    with pytest.raises(ValidationFailed) as raised:
        base.save(store, VECTORS, doc, actor="staff", now=NOW)
    assert raised.value.errors[0].field == "body"


def test_a_question_must_point_at_a_paragraph(store: SqliteDocumentStore) -> None:
    doc = base.KnowledgeDoc(
        id="short",
        title="Short",
        body="# Short\n\nOne paragraph only.",
        questions=[{"text": "why?", "paragraph": 2}],
    )
    with pytest.raises(ValidationFailed):
        base.save(store, VECTORS, doc, actor="staff", now=NOW)


def test_seeding_again_keeps_staff_edits_and_refreshes_seeded_documents(tmp_path: Path) -> None:
    kb, vectors = SqliteDocumentStore(tmp_path / "kb.sqlite"), NumpyVectorIndex()
    price_books.seed(kb, NOW)
    assert base.seed(kb, vectors, NOW).endswith("knowledge documents")
    edited = base.KnowledgeDoc(
        id="weather", title="Weather", body="# Weather\n\nWe cook in any weather now."
    )
    base.save(kb, vectors, edited, actor="staff:ana", now=NOW)
    assert base.seed(kb, vectors, NOW) == "knowledge base (kept)"
    docs = {d.id: d for d in base.list_docs(kb)}
    assert docs["weather"].body == edited.body and docs["weather"].updated_by == "staff:ana"
    assert docs["weather-es"].version == 1  # nothing to refresh


def test_a_title_cannot_hold_the_chunk_separator() -> None:
    with pytest.raises(ValueError, match="title"):
        base.KnowledgeDoc(id="x-y", title="Hours: when", body="# Hours\n\nSome text here.")
