"""Fixtures that run a contract test once per document store adapter."""

from __future__ import annotations

import threading
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from shared.platform.docstore import DocumentStore

KINDS = ["sqlite", pytest.param("firestore", marks=pytest.mark.emulator)]


def open_store(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> DocumentStore:
    if kind == "sqlite":
        from shared.platform.docstore.sqlite import SqliteDocumentStore

        return SqliteDocumentStore(tmp_path / "contract.db")
    from shared.platform.docstore.firestore import FirestoreDocumentStore

    emulator = request.getfixturevalue("firestore_emulator")
    with pytest.MonkeyPatch.context() as env:  # the client reads it once, when built
        env.setenv("FIRESTORE_EMULATOR_HOST", emulator.host)
        return FirestoreDocumentStore(emulator.project)


def clear_firestore(request: pytest.FixtureRequest) -> None:
    """Empty the emulator's database (for tests that use fixed collection names)."""
    emulator = request.getfixturevalue("firestore_emulator")
    url = (
        f"http://{emulator.host}/emulator/v1/projects/{emulator.project}"
        "/databases/(default)/documents"
    )
    urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=30).close()


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DocumentStore]:
    opened = open_store(request.param, request, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def empty_store(request: pytest.FixtureRequest, store: DocumentStore) -> DocumentStore:
    """`store`, with nothing in it at all (Firestore's emulator is shared by the run)."""
    if "firestore" in request.node.callspec.id:
        clear_firestore(request)
    return store


@pytest.fixture
def collection() -> str:
    """A collection no other test uses, so tests can share one emulator."""
    return f"c{uuid.uuid4().hex[:12]}"


def in_threads(n: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(i) in n threads released together; results or raised exceptions, in order."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return results
