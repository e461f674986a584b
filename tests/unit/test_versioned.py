"""shared.platform.versioned on the embedded store: publish, list, roll back, the 409s and
404s, the audit entries each change writes, and the shipped default standing in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from shared.platform import audit
from shared.platform.docstore import DocumentStore
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.errors import Conflict, NotFoundError
from shared.platform.versioned import VersionedDocuments

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)


class Menu(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: str = "shipped"
    note: str = ""
    dishes: int = 3


def documents(default_published: bool = False) -> VersionedDocuments[Menu]:
    return VersionedDocuments(
        collection="menus",
        entity="menu",
        label="menu",
        model=Menu,
        body="menu",
        default=Menu,
        default_published=default_published,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteDocumentStore]:
    db = SqliteDocumentStore(tmp_path / "docs.db")
    yield db
    db.close()


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def actions(store: DocumentStore) -> list[tuple[str, str, str | None, str | None]]:
    """The audit log oldest first: (action, version, version before, reason)."""
    entries = audit.read(store, audit.AuditQuery(entity="menu")).entries
    return [
        (e.action, e.entity_id, (e.before or {}).get("version"), e.reason)
        for e in reversed(entries)
    ]


def test_the_default_stands_in_until_a_publish(store: SqliteDocumentStore) -> None:
    menus = documents()
    assert menus.current(store) == Menu() and menus.versions(store) == []
    menus.publish(store, Menu(version="v1", dishes=5), actor="owner", now=at(1), reason="more")
    assert menus.current(store) == Menu(version="v1", dishes=5)
    [listed] = menus.versions(store)
    assert (listed.version, listed.published_by, listed.current) == ("v1", "owner", True)
    assert listed.document == {"version": "v1", "note": "", "dishes": 5}
    assert actions(store) == [("menu.publish", "v1", None, "more")]


def test_versions_are_newest_first_with_their_notes(store: SqliteDocumentStore) -> None:
    menus = documents()
    menus.publish(store, Menu(version="v1", note="first"), actor="a", now=at(1))
    menus.publish(store, Menu(version="v2", note="second"), actor="b", now=at(2))
    assert [(v.version, v.note, v.current) for v in menus.noted_versions(store)] == [
        ("v2", "second", True),
        ("v1", "first", False),
    ]


def test_a_version_is_never_published_twice(store: SqliteDocumentStore) -> None:
    menus = documents()
    menus.publish(store, Menu(version="v1"), actor="a", now=at(1))
    with pytest.raises(Conflict) as exists:
        menus.publish(store, Menu(version="v1", dishes=9), actor="a", now=at(2))
    assert exists.value.code == "menu_version_exists"
    assert menus.current(store).dishes == 3  # the first body stays
    assert len(actions(store)) == 1


def test_based_on_refuses_a_publish_someone_else_overtook(store: SqliteDocumentStore) -> None:
    menus = documents()
    menus.publish(store, Menu(version="v1"), actor="a", now=at(1), based_on="shipped")
    menus.publish(store, Menu(version="v2"), actor="b", now=at(2), based_on="v1")
    with pytest.raises(Conflict) as stale:
        menus.publish(store, Menu(version="v3"), actor="a", now=at(3), based_on="v1")
    assert stale.value.code == "menu_changed" and "v2" in stale.value.detail
    assert menus.current(store).version == "v2" and store.get("menus", "v3") is None


def test_rollback_moves_the_pointer_and_is_audited(store: SqliteDocumentStore) -> None:
    menus = documents()
    menus.publish(store, Menu(version="v1", dishes=4), actor="a", now=at(1))
    menus.publish(store, Menu(version="v2", dishes=6), actor="a", now=at(2))
    back = menus.rollback(store, "v1", actor="owner", now=at(3), note="v2 was wrong")
    assert back == menus.current(store) == Menu(version="v1", dishes=4)
    assert [v.version for v in menus.versions(store) if v.current] == ["v1"]
    assert len(menus.versions(store)) == 2  # nothing copied, nothing deleted
    assert actions(store)[-1] == ("menu.rollback", "v1", "v2", "v2 was wrong")


def test_rollback_refuses_unknown_and_current_versions(store: SqliteDocumentStore) -> None:
    menus = documents()
    menus.publish(store, Menu(version="v1"), actor="a", now=at(1))
    with pytest.raises(NotFoundError) as unknown:
        menus.rollback(store, "v9", actor="a", now=at(2))
    assert unknown.value.code == "unknown_menu"
    with pytest.raises(Conflict) as current:
        menus.rollback(store, "v1", actor="a", now=at(2))
    assert current.value.code == "menu_already_current"
    with pytest.raises(NotFoundError):  # never stored, and this kind's default is not published
        menus.rollback(store, "shipped", actor="a", now=at(2))
    assert [a for a, *_ in actions(store)] == ["menu.publish"]


def test_a_published_default_can_be_rolled_back_to(store: SqliteDocumentStore) -> None:
    menus = documents(default_published=True)
    with pytest.raises(Conflict):  # it is what readers already use
        menus.rollback(store, "shipped", actor="a", now=at(1))
    menus.publish(store, Menu(version="v1", dishes=8), actor="a", now=at(1))
    assert menus.rollback(store, "shipped", actor="a", now=at(2)) == Menu()
    assert menus.get(store, "shipped") == Menu() and menus.current(store) == Menu()


def test_a_published_default_s_version_names_only_the_default(store: SqliteDocumentStore) -> None:
    menus = documents(default_published=True)
    with pytest.raises(Conflict) as taken:
        menus.publish(store, Menu(dishes=9), actor="a", now=at(1))
    assert taken.value.code == "menu_version_exists" and menus.current(store) == Menu()
    assert menus.seed(store, at(2)) == "shipped"  # the default itself may be stored


def test_get_reads_any_version_and_unknown_is_404(store: SqliteDocumentStore) -> None:
    menus = documents()
    menus.publish(store, Menu(version="v1", dishes=1), actor="a", now=at(1))
    menus.publish(store, Menu(version="v2", dishes=2), actor="a", now=at(2))
    assert menus.get(store, "v1").dishes == 1
    with pytest.raises(NotFoundError):
        menus.get(store, "v3")


def test_seed_publishes_the_default_once(store: SqliteDocumentStore) -> None:
    menus = documents()
    assert menus.seed(store, at(1), reason="first run") == "shipped"
    menus.publish(store, Menu(version="v1"), actor="a", now=at(2))
    assert menus.seed(store, at(3)) == "v1"  # a store with a pointer is left alone
    assert actions(store) == [
        ("menu.publish", "shipped", None, "first run"),
        ("menu.publish", "v1", "shipped", None),
    ]
