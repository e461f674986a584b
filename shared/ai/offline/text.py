"""One lowercase spelling of a message that every extractor matches against, and masking.

Each extractor removes what it understood (a date, a price, a time) by replacing it with
`MASK`, so a later extractor never reads the same digits as something else: the "6" of
"6pm" can never become a guest count.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MASK = " § "

# Typographic quotes and dashes, no-break space.
_CHARS = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u00bf": " ",
        "\u00a1": " ",
    }
)
_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")
_SPACES = re.compile(r"[ \t]+")
# Texting shorthand -> the words the extractors know.
_SHORTHAND = {
    "tmrw": "tomorrow",
    "tmrow": "tomorrow",
    "tmr": "tomorrow",
    "tmw": "tomorrow",
    "tomm": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "tonite": "tonight",
    "nite": "night",
    "xmas": "christmas",
    "x-mas": "christmas",
    "nye": "new year's eve",
    "wknd": "weekend",
    "wkend": "weekend",
    "ppl": "people",
    "peeps": "people",
    "thx": "thanks",
    "thnx": "thanks",
    "ty": "thanks",
    "pls": "please",
    "plz": "please",
    "r": "are",
    "u": "you",
    "ur": "your",
    "abt": "about",
    "approx": "about",
    "appx": "about",
    "b4": "before",
    "hrs": "hours",
    "yrs": "years",
    "fourty": "forty",
    "ninty": "ninety",
}
_SHORTHAND_WORD = re.compile(
    r"(?<![\w'-])("
    + "|".join(map(re.escape, sorted(_SHORTHAND, key=len, reverse=True)))
    + r")(?![\w'])"
)
_WITH = re.compile(r"\bw/o\b|\bw/(?=[\s\w])")


def fold_accents(text: str) -> str:
    """ "sábado" -> "sabado", "niños" -> "ninos": customers type Spanish with and without
    accents, so every extractor matches one spelling."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Lowercase, accents folded, plain quotes and dashes (the Spanish "¿" and "¡" dropped),
    one space, line breaks as clause breaks."""
    text = _LINE_BREAK.sub(" ; ", fold_accents(text.translate(_CHARS).strip()).lower())
    text = _WITH.sub(lambda m: "without" if m.group() == "w/o" else "with ", text)
    text = _SHORTHAND_WORD.sub(lambda m: _SHORTHAND[m.group(1)], text)
    return _SPACES.sub(" ", text)


def take(pattern: re.Pattern[str], text: str, keep: Callable[[re.Match[str]], bool]) -> str:
    """`text` with every match `keep` accepts masked; `keep` sees each match once, in order."""
    return pattern.sub(lambda m: MASK if keep(m) else m.group(), text)
