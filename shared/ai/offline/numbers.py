"""Numbers written in words, rewritten as digits so every other extractor reads digits only.

"twenty-five guests" -> "25 guests", "a dozen" -> "12", "half a dozen" -> "6",
"a couple of kids" -> "2 kids", "the fifth" -> "the 5th", "one hundred and twenty" -> "120".
"one" stays a word where it is a pronoun ("the little one", "no one").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from shared.ai.offline.vocab import word_list

_UNITS = word_list(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = word_list("twenty thirty forty fifty sixty seventy eighty ninety")
_ORDINAL_UNITS = word_list(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_ORDINAL_TENS = word_list("twentieth thirtieth")

VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS)} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS)
}
_ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_ORDINAL_UNITS) if i} | {
    w: 20 + 10 * i for i, w in enumerate(_ORDINAL_TENS)
}


def _alternation(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_UNIT = _alternation(_UNITS[1:])
_DIGIT = _alternation(_UNITS[1:10])
_TEN = _alternation(_TENS)
_BELOW_100 = rf"(?:{_TEN}(?:[\s-]+{_DIGIT})?|{_UNIT})"
_CARDINAL = rf"(?:(?:a|{_DIGIT})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})"
_ORDINAL = rf"(?:(?:{_TEN}[\s-]+)?{_alternation(_ORDINALS)})"

_NUMBER_WORDS = re.compile(
    rf"\b(?:(?P<half>(?:a\s+)?half\s+(?:a\s+)?dozen)"
    rf"|(?P<dozens>(?:a|{_DIGIT})\s+dozen|dozen)"
    rf"|(?P<couple>a\s+couple(?:\s+of)?|couple\s+of)"
    rf"|(?P<ordinal>{_ORDINAL})"
    rf"|(?P<cardinal>{_CARDINAL}))\b"
)
_PRONOUN_BEFORE_ONE = re.compile(
    r"\b(?:little|young|loved|the|this|that|which|every|each|no|any|another|last|next|same|"
    r"other|big|special|lucky)\s+$"
)
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def words_value(words: str) -> int:
    """The value of a cardinal like "twenty-five" or "a hundred and two" (ValueError if not one)."""
    if not re.fullmatch(_CARDINAL, words):
        raise ValueError(f"not a number in words: {words!r}")
    total = 0
    for word in re.split(r"[\s-]+", words):
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in VALUES:
            total += VALUES[word]
    return total


def _ordinal_value(words: str) -> int:
    *tens, unit = re.split(r"[\s-]+", words)
    return sum(VALUES[t] for t in tens) + _ORDINALS[unit]


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, "th")


def _digits(match: re.Match[str]) -> str:
    text = match.group()
    if match["half"]:
        return "6"
    if match["dozens"]:
        first = text.split()[0]
        return str(12 * VALUES.get(first, 1))
    if match["couple"]:
        return "2"
    if match["ordinal"]:
        n = _ordinal_value(text)
        return f"{n}{_suffix(n)}"
    if text == "one" and _PRONOUN_BEFORE_ONE.search(match.string, 0, match.start()):
        return text
    return str(words_value(text))


def numeralise(text: str) -> str:
    """`text` (normalised) with every number written in words rewritten in digits."""
    return _NUMBER_WORDS.sub(_digits, text)
