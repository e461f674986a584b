"""Exemplar files, their cache key, and the shipped embedding matrix."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from shared.ai.embeddings import DIMENSION, LocalMiniLM
from shared.ai.router.exemplars import (
    VECTORS_FILE,
    Exemplars,
    exemplar_vectors,
    load_exemplars,
    write_vectors,
)
from shared.ai.router.model import AGENTS


class CountingEmbedder:
    """Deterministic fake vectors, counting how many texts it was asked to embed."""

    model_id = "fake"

    def __init__(self) -> None:
        self.embedded = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        rows = np.array([[sum(map(ord, t)) % 97 + 1, len(t), 1.0] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_every_agent_has_enough_distinct_exemplars() -> None:
    exemplars = load_exemplars()
    counts = Counter(exemplars.agents)
    assert set(counts) == set(AGENTS)
    assert min(counts.values()) >= 50
    normalised = [t.lower().strip(" ?!.") for t in exemplars.texts]
    assert [t for t, n in Counter(normalised).items() if n > 1] == []


def test_key_changes_with_texts_labels_and_model() -> None:
    base = Exemplars(("how much?", "book me"), ("lead", "operations"))
    assert base.key("m") == Exemplars(("how much?", "book me"), ("lead", "operations")).key("m")
    assert base.key("m") != base.key("other-model")
    assert base.key("m") != Exemplars(("how much??", "book me"), ("lead", "operations")).key("m")
    assert base.key("m") != Exemplars(("how much?", "book me"), ("lead", "care")).key("m")


def test_comments_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    for agent in AGENTS:
        (tmp_path / f"{agent}.txt").write_text(f"# header\n\n{agent} one\n  {agent} two  \n")
    exemplars = load_exemplars(tmp_path)
    assert exemplars.texts[:2] == ("lead one", "lead two")
    assert len(exemplars.texts) == 2 * len(AGENTS)


def test_vectors_come_from_the_file_while_fresh_and_are_re_embedded_when_stale(
    tmp_path: Path,
) -> None:
    path = tmp_path / "vectors.npz"
    exemplars = Exemplars(("a", "bb", "ccc"), ("lead", "lead", "care"))
    embedder = CountingEmbedder()
    write_vectors(exemplars, embedder, path)
    assert embedder.embedded == 3
    loaded = exemplar_vectors(exemplars, embedder, path)
    assert embedder.embedded == 3 and loaded.shape == (3, 3) and loaded.dtype == np.float32
    changed = Exemplars(("a", "bb", "dddd"), ("lead", "lead", "care"))
    assert exemplar_vectors(changed, embedder, path).shape == (3, 3)
    assert embedder.embedded == 6
    assert exemplar_vectors(exemplars, embedder, tmp_path / "missing.npz").shape == (3, 3)


def test_the_shipped_matrix_matches_the_exemplars_and_the_model() -> None:
    """Fails after an exemplar edit until `python -m shared.ai.router.exemplars` is re-run."""
    exemplars, embedder = load_exemplars(), LocalMiniLM()
    with np.load(VECTORS_FILE, allow_pickle=False) as shipped:
        assert str(shipped["key"]) == exemplars.key(embedder.model_id), "stale: rebuild it"
        vectors = shipped["vectors"].astype(np.float32)
    assert vectors.shape == (len(exemplars.texts), DIMENSION)
    sample = [0, len(exemplars.texts) // 2, len(exemplars.texts) - 1]
    fresh = embedder.embed([exemplars.texts[i] for i in sample])
    np.testing.assert_allclose(vectors[sample], fresh, atol=2e-3)
