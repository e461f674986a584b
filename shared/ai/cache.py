"""Semantic cache for FAQ answers only.

Keyed by agent and knowledge-base version (an edit to the KB invalidates it). Only
answers with no money, dates or availability are cached: anything a tool priced or
scheduled must be recomputed every time.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from shared.platform.docstore import DocumentStore, Filter
from shared.platform.ids import stable_id

COLLECTION = "answer_cache"
CACHEABLE_AGENTS = ("knowledge",)
MAX_ENTRIES = 500
_DATES = (
    r"\b(today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d{1,2})\b"
)
# A question with a number or a date asks about a specific party; an answer with money or a
# date is specific to one. Neither may be served to someone else.
_VOLATILE_QUESTION = re.compile(rf"\d|\$|{_DATES}", re.I)
_VOLATILE_ANSWER = re.compile(rf"\$|\bdollars?\b|\bbooking bk_|{_DATES}", re.I)


def cacheable(agent: str, question: str, answer: str, tools_used: list[str]) -> bool:
    return (
        agent in CACHEABLE_AGENTS
        and set(tools_used) <= {"search_knowledge"}
        and not _VOLATILE_QUESTION.search(question)
        and not _VOLATILE_ANSWER.search(answer)
    )


def lookup(
    store: DocumentStore,
    embedder: Any,
    *,
    agent: str,
    kb_version: int,
    question: str,
    threshold: float,
) -> str | None:
    """The cached answer to the most similar earlier question, if similar enough."""
    if agent not in CACHEABLE_AGENTS or _VOLATILE_QUESTION.search(question):
        return None
    import numpy as np

    entries = store.query(
        COLLECTION,
        [Filter.eq("agent", agent), Filter.eq("kb_version", kb_version)],
        limit=MAX_ENTRIES,
    )
    if not entries:
        return None
    query = embedder.embed([question])[0]
    matrix = np.asarray([e.data["vector"] for e in entries], dtype=np.float32)
    scores = matrix @ query
    best = int(np.argmax(scores))
    return str(entries[best].data["answer"]) if float(scores[best]) >= threshold else None


def save(
    store: DocumentStore,
    embedder: Any,
    *,
    agent: str,
    kb_version: int,
    question: str,
    answer: str,
    now: datetime,
) -> None:
    vector = embedder.embed([question])[0]
    store.set(
        COLLECTION,
        stable_id(agent, kb_version, question.lower().strip()),
        {
            "agent": agent,
            "kb_version": kb_version,
            "question": question,
            "answer": answer,
            "vector": [float(v) for v in vector],
            "created_at": now,
        },
    )
