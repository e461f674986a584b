"""The head count a message mentions, in digits or words ("seventy-five guests").

Only numbers tied to people count: "2 chefs", "our 75th anniversary" and "turning 90" do
not. Adults, kids and toddlers add up; a range counts its top ("30-40 people"); a stated
total ("20 guests: 15 adults and 5 kids") is not added to its own parts.
"""

from __future__ import annotations

import re

# fmt: off
_UNIT_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
# fmt: on
_TEN_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = {word: value for value, word in enumerate(_UNIT_WORDS)}
_TENS = {word: 10 * (i + 2) for i, word in enumerate(_TEN_WORDS)}
_WORD = "|".join([*_UNIT_WORDS[1:], *_TEN_WORDS, "hundred", "dozen"])
# A run of number words ("one hundred and twenty", "seventy-five"), possibly after "a".
_NUMBER_WORDS = re.compile(rf"\b(?:a|an|{_WORD})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_WORD}))*\b")
_TOTAL_NOUNS = (
    r"people|ppl|persons|guests?|pax|heads|attendees|folks|friends|employees|coworkers|students"
    r"|personas|invitados|invitadas|comensales"
)
_PART_NOUNS = (
    r"adults?|kids?|kiddos?|children|child|toddlers?|teens?|teenagers?|seniors?|babies"
    r"|adultos|ninos|niños|ninas|niñas|bebes|bebés"
)
_COUNT = r"(\d{1,4})(?:\s*(?:-|to|or)\s*(\d{1,4}))?\+?"
_FILLER = r"(?:\s+(?:or so|ish|total|hungry|more|grown|little|of us))?"
_TOTAL = re.compile(
    rf"\b{_COUNT}{_FILLER}\s*(?:{_TOTAL_NOUNS})\b"
    rf"|\b(?:party|group|event|dinner|reception|wedding|picnic|headcount|guest count|crowd"
    rf"|fiesta|grupo|evento|cena|boda)"
    rf" (?:of|for|is|will be|around|about|de|para)\s+"
    rf"(?:about |around |roughly |maybe )?{_COUNT}"
)
_PART = re.compile(rf"\b{_COUNT}{_FILLER}\s*(?:{_PART_NOUNS})\b")


def _words_to_number(phrase: str) -> int:
    value = 0
    for word in re.split(r"[\s-]+", phrase):
        if word in _UNITS:
            value += _UNITS[word]
        elif word in _TENS:
            value += _TENS[word]
        elif word in ("hundred", "dozen"):  # "a hundred", "two dozen"
            value = max(value, 1) * (100 if word == "hundred" else 12)
    return value


def _digits(text: str) -> str:
    """Number words spelled as digits, so one set of patterns reads both."""

    def replace(match: re.Match[str]) -> str:
        phrase = match.group(0)
        return phrase if phrase in ("a", "an") else str(_words_to_number(phrase))

    return _NUMBER_WORDS.sub(replace, text)


def _top(match: re.Match[str]) -> int:
    return max(int(g) for g in match.groups() if g is not None)


def party_size(text: str) -> int | None:
    """The largest head count the message gives, or None when it gives none."""
    normalised = _digits(text.lower().replace(",", ""))
    totals = [_top(m) for m in _TOTAL.finditer(normalised)]
    parts = sum(_top(m) for m in _PART.finditer(normalised))
    if not totals and not parts:
        return None
    return max([*totals, parts])
