"""Housekeeping: each rule purges its old documents and nothing young or still live, and the
rules plus the kept-on-purpose list cover every collection the code writes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from functions._app.container import build_local
from functions._app.retention import RULES
from scripts.export_schemas import ROOT
from shared.platform import housekeeping
from shared.platform.clock import ManualClock
from shared.platform.config import Settings
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.services import Platform

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
# Written by the code and kept on purpose (business records, compliance, catalog, config).
KEPT = {
    "_analytics_staged",  # drained into DuckDB within a second; a purge would lose events
    "_meta", "ai_configs", "api_keys", "audit_log", "bookings", "chef_claims", "chefs",
    "cost_models",
    "customer_handles", "customers", "dialogue_states", "handoffs", "kb_chunks", "kb_docs",
    "learning_gates", "learning_ratings", "learning_stats", "local_checkouts",
    "local_refunds", "markets", "marketing_consents", "messages", "payment_notices",
    "payment_proposals", "price_books",
    "sms_opt_outs", "staff_tasks", "threads",
    # growth: credits, points and referrals are money; Google's reviews mirror the profile
    "customer_credits", "loyalty_ledger", "loyalty_redemptions", "referral_codes",
    "referral_redemptions",
    "google_reviews", "gbp_local_reviews",
}  # fmt: skip


@pytest.fixture
def platform(tmp_path: Path) -> Platform:
    config = Settings(env="test", data_dir=tmp_path)
    built = build_local(config, ManualClock(NOW), SqliteDocumentStore(tmp_path / "h.db"))
    yield built  # type: ignore[misc]
    built.close()


def _age(rule: housekeeping.Retention, older: bool) -> datetime:
    """A value of the rule's time field just past its retention (older) or just inside it."""
    edge = NOW - rule.keep
    return edge - timedelta(minutes=1) if older else edge + timedelta(minutes=1)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.collection)
def test_each_rule_purges_the_old_and_keeps_the_young(
    platform: Platform, rule: housekeeping.Retention
) -> None:
    store = platform.store
    purgeable = {} if rule.only is None else {rule.only[0]: rule.only[1][0]}
    store.set(rule.collection, "old", {rule.aged_by: _age(rule, older=True)} | purgeable)
    store.set(rule.collection, "young", {rule.aged_by: _age(rule, older=False)} | purgeable)
    if rule.only is not None:  # e.g. a task still pending, however old, is still needed
        store.set(
            rule.collection, "live", {rule.aged_by: _age(rule, older=True), rule.only[0]: "pending"}
        )

    report = housekeeping.run(platform, RULES)

    assert store.get(rule.collection, "old") is None
    assert store.get(rule.collection, "young") is not None
    if rule.only is not None:
        assert store.get(rule.collection, "live") is not None
    assert report.purged[rule.collection] == 1


def test_a_purge_larger_than_one_batch_removes_everything_due(platform: Platform) -> None:
    rule = next(r for r in RULES if r.only is None)
    for i in range(housekeeping.BATCH + 5):
        platform.store.set(rule.collection, f"d{i}", {rule.aged_by: _age(rule, older=True)})
    assert housekeeping.run(platform, [rule]).purged == {rule.collection: housekeeping.BATCH + 5}
    assert platform.store.query(rule.collection) == []


def _written_collections() -> set[str]:
    """Collection names the code defines as constants or writes by literal name."""
    names = set()
    constant = re.compile(
        r'^[A-Z_]*(?:COLLECTION|S|RAW|SEEN|OUTBOX|HEADERS)\s*=\s*"([a-z_]+)"', re.M
    )
    for path in (ROOT / "shared").rglob("*.py"):
        names |= set(constant.findall(path.read_text()))
    # Constants that look like collections but name a queue, a tool or a value.
    return names - {"usd", "holds", "jobs", "outbound", "voice", "sms_opted_out", "emit_commands"}


def test_every_collection_is_purged_by_a_rule_or_kept_on_purpose() -> None:
    purged = {rule.collection for rule in RULES}
    assert not purged & KEPT
    assert _written_collections() <= purged | KEPT, _written_collections() - purged - KEPT


def test_readme_lists_every_rule_with_its_retention() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Housekeeping") :]
    for rule in RULES:
        days = rule.keep.days
        kept = f"{days} day{'s' if days != 1 else ''}" if days else "until it expires"
        assert f"| `{rule.collection}` | {kept} |" in section, rule.collection
