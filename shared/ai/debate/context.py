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
    top = hits[0] if hits else None
    return Brief(
        question=question,
        context=(*passages, *lines),
        kb_answer=top.text.removeprefix(f"{top.title}: ") if top else None,
        kb_score=top.score if top else None,
    )


def restored(question: str, context: list[str]) -> Brief:
    """The brief as the record stored it, so every round reads the same context."""
    passages = [c.removeprefix("kb: ") for c in context if c.startswith("kb: ")]
    return Brief(question, tuple(context), kb_answer=passages[0] if passages else None)
