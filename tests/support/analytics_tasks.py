"""Running local tasks without counting analytics deliveries.

Every booking change and AI turn now also publishes analytics events; tests that count
the work a step caused (one text, one release per hold) run those deliveries too but
leave them out of the count.
"""

from __future__ import annotations

from shared.platform.docstore import DocumentStore, Filter
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.platform.tasks.local import LocalTaskRunner

ANALYTICS_FUNCTIONS = frozenset({"record-analytics-event", "derive-turn-analytics"})


def _pending_analytics(store: DocumentStore) -> set[str]:
    pending = store.query(TASKS, [Filter.eq("state", "pending")])
    return {d.id for d in pending if d.data["target"] in ANALYTICS_FUNCTIONS}


def run_due_besides_analytics(runner: LocalTaskRunner, store: DocumentStore) -> int:
    """`runner.run_due()`, less the analytics deliveries among the tasks it ran."""
    before = _pending_analytics(store)
    ran = runner.run_due()
    return ran - len(before - _pending_analytics(store))
