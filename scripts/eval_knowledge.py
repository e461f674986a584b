"""Knowledge retrieval quality: the top hit for held-out customer questions, per family.

Each row of tests/evals/knowledge_set.jsonl names the topic that must come first, the
language the answer must be in, and phrases the answer must contain (placeholders such as
{deposit} are the published facts), so a hit means the customer got a direct answer.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from shared.ai.knowledge import base
from shared.ai.knowledge import facts as fact_table
from shared.platform.docstore import DocumentStore
from shared.platform.vectors import VectorIndex

KNOWLEDGE_SET = Path(__file__).resolve().parents[1] / "tests" / "evals" / "knowledge_set.jsonl"


@dataclass(frozen=True)
class Outcome:
    row: dict[str, Any]
    topic: str
    language: str
    text: str
    missing: tuple[str, ...]  # expected phrases the answer lacks

    @property
    def hit(self) -> bool:
        return (
            self.topic == self.row["topic"]
            and self.language == self.row["language"]
            and not self.missing
        )


@dataclass(frozen=True)
class KnowledgeReport:
    outcomes: list[Outcome]

    @property
    def hit_rate(self) -> float:
        return sum(o.hit for o in self.outcomes) / len(self.outcomes)

    @property
    def topic_rate(self) -> float:
        """Share whose top hit is the right document, whatever paragraph it answered with."""
        return sum(o.topic == o.row["topic"] for o in self.outcomes) / len(self.outcomes)

    def by_family(self) -> dict[str, tuple[int, int]]:
        """family -> (hits, questions)."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            counts[o.row["family"]][0] += o.hit
            counts[o.row["family"]][1] += 1
        return {family: (hits, total) for family, (hits, total) in sorted(counts.items())}

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.hit]


def load_set(path: Path = KNOWLEDGE_SET) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


class SeededKnowledge(NamedTuple):
    store: DocumentStore
    vectors: VectorIndex


def evaluate_knowledge(kb: SeededKnowledge, rows: list[dict[str, Any]]) -> KnowledgeReport:
    """Search the seeded knowledge base for every row and grade its top hit."""
    from shared.pricing import store as price_books

    book = price_books.current(kb.store)
    outcomes = []
    for row in rows:
        top = base.search(kb.store, kb.vectors, row["text"], k=1, language=row["language"])[0]
        known = fact_table.facts(book, row["language"])
        wanted = [fact_table.render(phrase, known) for phrase in row["answer"]]
        missing = tuple(w for w in wanted if w.lower() not in top.text.lower())
        outcomes.append(Outcome(row, top.topic, top.language, top.text, missing))
    return KnowledgeReport(outcomes)


def seeded_knowledge(directory: Path) -> SeededKnowledge:
    """The shipped documents in a fresh store and the embedded (numpy) vector index."""
    from shared.platform.docstore.sqlite import SqliteDocumentStore
    from shared.platform.vectors import NumpyVectorIndex
    from shared.pricing import store as price_books

    kb = SeededKnowledge(SqliteDocumentStore(directory / "kb.sqlite"), NumpyVectorIndex())
    now = datetime.now(UTC)
    price_books.seed(kb.store, now)
    base.seed(kb.store, kb.vectors, now)
    return kb


def print_report(report: KnowledgeReport) -> None:
    print(
        f"\nknowledge: {len(report.outcomes)} questions, top-1 hit rate {report.hit_rate:.1%} "
        f"(right document {report.topic_rate:.1%}; a hit also needs the answer's language "
        "and phrases)"
    )
    for family, (hits, total) in report.by_family().items():
        print(f"  {family:<16} {hits / total:6.1%}  ({hits}/{total})")
    for o in report.misses():
        got = f"got {o.topic}/{o.language}" + (f", missing {list(o.missing)}" if o.missing else "")
        print(f"  miss: {o.row['topic']}/{o.row['language']} {got}: {o.row['text']}")


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        print_report(evaluate_knowledge(seeded_knowledge(Path(directory)), load_set()))


if __name__ == "__main__":
    main()
