"""Published AI configurations: versions are new and immutable, publish and rollback move
the pointer with their audit entry, and the learning loop reads its gates from the current one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.ai.config import store as ai_configs
from shared.ai.config.model import AIConfig, default_config
from shared.learning.policy import policy_of
from shared.platform import audit
from shared.platform.docstore import DocumentStore
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.errors import Conflict, NotFoundError

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
LATER, LATEST = NOW + timedelta(minutes=1), NOW + timedelta(minutes=2)  # audit is newest first


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteDocumentStore]:
    opened = SqliteDocumentStore(tmp_path / "ai.sqlite")
    yield opened
    opened.close()


def version(**changes: object) -> AIConfig:
    """A new version of the default (unique: parsed versions are cached per process)."""
    name = f"v-{uuid.uuid4().hex[:8]}"
    return default_config().model_copy(update={"version": name, "note": "test"} | changes)


def entries(store: DocumentStore) -> list[audit.AuditEntry]:
    return audit.read(store, audit.AuditQuery(entity="ai_config")).entries


def test_nothing_published_means_the_shipped_default(store: SqliteDocumentStore) -> None:
    assert ai_configs.current(store) == default_config()
    assert ai_configs.get(store, "default") == default_config()  # what early turns ran under
    assert ai_configs.versions(store) == []
    with pytest.raises(NotFoundError):
        ai_configs.get(store, "v-never")


def test_publish_makes_a_version_current_with_its_audit_entry(
    store: SqliteDocumentStore,
) -> None:
    ai_configs.seed(store, NOW)
    new = version(router_threshold=0.7, note="route more to the LLM")
    ai_configs.publish(store, new, actor="owner:kim", now=LATER)
    assert ai_configs.current(store).router_threshold == 0.7
    listed = ai_configs.versions(store)
    assert [(v.version, v.current) for v in listed] == [(new.version, True), ("default", False)]
    assert listed[0].note == "route more to the LLM" and listed[0].published_by == "owner:kim"
    latest = entries(store)[0]
    assert (latest.action, latest.actor, latest.entity_id) == (
        "ai_config.publish",
        "owner:kim",
        new.version,
    )
    assert latest.before == {"version": "default"} and latest.after == {"version": new.version}
    assert latest.reason == "route more to the LLM"


def test_a_version_is_never_rewritten(store: SqliteDocumentStore) -> None:
    first = version()
    ai_configs.publish(store, first, actor="owner:kim", now=NOW)
    again = first.model_copy(update={"cache_threshold": 0.99})
    with pytest.raises(Conflict) as refused:
        ai_configs.publish(store, again, actor="owner:kim", now=NOW)
    assert refused.value.code == "ai_config_version_exists"
    assert ai_configs.get(store, first.version).cache_threshold == first.cache_threshold
    assert len(entries(store)) == 1


def test_a_publish_overtaken_by_another_is_refused(store: SqliteDocumentStore) -> None:
    ai_configs.seed(store, NOW)
    mine, theirs = version(), version()
    ai_configs.publish(store, theirs, actor="admin:lee", now=NOW, based_on="default")
    with pytest.raises(Conflict) as refused:
        ai_configs.publish(store, mine, actor="owner:kim", now=NOW, based_on="default")
    assert refused.value.code == "ai_config_changed"
    assert ai_configs.current(store).version == theirs.version
    ai_configs.publish(store, mine, actor="owner:kim", now=NOW, based_on=theirs.version)
    assert ai_configs.current(store).version == mine.version


def test_rollback_repoints_to_the_earlier_version_and_is_audited(
    store: SqliteDocumentStore,
) -> None:
    ai_configs.seed(store, NOW)
    new = version(cache_threshold=0.97)
    ai_configs.publish(store, new, actor="owner:kim", now=LATER)
    back = ai_configs.rollback(store, "default", actor="admin:lee", now=LATEST, note="too strict")
    assert back == default_config() and ai_configs.current(store) == default_config()
    assert [v.version for v in ai_configs.versions(store) if v.current] == ["default"]
    latest = entries(store)[0]
    assert (latest.action, latest.actor, latest.reason) == (
        "ai_config.rollback",
        "admin:lee",
        "too strict",
    )
    assert latest.before == {"version": new.version} and latest.after == {"version": "default"}
    with pytest.raises(Conflict) as twice:
        ai_configs.rollback(store, "default", actor="admin:lee", now=NOW)
    assert twice.value.code == "ai_config_already_current"
    with pytest.raises(NotFoundError):
        ai_configs.rollback(store, "v-never", actor="admin:lee", now=NOW)
    assert len(entries(store)) == 3  # seed, publish, rollback: refusals leave no entry


def test_a_store_that_never_stored_the_default_can_roll_back_to_it(
    store: SqliteDocumentStore,
) -> None:
    with pytest.raises(Conflict):  # nothing published: the default is already current
        ai_configs.rollback(store, "default", actor="admin:lee", now=NOW)
    ai_configs.publish(store, version(router_threshold=0.9), actor="owner:kim", now=NOW)
    assert ai_configs.rollback(store, "default", actor="admin:lee", now=LATER) == default_config()
    assert ai_configs.current(store) == default_config()


def test_the_learning_loop_reads_the_gates_of_the_current_version(
    store: SqliteDocumentStore,
) -> None:
    learning = default_config().learning.model_copy(update={"reverse_sample": 0.9})
    ai_configs.publish(store, version(learning=learning), actor="owner:kim", now=NOW)
    assert policy_of(store).reverse_sample == 0.9
