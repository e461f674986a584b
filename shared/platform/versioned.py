"""A business document owners edit without a deploy: immutable versions plus a pointer.

The price book, the AI configuration and the cost model all work alike: publishing
creates a version, moves the pointer and writes the audit entry in one transaction; a
rollback only moves the pointer back (audited too), so whatever recorded a version names
the exact document it used. Versions are never rewritten, which makes parsing each one
once per process safe: a reader pays one small pointer read. The shipped default stands
in until something is published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from shared.platform import audit
from shared.platform.docstore import AlreadyExists, Direction, DocumentStore, Order, Transaction
from shared.platform.errors import Conflict, NotFoundError

D = TypeVar("D", bound=BaseModel)

VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"


class VersionInfo(BaseModel):
    """One published version as listed (newest first); `document` is its stored body."""

    version: str
    published_at: datetime
    published_by: str
    current: bool = False
    document: dict[str, Any]


class NotedVersion(BaseModel):
    """A version as staff see it listed: when, by whom, and the note it was published with."""

    version: str
    note: str
    published_at: datetime
    published_by: str
    current: bool = False


class RollbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(pattern=VERSION_PATTERN, description="An earlier published version")
    note: str | None = Field(default=None, max_length=500, description="Kept in the audit log")


@dataclass
class VersionedDocuments(Generic[D]):
    """The versions of one document kind. `entity` names it in ids, error codes and the
    audit log (`price_book` -> `unknown_price_book`, `price_book.publish`); `label` in
    messages. With `default_published` the shipped default's version counts as published
    even in a store that never stored it (what readers ran under before any publish)."""

    collection: str
    entity: str
    label: str
    model: type[D]
    body: str  # the field of the stored version holding the document
    default: Callable[[], D]
    default_published: bool = False
    _parsed: dict[str, D] = field(default_factory=dict, repr=False)

    @property
    def pointer(self) -> tuple[str, str]:
        return ("_meta", self.entity)

    def _version_of(self, document: D) -> str:
        version: str = getattr(document, "version")  # noqa: B009 - every kind has one
        return version

    def _unknown(self, version: str) -> NotFoundError:
        return NotFoundError(f"unknown_{self.entity}", f"no {self.label} version {version!r}")

    def _is_default(self, version: str) -> bool:
        return self.default_published and version == self._version_of(self.default())

    def get(self, store: DocumentStore, version: str) -> D:
        if version in self._parsed:  # published versions are never rewritten or deleted
            return self._parsed[version]
        data = store.get(self.collection, version)
        if data is None and self._is_default(version):
            return self.default()
        if data is None:
            raise self._unknown(version)
        self._parsed[version] = self.model.model_validate(data[self.body])
        return self._parsed[version]

    def current(self, store: DocumentStore) -> D:
        pointer = store.get(*self.pointer)
        if pointer is None:
            return self.default()
        return self.get(store, pointer["version"])

    def _pointed(self, tx: Transaction) -> str | None:
        pointer = tx.get(*self.pointer)
        return str(pointer["version"]) if pointer else None

    def _audit(
        self,
        tx: Transaction,
        action: str,
        *,
        version: str,
        before: str | None,
        actor: str,
        now: datetime,
        reason: str | None,
    ) -> None:
        audit.record(
            tx,
            actor=actor,
            action=f"{self.entity}.{action}",
            entity=self.entity,
            entity_id=version,
            now=now,
            before={"version": before} if before else None,
            after={"version": version},
            reason=reason,
        )

    def publish(
        self,
        store: DocumentStore,
        document: D,
        *,
        actor: str,
        now: datetime,
        based_on: str | None = None,
        reason: str | None = None,
    ) -> D:
        """Make `document` current. Its version must be new (409 otherwise); with
        `based_on` (the version the editor started from) a publish that someone else's
        overtook is a 409 too, so two owners editing at once cannot undo each other."""
        version = self._version_of(document)

        def attempt(tx: Transaction) -> None:
            before = self._pointed(tx)
            shown = before or self._version_of(self.default())
            if based_on is not None and based_on != shown:
                raise Conflict(
                    f"{self.entity}_changed",
                    f"version {before} was published after {based_on}; review it and publish again",
                )
            # A default that counts as published already names a document: only it may be
            # stored under that version, or what ran under it would change after the fact.
            taken = self._is_default(version) and document != self.default()
            if taken or tx.get(self.collection, version) is not None:
                raise Conflict(f"{self.entity}_version_exists", f"version {version} already exists")
            tx.create(
                self.collection,
                version,
                {
                    self.body: document.model_dump(mode="json"),
                    "published_at": now,
                    "published_by": actor,
                },
            )
            tx.set(*self.pointer, {"version": version})
            self._audit(
                tx, "publish", version=version, before=before, actor=actor, now=now, reason=reason
            )

        try:
            store.run_transaction(attempt)
        except AlreadyExists as exc:
            raise Conflict(f"{self.entity}_version_exists", str(exc)) from exc
        return document

    def rollback(
        self,
        store: DocumentStore,
        version: str,
        *,
        actor: str,
        now: datetime,
        note: str | None = None,
    ) -> D:
        """Make the published `version` current again (the pointer moves; nothing is copied)."""

        def attempt(tx: Transaction) -> None:
            before = self._pointed(tx)
            if tx.get(self.collection, version) is None and not self._is_default(version):
                raise self._unknown(version)
            if (before or self._version_of(self.default())) == version:
                raise Conflict(
                    f"{self.entity}_already_current", f"version {version} is already current"
                )
            tx.set(*self.pointer, {"version": version})
            self._audit(
                tx, "rollback", version=version, before=before, actor=actor, now=now, reason=note
            )

        store.run_transaction(attempt)
        return self.get(store, version)

    def versions(self, store: DocumentStore) -> list[VersionInfo]:
        pointer = store.get(*self.pointer) or {}
        docs = store.query(self.collection, order_by=[Order("published_at", Direction.DESC)])
        return [
            VersionInfo(
                version=d.id,
                published_at=d.data["published_at"],
                published_by=d.data["published_by"],
                current=d.id == pointer.get("version"),
                document=d.data[self.body],
            )
            for d in docs
        ]

    def noted_versions(self, store: DocumentStore) -> list[NotedVersion]:
        """The versions with the note each document carries (kinds that have one)."""
        return [
            NotedVersion(
                version=v.version,
                note=v.document.get("note", ""),
                published_at=v.published_at,
                published_by=v.published_by,
                current=v.current,
            )
            for v in self.versions(store)
        ]

    def seed(self, store: DocumentStore, now: datetime, *, reason: str | None = None) -> str:
        """Publish the shipped default into an empty store; the current version."""
        if store.get(*self.pointer) is None:
            self.publish(store, self.default(), actor="seed", now=now, reason=reason)
        return self._version_of(self.current(store))
