"""Proteins (with portions) and add-ons a customer asks for, by the price book's own names.

Names are the price book's normalised names and aliases; plurals and one-letter typos
are accepted. A number right before a protein is its portions ("two lobster tails",
"10 chicken", "filet x4"); a protein named without one ("filet for everyone") gets None:
portions not stated, which the policy takes as one per guest or asks about. A protein
in a negation ("no shrimp", "without lobster"), an allergy ("allergic to shrimp") or
followed by "each" / "per person" gets no portions from this message.

A word that could mean several proteins ("steak": NY strip or filet mignon) is never
resolved: it is reported in `Menu.ambiguous` for the policy to ask about.

Portions per subset: "filet for 6 of us and lobster for the other 6" gives 6 each, as do
"6 of us want filet" and "filet for 6 people"; "for everyone / everybody / all of us" is
None (one per guest), and "some of us" leaves the protein's portions unsure. A protein for
"the rest" / "everyone else" ("4 of them want salmon, the rest chicken and shrimp") or for
"half" ("half salmon half chicken", "half of us want lobster") is None and listed in
`Menu.shares` ("rest" or "half"): its portions depend on the party's size, which the
policy knows. Third proteins: "4 third proteins" / "add 4 extra proteins" give their
portions, "a third protein for everybody" says every guest gets one. Taking something
back ("no lobster", "skip the filet", "drop the sake", "remove the sake", "lobster instead
of filet") lists its key in `removed`; an allergy ("allergic to shrimp") is not a removal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from shared.ai.offline.diet import ALLERGY_CLAUSE
from shared.ai.offline.spelling import Speller
from shared.ai.offline.text import MASK, fold_accents
from shared.ai.offline.vocab import GUEST_NOUN, word_list

Sort = Literal["protein", "addon", "ambiguous"]
# A protein's portions as a share of the party: the guests not counted otherwise, or half.
Share = Literal["rest", "half"]


@dataclass(frozen=True)
class Menu:
    proteins: dict[str, int | None] = field(default_factory=dict)
    ambiguous: dict[str, int | None] = field(default_factory=dict)
    addons: frozenset[str] = frozenset()
    removed_proteins: frozenset[str] = frozenset()
    removed_addons: frozenset[str] = frozenset()
    third_portions: int | None = None
    third_for_all: bool = False
    unsure: frozenset[str] = frozenset()
    shares: dict[str, Share] = field(default_factory=dict)


def _plurals(name: str) -> tuple[str, ...]:
    if name.endswith("s"):
        return (name,)
    return (name, name + ("es" if name.endswith(("x", "z", "ch", "sh")) else "s"))


def _words(name: str) -> str:
    return " ".join(re.split(r"[\s_-]+", fold_accents(name.casefold().strip())))


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


_REMOVAL_VERBS = (
    r"drop|dropping|remove|removing|cancel|cancelling|canceling|take off|take out|"
    r"get rid of|forget|forget about|scratch|leave off|leave out|nix|lose|delete|cut"
)
_IDIOMS = re.compile(
    r"\bfor\s+(?:the\s+|goodness'?\s+|god'?s\s+|pete'?s\s+|heaven'?s\s+|christ'?s\s+)?sake"
    r"(?:\s+of)?\b|\bsake\s+of\b"
)
_NEGATION = re.compile(
    r"\b(?:no|not|without|except|minus|skip|hold the|don'?t (?:want|like|need|eat|do)|"
    r"do not (?:want|like|need|eat|do)|never|instead of|rather than|other than|hate|hates|"
    rf"nothing|{_REMOVAL_VERBS})\b"
)
# Negations that take back a choice (an "I hate shrimp" is a preference, not a removal).
_REMOVAL = re.compile(
    r"\b(?:no|not|without|except|minus|skip|hold the|don'?t (?:want|need)|"
    rf"do not (?:want|need)|instead of|rather than|no more|{_REMOVAL_VERBS})\b"
)
_CLAUSE_BREAK = re.compile(r".*(?:[.!?;,:]|\band\b|\bbut\b|\bplus\b|\d|§)")
_NEGATED_AFTER = re.compile(r"\s*(?:-?\s*free\b|allerg|intoleran)")
_PER_GUEST_AFTER = re.compile(
    r"\s*(?:each|apiece|per (?:person|guest|head|adult|plate)|a (?:person|head)|pp)\b"
)


_EVERYONE = (
    r"(?:everyone else|everybody else|everyone|everybody|every one|every guest|every person|"
    r"each guest|each person|all of us|all the guests|all guests|all|"
    r"the whole (?:group|party|table)|the (?:entire|whole) (?:group|party)|the group|"
    r"the party|the table|the rest(?: of us)?|the others)"
)
_OF_US = r"(?:of us|of them|of the guests|of our guests)"
_SUBSET_NOUN = rf"(?:\s+(?:{_OF_US}|{GUEST_NOUN})(?:\s+of\s+us)?)?"
# After a protein: "for 6 of us", "for the other 6", "for everyone". "for 30 people" alone
# (`weak`) is more often the party's size than a share of it.
_SUBSET_AFTER = re.compile(
    rf"\s*(?:for|x)\s+(?:(?:the\s+)?(?:other|remaining|last)\s+(?P<other>\d{{1,3}})"
    rf"|(?P<n>\d{{1,3}})(?:\s+{_OF_US}|(?P<weak>\s+{GUEST_NOUN}))?(?!\s*(?:pm|am|:|o'?clock))"
    rf"|(?P<all>{_EVERYONE})|(?P<part>half|some|a few|most|a couple) of (?:us|them|the guests))\b"
)
# Verbs a subset chooses a protein with ("6 of us want filet").
_CHOOSING = (
    "want", "wants", "wanting", "would like", "like", "get", "gets", "getting", "prefer",
    "prefers", "have", "has", "having", "take", "takes", "taking", "eat", "eats", "going with",
    "going for", "are having", "choose", "chooses", "pick", "picks", "go with", "goes with",
)  # fmt: skip
# The last word a subset's verb can end on, to skip the search when it cannot match.
_CHOOSING_LAST = frozenset(verb.split()[-1] for verb in _CHOOSING)
_REST = (
    r"(?:the rest|the others|the other (?:guests|people|ones)|everyone else|everybody else|"
    r"the remaining(?: guests| people| ones)?)"
)
_IS_REST = re.compile(rf"{_REST}(?:\s+of\s+(?:us|them|the guests))?$")
# Before a protein, in its own clause: "the rest chicken", "the others want filet and",
# "everyone else gets the"; "half salmon", "half of us want the".
_VERB = rf"(?:\s+(?:(?:will|would|'ll|are|is)\s+)?(?:{'|'.join(_CHOOSING)}))?"
_OF = r"(?:\s+of\s+(?:us|them|the guests))?"
_REST_BEFORE = re.compile(rf"\b{_REST}{_OF}{_VERB}(?:\s+[a-z]+){{0,4}}?\s+(?:the\s+|a\s+|an\s+)?$")
_HALF_BEFORE = re.compile(rf"\bhalf{_OF}{_VERB}\s+(?:the\s+)?$")
# Before a protein: "6 of us want", "the other 6 want", "half of us want", "everyone wants".
_SUBSET_BEFORE = re.compile(
    rf"(?:(?:the\s+)?(?:other|remaining)\s+(?P<other>\d{{1,3}}){_SUBSET_NOUN}"
    rf"|(?<![\w§.,/:$-])(?P<n>\d{{1,3}})\s*(?:of us|of them|of the guests|{GUEST_NOUN})"
    rf"|(?P<all>{_EVERYONE})|(?P<part>half|some|a few|most|a couple) of (?:us|them|the guests))"
    rf"\s+(?:(?:will|would|'ll|are|is)\s+)?(?:{'|'.join(_CHOOSING)})\s+(?:the\s+|a\s+|an\s+)?$"
)
_THIRD = re.compile(
    r"\b(?:(?P<n>\d{1,3})\s+|(?:an?|1|one|the)\s+)?(?:(?:extra|additional)\s+)?"
    r"(?:3rd|third|extra|additional)\s+proteins?\b"
    rf"(?:\s+(?:for\s+(?:(?P<all>{_EVERYONE})|(?P<for>\d{{1,3}}){_SUBSET_NOUN})"
    r"|(?P<each>each|per (?:person|guest|head)|all around|across the board)\b))?"
)
_THIRD_ALL_BEFORE = re.compile(
    rf"\b{_EVERYONE}\s+(?:(?:will|would|'ll)\s+)?(?:gets?|wants?|like|have|has|would like)\s+$"
)


_END = ""
_Trie = dict[str, "_Trie"]


def trie_pattern(names: Iterable[str]) -> str:
    """One regex alternation of `names` (words joined by spaces or hyphens) shaped as a trie,
    so the engine tests each next letter once instead of every name at every position; the
    longest name matching wins, as in a longest-first alternation."""
    root: _Trie = {}
    for name in names:
        node = root
        for token in re.split(r"( )", name):
            for char in [token] if token == " " else token:
                node = node.setdefault(char, {})
        node[_END] = {}

    def render(node: _Trie) -> str:
        branches = [
            (r"[\s-]+" if char == " " else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char != _END
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if _END in node else body

    return render(root)


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
        alternation = trie_pattern(self.names)
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


def _removed(match: re.Match[str], allergy: list[tuple[int, int]]) -> bool:
    """Whether an excluded name is taken back ("no lobster"), not an allergy or a dislike."""
    start = match.start("name")
    if any(a <= start < b for a, b in allergy) or _NEGATED_AFTER.match(match.string, match.end()):
        return False
    clause = match.string[max(0, start - 50) : start]
    if (cut := _CLAUSE_BREAK.match(clause)) is not None:
        clause = clause[cut.end() :]
    return bool(_REMOVAL.search(clause))


class _Portions:
    """Portions for one menu match from the words around it; spans of those words to mask.

    A weak share ("lobster for 6 people") counts only when the message splits the party
    elsewhere too ("... and filet for the other 6"); otherwise it is left to the head count."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.weak: dict[str, tuple[int, tuple[int, int]]] = {}
        self.split = False
        self.unsure = False
        self.shares: dict[str, Share] = {}

    def of(self, match: re.Match[str], key: str | None) -> int | None:
        """Portions for the match; `key`: the protein's key (None for add-ons)."""
        text = self.text
        count = match["count"] or match["after"]
        if count:
            return None if _PER_GUEST_AFTER.match(text, match.end()) else int(count)
        if subset := _SUBSET_AFTER.match(text, match.end()):
            if subset["weak"]:
                if key is not None:
                    self.weak[key] = (int(subset["n"]), subset.span())
                return None
            self.spans.append(subset.span())
            self.split = self.split or not subset["all"]
            return self._subset(subset, key)
        lo = max(0, match.start() - 60)
        if key is not None and (share := self._share_before(lo, match.start())):
            self.shares[key] = share
            self.split = True
            return None
        before = text[lo : match.start()].split()[-2:]
        if not any(w in _CHOOSING_LAST for w in before):
            return None
        subset = _SUBSET_BEFORE.search(text, lo, match.start())
        if subset and subset.end() == match.start():
            self.spans.append(subset.span())
            self.split = self.split or not subset["all"]
            return self._subset(subset, key)
        return None

    def _share_before(self, lo: int, start: int) -> Share | None:
        """ "the rest chicken", "half salmon": a share named before the protein."""
        if _HALF_BEFORE.search(self.text, lo, start):
            return "half"
        if _REST_BEFORE.search(self.text, lo, start):
            return "rest"
        return None

    def settle(self, chosen: dict[str, int | None]) -> None:
        """Weak shares become portions when the party is split elsewhere in the message."""
        if not (self.split or len(self.weak) > 1):
            return
        for key, (n, span) in self.weak.items():
            chosen[key] = n
            self.spans.append(span)

    def _subset(self, m: re.Match[str], key: str | None) -> int | None:
        share: Share | None = None
        if m["part"] == "half" or (m["all"] and _IS_REST.match(m["all"])):
            share = "half" if m["part"] else "rest"
        if share and key is not None:
            self.shares[key] = share
            self.split = True
            return None
        if m["part"]:
            self.unsure = True
            return None
        n = m["other"] or m["n"]
        return int(n) if n else None


def _third(text: str) -> tuple[int | None, bool, bool, str]:
    """Third-protein portions, whether every guest gets one, whether unsure; masked text."""
    portions: int | None = None
    for_all = unsure = False
    if "protein" not in text:
        return portions, for_all, unsure, text
    for m in _THIRD.finditer(text):
        if m["all"] or m["each"] or _THIRD_ALL_BEFORE.search(text, 0, m.start()):
            for_all = True
        elif m["n"] or m["for"]:
            portions = int(m["n"] or m["for"])
        else:
            unsure = True  # "add a third protein": for whom?
    if for_all:
        portions, unsure = None, False
    elif portions is not None:
        unsure = False
    return portions, for_all, unsure, _THIRD.sub(MASK, text)


def take_menu(text: str, lex: Lexicon) -> tuple[Menu, str]:
    """Proteins, ambiguous protein words and add-ons in `text`; `text` with them masked."""
    third_portions, third_for_all, third_unsure, text = _third(_IDIOMS.sub(MASK, text))
    allergy = [m.span() for m in ALLERGY_CLAUSE.finditer(text)]
    found: dict[Sort, dict[str, int | None]] = {"protein": {}, "ambiguous": {}, "addon": {}}
    removed: dict[Sort, set[str]] = {"protein": set(), "ambiguous": set(), "addon": set()}
    portions = _Portions(text)
    for match in lex.pattern.finditer(text):
        sort, key = lex.names[" ".join(re.split(r"[\s-]+", match["name"]))]
        if _excluded(match, allergy):
            if _removed(match, allergy):
                removed[sort].add(key)
            continue
        count = portions.of(match, key if sort == "protein" else None)
        chosen = found[sort]
        chosen[key] = count if count is not None else chosen.get(key)
    portions.settle(found["protein"])
    for start, end in sorted(portions.spans, reverse=True):
        text = text[:start] + MASK + text[end:]
    unsure = {"proteins"} if portions.unsure else set()
    menu = Menu(
        found["protein"],
        found["ambiguous"],
        frozenset(found["addon"]),
        removed_proteins=frozenset(removed["protein"] - found["protein"].keys()),
        removed_addons=frozenset(removed["addon"] - found["addon"].keys()),
        third_portions=third_portions,
        third_for_all=third_for_all,
        unsure=frozenset(unsure | ({"third_protein_portions"} if third_unsure else set())),
        shares={k: v for k, v in portions.shares.items() if k in found["protein"]},
    )
    return menu, lex.pattern.sub(MASK, text)
