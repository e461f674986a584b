"""Extraction throughput for `make bench`: a realistic mix of customer messages."""

from __future__ import annotations

import time
from datetime import date

from shared.ai.offline.extract import extract
from shared.pricing.models import normalise_name
from shared.pricing.price_book import default_price_book

MIX: tuple[str, ...] = (
    "Hi! Looking to book hibachi for 20 adults and 5 kids next Saturday around 6pm in 95814",
    "party of 12 on Dec 5th",
    "how much for 15 ppl? zip 90012",
    "yes sounds good",
    "Can we do 2 lobster tails and filet for everyone else? One guest has a shellfish allergy",
    "This is Maria Lopez, maria.lopez@example.com, (916) 555-0142",
    "we're thinking christmas eve, maybe 30 people, budget is $2000",
    "20",
    "address is 4521 W Sunset Blvd Apt 3, Los Angeles, CA 90027",
    "no thanks",
    "10 adults, 3 children, 2 toddlers. add sake and the extended show pls",
    "is steak included? also my son is allergic to peanuts and we have a vegan",
)


def _tables() -> tuple[dict[str, str], dict[str, str]]:
    book = default_price_book()
    proteins = {
        normalise_name(name): key
        for key, protein in book.proteins.items()
        for name in (key, protein.label, *protein.aliases)
    }
    addons = {
        normalise_name(name): key
        for key, addon in book.addons.items()
        for name in (key, addon.label, *addon.aliases)
    }
    return proteins, addons


def bench_extract(budget_s: float = 2.0) -> float:
    """Print and return messages extracted per second over `budget_s` (warm caches)."""
    proteins, addons = _tables()
    today = date(2026, 11, 18)

    def run() -> None:
        for message in MIX:
            extract(message, today=today, known_proteins=proteins, known_addons=addons)

    run()  # warm-up: compiles the lexicon and fills the spelling memo
    count = 0
    start = time.perf_counter()
    deadline = start + budget_s
    while (now := time.perf_counter()) < deadline:
        run()
        count += len(MIX)
    rate = count / (now - start)
    print(
        f"offline extraction: {rate:,.0f} messages/s "
        f"({count:,} messages of a {len(MIX)}-message mix in {now - start:.2f} s)"
    )
    return rate


if __name__ == "__main__":
    bench_extract()
