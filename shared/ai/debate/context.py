"""The grounded brief every panelist gets, the same for each: the question, the knowledge
base's closest passages and the price book's facts. A panelist that knows only what the
others know cannot win the judge over with an invented number."""

from __future__ import annotations

from dataclasses import dataclass

from shared.platform.services import Platform

KB_HITS = 3


@dataclass(frozen=True)
class Brief:
    question: str
    context: tuple[str, ...]  # "kb: ..." passages, then "fact: ..." price-book lines
    kb_answer: str | None = None  # the closest passage, what the offline panelist says
    kb_score: float | None = None


def gather(platform: Platform, question: str) -> Brief:
    from shared.ai.knowledge import facts
    from shared.ai.knowledge.base import search
    from shared.pricing import store as price_books

    hits = search(platform.store, platform.vectors, question, k=KB_HITS)
    book = price_books.current(platform.store)
    passages = [f"kb: {h.text}" for h in hits]
    lines = [f"fact: {name} = {value}" for name, value in sorted(facts.facts(book).items())]
    return Brief(
        question=question,
        context=(*passages, *lines),
        kb_answer=_answer_of(passages[0]) if passages else None,
        kb_score=hits[0].score if hits else None,
    )


def _answer_of(passage: str) -> str:
    """A passage without its "kb: " tag and "<title>: " (titles hold no ": ")."""
    return passage.removeprefix("kb: ").partition(": ")[2] or passage.removeprefix("kb: ")


def restored(question: str, context: list[str]) -> Brief:
    """The brief as the record stored it, so every round reads the same context."""
    passages = [c for c in context if c.startswith("kb: ")]
    return Brief(question, tuple(context), kb_answer=_answer_of(passages[0]) if passages else None)
