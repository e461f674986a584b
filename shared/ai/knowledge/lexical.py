"""Word-level (BM25) scores over the knowledge chunks, to sit beside the embedding scores.

MiniLM is English-centric: two Spanish texts look alike whatever they say, so "¿traen las
sillas?" lands on any Spanish chunk. Shared stems ("sillas" ~ "silla", "propano") are what
a Spanish question and its answer have in common, and in English they settle close calls
the embedding leaves ("propane", "Venmo"). Text is folded (lower case, no accents), stop
words dropped and words stemmed with the Snowball stemmer of the text's language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from shared.ai.knowledge.facts import Language

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_STOP: dict[Language, frozenset[str]] = {
    "en": frozenset(
        "a an the and or but if of to in on at for with from by about as is are was were be been"  # noqa: SIM905
        " do does did can could would should will shall may might must i me my we us our you your"
        " it its this that these those there here what which who whom how when where why any some"
        " have has had get got just so than then too very also not no yes please hi hello hey"
        " guys much many need want like know tell".split()
    ),
    "es": frozenset(
        "a al ante con contra de del desde en entre hacia hasta para por segun sin sobre tras el"  # noqa: SIM905
        " la los las un una unos unas y o u e ni que se su sus mi mis tu tus nuestro nuestra es"
        " son ser fue hay como cuando donde cual cuales quien lo le les me nos te ya si no muy mas"
        " este esta estos estas ese esa eso pero tambien hola usted ustedes cuanto cuanta cuantos"
        " cuantas necesito necesita necesitan puedo puede pueden quiero tengo tiene tienen hacer"
        " dar algo".split()
    ),
}
_STEMMERS = {"en": "english", "es": "spanish"}
_PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_]*\}")


@functools.cache
def _stemmer(language: Language) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(_STEMMERS[language])


def tokens(text: str, language: Language) -> list[str]:
    """The stems BM25 compares: folded words, no stop words, no placeholders."""
    folded = unicodedata.normalize("NFKD", _PLACEHOLDER.sub(" ", text).lower())
    words = re.findall(r"[a-z]+", "".join(c for c in folded if not unicodedata.combining(c)))
    kept = [w for w in words if w not in _STOP[language] and len(w) > 1]
    return list(_stemmer(language).stemWords(kept))


class LexicalIndex:
    """BM25 over (text, language) documents; `scores` are scaled so the best is 1."""

    def __init__(self, documents: Sequence[tuple[str, Language]]) -> None:
        from rank_bm25 import BM25Okapi

        corpus = [tokens(text, language) or ["_"] for text, language in documents]
        self._bm25 = BM25Okapi(corpus)

    def scores(self, query: str, language: Language) -> NDArray[np.float64]:
        import numpy as np

        raw = np.asarray(self._bm25.get_scores(tokens(query, language)), dtype=np.float64)
        top = float(raw.max()) if raw.size else 0.0
        return raw / top if top > 0 else np.zeros_like(raw)
