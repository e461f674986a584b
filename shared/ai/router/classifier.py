"""Nearest-exemplar classifier with a calibrated confidence.

An agent's score is the mean cosine of the query to that agent's `top_m` nearest exemplars
(less noisy than the single nearest, and not swamped by big agents like a plain k-NN vote).
Scores become probabilities through a softmax whose temperature is fitted, by leave-one-out
over the exemplars themselves, to minimise log loss: so a confidence of 0.8 means about
80% of such guesses are right, and the LLM-fallback threshold has a meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_TEMPERATURES = tuple(0.002 * 1.15**i for i in range(40))  # 0.002 .. ~0.47


class NearestExemplars:
    def __init__(
        self,
        vectors: NDArray[np.float32],
        agents: Sequence[str],
        labels: Sequence[str],
        top_m: int = 3,
    ) -> None:
        import numpy as np

        self.agents = tuple(agents)
        self._vectors = vectors
        label_index = np.array([self.agents.index(label) for label in labels])
        members = [np.flatnonzero(label_index == i) for i in range(len(self.agents))]
        if any(len(group) < top_m for group in members):
            raise ValueError(f"every agent needs at least {top_m} exemplars")
        # Each agent's exemplar columns, padded to one width with a column that is always
        # -inf, so all agents' top-m are taken in one partition instead of one per agent.
        width = max(len(group) for group in members)
        self._groups = np.full((len(members), width), len(labels))
        for i, group in enumerate(members):
            self._groups[i, : len(group)] = group
        self._top_m = top_m
        self.temperature = self._fit_temperature(label_index)

    def probabilities(self, queries: NDArray[np.float32]) -> NDArray[np.float64]:
        """(n, agents) calibrated probabilities for unit-length query rows."""
        return _softmax(self._scores(queries @ self._vectors.T), self.temperature)

    def _scores(self, similarities: NDArray[np.float32]) -> NDArray[np.float64]:
        import numpy as np

        rows, width = similarities.shape[0], self._groups.shape[1]
        padding = np.full((rows, 1), -np.inf, dtype=similarities.dtype)
        groups = np.concatenate([similarities, padding], axis=1)[:, self._groups]
        top = np.partition(groups, width - self._top_m, axis=2)[:, :, -self._top_m :]
        scores: NDArray[np.float64] = top.mean(axis=2).astype(np.float64)
        return scores

    def _fit_temperature(self, label_index: NDArray[np.int_]) -> float:
        """Leave-one-out over the exemplars: each scored against all the others."""
        import numpy as np

        similarities = self._vectors @ self._vectors.T
        np.fill_diagonal(similarities, -np.inf)
        scores = self._scores(similarities)
        rows = np.arange(len(label_index))

        def log_loss(temperature: float) -> float:
            p = _softmax(scores, temperature)[rows, label_index]
            return float(-np.log(np.clip(p, 1e-12, None)).mean())

        return min(_TEMPERATURES, key=log_loss)


def _softmax(scores: NDArray[np.float64], temperature: float) -> NDArray[np.float64]:
    import numpy as np

    z = scores / temperature
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    result: NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return result
