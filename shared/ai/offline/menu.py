"""Proteins (with portions) and add-ons a customer asks for, by the price book's own names.

Names are the price book's normalised names and aliases; plurals and one-letter typos
are accepted. A number right before a protein is its portions ("two lobster tails",
"10 chicken", "filet x4"); a protein named without one ("filet for everyone") gets None:
portions not stated, which the policy takes as one per guest or asks about. A protein
in a negation ("no shrimp", "without lobster"), an allergy ("allergic to shrimp") or
followed by "each" / "per person" gets no portions from this message.

A word that could mean several proteins ("steak": NY strip or filet mignon) is never
resolved: it is reported in `Menu.ambiguous` for the policy to ask about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from shared.ai.offline.diet import ALLERGY_CLAUSE
from shared.ai.offline.spelling import Speller
from shared.ai.offline.text import MASK
from shared.ai.offline.vocab import GUEST_NOUN, word_list

Sort = Literal["protein", "addon", "ambiguous"]


@dataclass(frozen=True)
class Menu:
    proteins: dict[str, int | None] = field(default_factory=dict)
    ambiguous: dict[str, int | None] = field(default_factory=dict)
    addons: frozenset[str] = frozenset()


def _plurals(name: str) -> tuple[str, ...]:
    if name.endswith("s"):
        return (name,)
    return (name, name + ("es" if name.endswith(("x", "z", "ch", "sh")) else "s"))


def _words(name: str) -> str:
    return " ".join(re.split(r"[\s_-]+", name.casefold().strip()))


def derived_ambiguous(proteins: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """Head words shared by names of several proteins ("steak" in "strip steak" and
    "filet steak") that are not names themselves."""
    names = {_words(name): key for name, key in proteins}
    heads: dict[str, set[str]] = {}
    for name, key in names.items():
        *rest, head = name.split()
        if rest and head not in names:
            heads.setdefault(head, set()).add(key)
    return tuple(sorted(head for head, keys in heads.items() if len(keys) > 1))


_IDIOMS = re.compile(
    r"\bfor\s+(?:the\s+|goodness'?\s+|god'?s\s+|pete'?s\s+|heaven'?s\s+|christ'?s\s+)?sake"
    r"(?:\s+of)?\b|\bsake\s+of\b"
)
_NEGATION = re.compile(
    r"\b(?:no|not|without|except|minus|skip|hold the|don'?t (?:want|like|need|eat|do)|"
    r"do not (?:want|like|need|eat|do)|never|instead of|rather than|other than|hate|hates|"
    r"nothing)\b"
)
_CLAUSE_BREAK = re.compile(r".*(?:[.!?;,:]|\band\b|\bbut\b|\bplus\b|\d|§)")
_NEGATED_AFTER = re.compile(r"\s*(?:-?\s*free\b|allerg|intoleran)")
_PER_GUEST_AFTER = re.compile(
    r"\s*(?:each|apiece|per (?:person|guest|head|adult|plate)|a (?:person|head)|pp)\b"
)


class Lexicon:
    """The price book's menu names compiled into one pattern, plus a speller for them."""

    def __init__(
        self,
        proteins: tuple[tuple[str, str], ...],
        addons: tuple[tuple[str, str], ...],
        ambiguous: tuple[str, ...],
    ) -> None:
        self.names: dict[str, tuple[Sort, str]] = {}
        tables: tuple[tuple[Sort, Iterable[tuple[str, str]]], ...] = (
            ("ambiguous", [(a, _words(a)) for a in ambiguous]),
            ("addon", addons),
            ("protein", proteins),
        )
        for sort, table in tables:
            for name, key in table:
                for variant in _plurals(_words(name)):
                    self.names.setdefault(variant, (sort, key))
        alternation = "|".join(
            r"[\s-]+".join(map(re.escape, name.split()))
            for name in sorted(self.names, key=len, reverse=True)
        )
        self.pattern = re.compile(
            r"(?:(?<![\w.,/:$§-])(?P<count>\d{1,3})\s*(?:x\s*)?"
            r"(?:(?:orders?|portions?|servings?|pieces?|pcs|plates?)\s+(?:of\s+)?)?(?:the\s+)?)?"
            rf"\b(?P<name>{alternation})\b"
            rf"(?:\s*(?:x|:)\s*(?P<after>\d{{1,3}})\b(?!\s*{GUEST_NOUN}))?"
        )
        self.words = frozenset(w for name in self.names for w in name.split())
        self.speller = Speller(
            w for w in self.words | _DOMAIN_WORDS if len(w) >= 6 and w not in _NUMBER_WORDS
        )


_NUMBER_WORDS = frozenset(
    word_list(
        "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
        "thirty forty fifty sixty seventy eighty ninety hundred"
    )
)
# Words outside the price book that extraction depends on, for the speller.
_DOMAIN_WORDS = frozenset(
    word_list(
        """
    adults children toddlers guests people persons grownups teenagers infants attendees
    kiddos youngsters grandkids babies monday tuesday wednesday thursday friday saturday
    sunday january february september october november december august tomorrow tonight
    weekend christmas thanksgiving valentines halloween allergic allergy allergies shellfish
    peanuts peanut sesame gluten vegetarian vegetarians kosher celiac lactose dairy
    intolerant birthday anniversary
    """
    )
)


@lru_cache(maxsize=16)
def lexicon(
    proteins: tuple[tuple[str, str], ...],
    addons: tuple[tuple[str, str], ...],
    ambiguous: tuple[str, ...] | None,
) -> Lexicon:
    """The compiled lexicon for these name tables (ambiguous None: derive the head words)."""
    return Lexicon(
        proteins, addons, derived_ambiguous(proteins) if ambiguous is None else ambiguous
    )


def _excluded(match: re.Match[str], allergy: list[tuple[int, int]]) -> bool:
    start = match.start("name")
    if any(a <= start < b for a, b in allergy):
        return True
    clause = match.string[max(0, start - 50) : start]
    if (cut := _CLAUSE_BREAK.match(clause)) is not None:
        clause = clause[cut.end() :]
    return bool(_NEGATION.search(clause) or _NEGATED_AFTER.match(match.string, match.end()))


def take_menu(text: str, lex: Lexicon) -> tuple[Menu, str]:
    """Proteins, ambiguous protein words and add-ons in `text`; `text` with them masked."""
    text = _IDIOMS.sub(MASK, text)
    allergy = [m.span() for m in ALLERGY_CLAUSE.finditer(text)]
    found: dict[Sort, dict[str, int | None]] = {"protein": {}, "ambiguous": {}, "addon": {}}
    for match in lex.pattern.finditer(text):
        if _excluded(match, allergy):
            continue
        sort, key = lex.names[" ".join(re.split(r"[\s-]+", match["name"]))]
        count = match["count"] or match["after"]
        portions = int(count) if count and not _PER_GUEST_AFTER.match(text, match.end()) else None
        chosen = found[sort]
        chosen[key] = portions if portions is not None else chosen.get(key)
    menu = Menu(found["protein"], found["ambiguous"], frozenset(found["addon"]))
    return menu, lex.pattern.sub(MASK, text)
