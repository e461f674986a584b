"""The vector index contract, run against the numpy adapter and Vertex (through a fake)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from shared.platform.vectors import NumpyVectorIndex, VectorIndex, VectorIndexError
from shared.platform.vertex_vectors import VertexVectorSearch
from tests.support.fake_vertex import FakeVertex, bearer, running_fake_vertex

EAST, NORTH, NORTHEAST, WEST = [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [-1.0, 0.0, 0.0]


@pytest.fixture
def fake_vertex() -> Iterator[FakeVertex]:
    with running_fake_vertex() as fake:
        yield fake


@pytest.fixture(params=["numpy", "vertex"])
def index(request: pytest.FixtureRequest) -> VectorIndex:
    if request.param == "numpy":
        return NumpyVectorIndex()
    fake: FakeVertex = request.getfixturevalue("fake_vertex")
    return VertexVectorSearch(**fake.adapter_kwargs())


def _seed(index: VectorIndex) -> None:
    index.upsert(
        "faq",
        [
            ("east", EAST, {"market": "la", "active": True}),
            ("north", NORTH, {"market": "sf", "active": True}),
            ("northeast", NORTHEAST, {"market": "la", "active": False, "rank": 2}),
            ("west", WEST, {"market": "sf", "active": True}),
        ],
    )


def test_query_orders_by_cosine_and_returns_metadata(index: VectorIndex) -> None:
    _seed(index)
    matches = index.query("faq", [2.0, 0.1, 0.0], k=3)
    assert [m.id for m in matches] == ["east", "northeast", "north"]
    assert matches[0].score == pytest.approx(0.99875, abs=1e-4)  # normalised: a cosine
    assert matches[1].score == pytest.approx(0.7424, abs=1e-3)
    assert matches[1].metadata == {"market": "la", "active": False, "rank": 2}


def test_k_bounds_the_answer(index: VectorIndex) -> None:
    _seed(index)
    assert len(index.query("faq", EAST, k=10)) == 4
    assert index.query("faq", EAST, k=0) == []


def test_where_is_an_equality_filter_on_every_key(index: VectorIndex) -> None:
    _seed(index)
    assert [m.id for m in index.query("faq", EAST, 10, where={"market": "la"})] == [
        "east",
        "northeast",
    ]
    both = index.query("faq", EAST, 10, where={"market": "sf", "active": True})
    assert [m.id for m in both] == ["north", "west"]
    assert index.query("faq", EAST, 10, where={"market": "ny"}) == []


def test_where_on_a_key_an_item_lacks_excludes_it(index: VectorIndex) -> None:
    _seed(index)
    assert [m.id for m in index.query("faq", EAST, 10, where={"rank": 2})] == ["northeast"]


def test_where_distinguishes_types(index: VectorIndex) -> None:
    _seed(index)
    assert index.query("faq", EAST, 10, where={"rank": "2"}) == []


def test_upsert_replaces_vector_and_metadata(index: VectorIndex) -> None:
    _seed(index)
    index.upsert("faq", [("west", EAST, {"market": "ny"})])
    top = index.query("faq", EAST, 2)
    assert {m.id for m in top} == {"east", "west"}
    assert next(m for m in top if m.id == "west").metadata == {"market": "ny"}
    assert len(index.query("faq", EAST, 10)) == 4


def test_delete_removes_only_the_given_ids(index: VectorIndex) -> None:
    _seed(index)
    index.delete("faq", ["east", "missing"])
    assert [m.id for m in index.query("faq", EAST, 10)] == ["northeast", "north", "west"]


def test_namespaces_are_isolated(index: VectorIndex) -> None:
    _seed(index)
    index.upsert("menu", [("east", WEST, {"market": "la"})])
    assert [m.id for m in index.query("menu", EAST, 10)] == ["east"]
    assert index.query("menu", EAST, 10)[0].score == pytest.approx(-1.0)
    index.delete("menu", ["east"])
    assert index.query("menu", EAST, 10) == []
    assert index.query("faq", EAST, 1)[0].id == "east"
    assert index.query("empty", EAST, 10) == []


def test_bad_vectors_and_metadata_are_refused(index: VectorIndex) -> None:
    with pytest.raises(ValueError):
        index.upsert("faq", [("zero", [0.0, 0.0, 0.0], {})])
    with pytest.raises(ValueError):
        index.upsert("faq", [("nested", EAST, {"tags": ["a"]})])  # type: ignore[dict-item]


def test_numpy_index_is_safe_under_concurrent_writers() -> None:
    index = NumpyVectorIndex()

    def write(worker: int) -> None:
        for i in range(200):
            index.upsert("ns", [(f"{worker}-{i}", [1.0, float(i), float(worker)], {"w": worker})])
            if i % 3 == 0:
                index.delete("ns", [f"{worker}-{i}"])

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    found = index.query("ns", [1.0, 0.0, 0.0], k=10_000)
    assert len(found) == 4 * (200 - 67)
    for worker in range(4):
        assert len(index.query("ns", [1.0, 0.0, 0.0], 10_000, where={"w": worker})) == 133


def test_vertex_requests_have_the_rest_shapes(fake_vertex: FakeVertex) -> None:
    index = VertexVectorSearch(**fake_vertex.adapter_kwargs())
    index.upsert("faq", [("a", [3.0, 4.0], {"market": "la"})])
    index.query("faq", [1.0, 0.0], 5, where={"market": "la"})
    index.delete("faq", ["a"])
    upsert, find, remove = (r.json() for r in fake_vertex.rest.requests)
    assert upsert == {
        "datapoints": [
            {
                "datapointId": "faq/a",
                "featureVector": pytest.approx([0.6, 0.8]),
                "restricts": [
                    {"namespace": "_ns", "allowList": ["faq"]},
                    {"namespace": "md.market", "allowList": ['"la"']},
                ],
            }
        ]
    }
    assert find["deployedIndexId"] == "deployed_1"
    assert find["returnFullDatapoint"] is True
    assert find["queries"][0]["neighborCount"] == 5
    assert find["queries"][0]["datapoint"]["restricts"] == upsert["datapoints"][0]["restricts"]
    assert remove == {"datapointIds": ["faq/a"]}
    paths = [r.path for r in fake_vertex.rest.requests]
    assert paths[0].endswith("/indexes/idx-1:upsertDatapoints")
    assert paths[1].endswith("/indexEndpoints/ep-1:findNeighbors")


def test_vertex_retries_transient_errors(fake_vertex: FakeVertex) -> None:
    fake_vertex.fail_next.extend([503, 429])
    index = VertexVectorSearch(**fake_vertex.adapter_kwargs())
    index.upsert("faq", [("a", EAST, {})])
    assert index.query("faq", EAST, 1)[0].id == "a"
    assert len(fake_vertex.rest.requests) == 4


def test_vertex_errors_are_typed_and_not_retried_when_permanent(fake_vertex: FakeVertex) -> None:
    kwargs = fake_vertex.adapter_kwargs() | {"credentials": bearer("wrong")}
    with pytest.raises(VectorIndexError, match=r"HTTP 403 caller lacks aiplatform\.indexes"):
        VertexVectorSearch(**kwargs).query("faq", EAST, 1)
    assert len(fake_vertex.rest.requests) == 1
