"""The last step: the judge reads the panel's final answers in a shuffled order (judges
favour the first and the longest answer; the seed is the debate id, so a rerun reads the
same order, and the record shows it) and writes the synthesis with its confidence. The
synthesis must pass the validator's price grounding before staff may approve it."""

from __future__ import annotations

import random
from collections.abc import Sequence

from shared.ai.debate import agreement
from shared.ai.debate import store as debates
from shared.ai.debate.context import Brief, restored
from shared.ai.debate.panel import DEBATE_PANEL, OFFLINE, UNKNOWN, Panelist, Ruling
from shared.ai.debate.records import DEBATES, Debate, Entry, RoundEvent, Synthesis
from shared.ai.debate.rounds import Step
from shared.ai.providers.base import ProviderError
from shared.platform.docstore import Transaction
from shared.platform.ids import stable_id
from shared.platform.log import get_logger
from shared.platform.services import Platform

log = get_logger(__name__)
AGREEMENT = "agreement"  # the judge when no LLM judged: the answer closest to the others


def shuffled(debate: str, names: Sequence[str]) -> list[str]:
    order = list(names)
    random.Random(int(stable_id("debate-order", debate)[:12], 16)).shuffle(order)
    return order


def finals(entries: Sequence[Entry]) -> dict[str, str]:
    """Each panelist's latest good answer (a critique round revises the proposal)."""
    latest: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: e.round):
        if entry.ok:
            latest[entry.panelist] = entry.answer
    return latest


def synthesise(platform: Platform, event: RoundEvent) -> Step:
    debate = debates.get(platform.store, event.debate_id)
    if debate.synthesis is not None:
        return Step(debate.id, skipped="done")
    entries = debates.entries(platform.store, debate.id)
    spent = sum(e.cost_usd for e in entries)
    answers = finals(entries)
    order = shuffled(debate.id, sorted(answers))
    read = [answers[n] for n in order]
    brief = restored(debate.question, debate.context)
    judge, ruling = AGREEMENT, None
    panelist = _judge(platform, debate, order)
    if len(read) > 1 and panelist is not None and spent < platform.settings.debate_cost_cap_usd:
        judge, ruling = panelist.name, _ask(panelist, brief, read)
    if ruling is None:
        judge = AGREEMENT
        ruling = _by_agreement(read)
    synthesis = _checked(platform, ruling, judge, order)
    total = round(spent + synthesis.cost_usd, 8)

    def attempt(tx: Transaction) -> None:
        stored = tx.get(DEBATES, debate.id) or {}
        if stored.get("synthesis") is None:
            tx.update(
                DEBATES,
                debate.id,
                {"synthesis": synthesis.model_dump(), "status": "done", "cost_usd": total},
            )

    platform.store.run_transaction(attempt)
    # Staff read it in admin-debates; the line is for alerting on blocked syntheses.
    log.info(
        "debate %s synthesised by %s (confidence %.2f, $%.4f, problems: %s)",
        debate.id,
        judge,
        synthesis.confidence,
        total,
        synthesis.problems or "none",
    )
    return Step(debate.id, [judge] if judge != AGREEMENT else [])


def _judge(platform: Platform, debate: Debate, order: Sequence[str]) -> Panelist | None:
    """The configured judge if it sits on this panel, else the first LLM that answered."""
    panel = {p.name: p for p in platform.adapter(DEBATE_PANEL)}
    wanted = platform.settings.debate_judge
    if wanted and wanted in panel and wanted in debate.panel:
        return panel[wanted]
    return next(
        (panel[n] for n in debate.panel if n in order and n in panel and n != OFFLINE), None
    )


def _ask(panelist: Panelist, brief: Brief, answers: list[str]) -> Ruling | None:
    try:
        return panelist.judge(brief, answers)
    except ProviderError as exc:
        log.warning("debate judge %s failed, falling back to agreement: %s", panelist.name, exc)
        return None


def _by_agreement(answers: list[str]) -> Ruling:
    if not answers:
        return Ruling(UNKNOWN, 0.0, 0.0)
    best, confidence = agreement.consensus(answers)
    return Ruling(answers[best], confidence, 0.0)


def _checked(platform: Platform, ruling: Ruling, judge: str, order: list[str]) -> Synthesis:
    """Price grounding against the price book alone: a debate has no quote of its own."""
    from shared.ai import validator
    from shared.pricing import store as price_books

    book = validator.price_book_amounts(price_books.current(platform.store))
    verdict = validator.check(
        ruling.answer,
        evidence=validator.Evidence(),
        book_amounts=book,
        channel="web",
        agent="knowledge",
    )
    return Synthesis(
        answer=verdict.text,
        confidence=ruling.confidence,
        judge=judge,
        order=order,
        problems=[f"{p.code}: {p.detail}" for p in verdict.problems],
        cost_usd=ruling.cost_usd,
    )
