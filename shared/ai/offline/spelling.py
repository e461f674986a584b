"""Fix one-letter typos in the words extraction depends on ("chiken", "adutls", "saturdy").

Only words of six letters or more are corrected, only to a word of the domain vocabulary,
only when exactly one vocabulary word is one edit away (insert, delete, substitute, swap
neighbours) and never between singular and plural ("saturdays" stays: it is not a date).
Number words are not in the vocabulary: "thirsty" must not become "thirty".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MIN_LENGTH = 6
_WORD = re.compile(rf"[a-z]{{{MIN_LENGTH},}}")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """Optimal string alignment distance of exactly one."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return diff == [i, i + 1] and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = sorted((a, b), key=len)
    return short in _deletes(long)


class Speller:
    """Corrects words against a fixed vocabulary; answers are memoised per word."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._vocabulary = frozenset(vocabulary)
        self._by_delete: dict[str, set[str]] = {}
        for word in self._vocabulary:
            for key in {word} | _deletes(word):
                self._by_delete.setdefault(key, set()).add(word)
        self._memo: dict[str, str] = {}

    def correct_word(self, word: str) -> str:
        if word in self._vocabulary or len(word) < MIN_LENGTH:
            return word
        if (found := self._memo.get(word)) is not None:
            return found
        candidates: set[str] = set()
        for key in {word} | _deletes(word):
            candidates |= self._by_delete.get(key, set())
        matches = [c for c in candidates if _one_edit(word, c) and word not in (c + "s", c[:-1])]
        found = matches[0] if len(matches) == 1 else word
        if len(self._memo) < 10_000:
            self._memo[word] = found
        return found

    def correct(self, text: str) -> str:
        """`text` (normalised) with each word of MIN_LENGTH letters or more corrected."""
        return _WORD.sub(lambda m: self.correct_word(m.group()), text)
