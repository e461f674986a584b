"""Labelled exemplar messages and their embedding matrix, shipped precomputed.

Embedding ~600 exemplars takes about two seconds, too long for a cold start, so the matrix
ships as `data/exemplar_vectors.npz` (float16, keyed by a hash of the exemplars and the
embedding model). A stale or missing file is never trusted: the exemplars are embedded in
memory instead (and a warning logged) until someone runs
`python -m shared.ai.router.exemplars` and commits the result; a test keeps it fresh.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shared.ai.router.model import AGENTS

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from shared.ai.embeddings import Embedder

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
EXEMPLAR_DIR = DATA_DIR / "exemplars"
VECTORS_FILE = DATA_DIR / "exemplar_vectors.npz"


@dataclass(frozen=True)
class Exemplars:
    """Texts and their agents, grouped by agent in `AGENTS` order."""

    texts: tuple[str, ...]
    agents: tuple[str, ...]

    def key(self, model_id: str) -> str:
        """Changes whenever a text, a label or the embedding model changes."""
        digest = hashlib.sha256(model_id.encode())
        for agent, text in zip(self.agents, self.texts, strict=True):
            digest.update(f"\n{agent}\t{text}".encode())
        return digest.hexdigest()[:32]


def load_exemplars(directory: Path = EXEMPLAR_DIR) -> Exemplars:
    """One `<agent>.txt` per agent: a message a line, blank lines and `#` comments skipped."""
    texts: list[str] = []
    agents: list[str] = []
    for agent in AGENTS:
        for line in (directory / f"{agent}.txt").read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if text and not text.startswith("#"):
                texts.append(text)
                agents.append(agent)
    return Exemplars(tuple(texts), tuple(agents))


def exemplar_vectors(
    exemplars: Exemplars, embedder: Embedder, path: Path = VECTORS_FILE
) -> NDArray[np.float32]:
    """The shipped matrix when its key matches, else a fresh embedding of the exemplars."""
    import numpy as np

    key = exemplars.key(embedder.model_id)
    try:
        with np.load(path, allow_pickle=False) as shipped:
            if str(shipped["key"]) == key:
                return np.asarray(shipped["vectors"], dtype=np.float32)
        log.warning("router exemplar vectors in %s are stale; embedding at start-up", path.name)
    except FileNotFoundError:
        log.warning("router exemplar vectors %s missing; embedding at start-up", path.name)
    return embedder.embed(exemplars.texts)


def extended_vectors(
    exemplars: Exemplars, extra: tuple[tuple[str, str], ...], embedder: Embedder
) -> tuple[NDArray[np.float32], tuple[str, ...]]:
    """The shipped matrix plus the `extra` (agent, text) rows, embedded here (a handful):
    the shipped file stays valid, so adding exemplars costs no re-embedding of the rest."""
    import numpy as np

    vectors = exemplar_vectors(exemplars, embedder)
    if not extra:
        return vectors, exemplars.agents
    added = embedder.embed([text for _, text in extra]).astype(np.float32)
    return np.vstack([vectors, added]), (*exemplars.agents, *(agent for agent, _ in extra))


def write_vectors(exemplars: Exemplars, embedder: Embedder, path: Path = VECTORS_FILE) -> str:
    """Embed the exemplars and store the matrix with its key; returns the key."""
    import numpy as np

    key = exemplars.key(embedder.model_id)
    vectors = embedder.embed(exemplars.texts).astype(np.float16)
    buffer = io.BytesIO()  # written whole, so a reader never sees half a file
    np.savez_compressed(buffer, key=np.array(key), vectors=vectors)
    path.write_bytes(buffer.getvalue())
    return key


if __name__ == "__main__":
    from shared.ai.embeddings import LocalMiniLM

    loaded = load_exemplars()
    print(f"{write_vectors(loaded, LocalMiniLM())}: {len(loaded.texts)} exemplars")
