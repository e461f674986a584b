"""A document staff add or edit through admin-knowledge is in the platform's vector index
and answers the next question, in the customer's words."""

from __future__ import annotations

from typing import Any

from shared.ai.knowledge import base
from shared.ai.knowledge.index import NAMESPACE
from shared.platform.services import Platform

PARKING = {
    "id": "parking",
    "title": "Parking for the chef",
    "body": "# Parking\n\nThe chef needs one parking spot close to the door for the grill cart.",
    "questions": ["where does the chef park?"],
}
PARKING_ES = {
    "id": "parking-es",
    "topic": "parking",
    "language": "es",
    "title": "Estacionamiento para el chef",
    "body": "# Estacionamiento\n\nEl chef necesita un lugar para estacionar cerca de la puerta.",
    "questions": ["¿dónde se estaciona el chef?"],
}


# The family of ways a customer asks it (one platform for all: seeding is the slow part).
PARKING_QUESTIONS = (
    ("is there somewhere the chef can park", "en"),
    ("do we need to save a parking spot for you?", "en"),
    ("where can the chef park his car?", "en"),
    ("¿dónde puede estacionarse el chef?", "es"),
    ("¿necesitan un lugar para estacionar?", "es"),
)


def test_a_new_document_answers_the_next_search(api: Any, platform: Platform) -> None:
    for doc in (PARKING, PARKING_ES):
        status, saved = api.admin("POST", "/admin-knowledge", doc, role="manager")
        assert status == 201 and saved["version"] == 1
    ids = {m.id for m in platform.vectors.query(NAMESPACE, [1.0] * 384, 1000)}
    assert {"parking#0", "parking#1", "parking-es#0", "parking-es#1"} <= ids
    for question, language in PARKING_QUESTIONS:
        top = base.search(platform.store, platform.vectors, question, k=1, language=language)[0]
        assert (top.topic, top.language) == ("parking", language), question
        assert ("parking spot" if language == "en" else "estacionar") in top.text, question


def test_an_edit_replaces_the_answer(api: Any, platform: Platform) -> None:
    before = base.search(platform.store, platform.vectors, "do you cook indoors?", k=1)[0]
    assert before.doc_id == "host-provides" and "induction" not in before.text
    edited = {
        "id": "host-provides",
        "title": "What the host provides",
        "body": "We now cook indoors too, on an induction teppan, with the host's permission.",
    }
    status, _ = api.admin("POST", "/admin-knowledge", edited, role="manager")
    assert status == 201
    after = base.search(platform.store, platform.vectors, "do you cook indoors?", k=1)[0]
    assert after.doc_id == "host-provides" and "induction" in after.text
