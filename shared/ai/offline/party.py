"""How many people: adults, children (6-12), toddlers (5 and under) and untyped guests.

Runs last, on text where dates, times, prices, zip codes and menu portions are already
masked, so only numbers nothing else claimed can be counts. Rules:

- A number before a party noun counts that kind: "20 adults", "8 kids", "15 grownups"
  (teens are 13+, so adults), "a baby" is one toddler. "20 people" / "party of 12" /
  "we're 15" / "family of four" / "dinner for 8" give `guests`, a total whose make-up is
  not said. A bare "for 8" counts only when it cannot be a time: above 12, or when the
  message gave a start time.
- Age hints re-type a noun, by the price book's age bands (`AgeBands`; shipped: 5 and
  under toddlers, 6-12 children, 13+ adults): "3 little ones under 5", "1 kid (4 yrs old)"
  and "2 under 5" are toddlers, "kids 6-12" and "kids 12 and under" children, "2 kids
  over 12" adults; a span across a band line is unsure ("3 kids ages 2-8" gives no count).
- Listed ages are split by band and kept: "4 kids (ages 8, 9, 11 and 3)" is 3 children,
  1 toddler, ages (8, 9, 11, 3); "dos niños de 3 y 5 años" (rewritten "2 kids ages 3 and
  5") 2 toddlers. A count with fewer ages listed keeps its count when the ages share one
  price ("5 kids (ages 7, 9, 11)" is 5 children), else it is unsure.
- Ranges ("20-25 people"), bounds ("at least 20", "20+"), "5 more adults" and described
  subsets ("1 guest has a nut allergy") give no count: the policy asks. Ranges, bounds
  and approximate counts ("about 20", "20ish") name their kind in `unsure`; an
  approximate count keeps its value. Counts above 999 are not counts.
- Different nouns of one kind in a list add up ("20 adults and 2 teens" is 22 adults; "9
  adults and my 3 kids who are 13, 7 and 2" is 10 adults, 1 child, 1 toddler);
  a repeated noun, or a second total, replaces the first: customers correct themselves.
- A message that is only a number ("20", "about twenty") is `bare`: the policy reads it
  as the answer to its last question.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from shared.ai.offline.text import MASK
from shared.ai.offline.vocab import GUEST_NOUN, GUEST_NOUNS, UNIT, Kind

MAX_COUNT = 999


@dataclass(frozen=True)
class AgeBands:
    """The youngest age billed as a child and as an adult (the price book's guest prices)."""

    child_min: int = 6
    adult_min: int = 13

    def kind(self, age: int) -> Kind:
        return (
            "toddlers" if age < self.child_min else "children" if age < self.adult_min else "adults"
        )


@dataclass(frozen=True)
class Party:
    adults: int | None = None
    children: int | None = None
    toddlers: int | None = None
    guests: int | None = None
    bare: int | None = None
    ages: tuple[int, ...] = ()
    unsure: frozenset[str] = frozenset()


_CHILD_NOUN = (
    r"(?:kids?|kiddos?|children|child|childs|little ones?|littles|little kids|young ones|"
    r"youngsters?|grandkids|grandchildren)"
)
_YEARS_OLD = r"(?:\s*(?:y/?o|yrs?(?:\s+old)?|years?(?:\s+old)?))?"
_AGES = (
    r"\(?\s*(?:(?:ages?|aged)\s+)?"
    r"(?:(?<=ages )(?P<list>\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})+)"
    r"|(?<=age )(?P<age>\d{1,2})|(?<=aged )(?P<aged>\d{1,2})"
    r"|(?P<old>\d{1,2})(?=\s*(?:y/?o|years?\s+old|-years?-old)\b)"
    r"|(?:under|below|less than|younger than|<)\s*(?P<under>\d{1,2})"
    r"|(?P<orless>\d{1,2})\s*(?:and|&|or)\s*(?:under|younger|below)"
    r"|(?:over|older than|>)\s*(?P<over>\d{1,2})"
    r"|(?P<plus>\d{1,2})\s*(?:\+|and up|and over|and older)"
    r"|(?P<lo>\d{1,2})\s*(?:-|to)\s*(?P<hi>\d{1,2}))"
    rf"{_YEARS_OLD}\s*\)?"
)
_CHILD_WITH_AGES = re.compile(rf"\b(?P<noun>{_CHILD_NOUN})\s*,?\s*{_AGES}")
_COUNT_UNDER_AGE = re.compile(
    rf"(?<![\w§])(?P<count>\d{{1,3}})\s+(?:under|below)\s+(?P<under>\d{{1,2}}){_YEARS_OLD}\b"
)

_APPROX = (
    r"(?:(?:about|around|roughly|~|like|maybe|probably|prob|est\.?|estimated|close to|nearly|"
    r"almost|up to|max|maximum|just|only|exactly|a total of|total of)\s+)?"
)
_BOUND = re.compile(r"\b(?:at least|over|more than|under|less than|fewer than|min|minimum)\s+$")
_NUM = r"(?<![\w§.,/:$#+-])(?P<n>\d{1,4})(?!(?!ish\b)[\w§/:%]|[.,]\d)"
_RANGE = re.compile(
    rf"(?<![\w§.,/:$#-])\d{{1,4}}\s*(?:-|to|or|/)\s*\d{{1,4}}\s*\+?\s*(?P<noun>{GUEST_NOUN})\b"
)
_PLUS = re.compile(rf"{_NUM}\s*\+\s*(?P<noun>{GUEST_NOUN})\b")
# "1 guest has a nut allergy", "3 kids are vegetarian": a subset described, not a count.
_DESCRIBED = (
    r"\s+(?:is|are|has|have|was|were|can'?t|cannot|doesn'?t|don'?t|does|eats?|needs?|wants?|"
    r"prefers?|likes?|loves?|hates?|won'?t)\b"
    r"(?!\s+(?:coming|attending|joining|confirmed|expected|invited|going|all|total|in total)\b)"
)
_NOUN_COUNT = re.compile(
    rf"{_NUM}(?:\s*-?ish)?\s+(?P<more>(?:more|extra|additional|other|another)\s+)?"
    r"(?:(?:hungry|little|small|young|total|grown|big|lovely|wonderful)\s+)?"
    rf"(?P<noun>{GUEST_NOUN})(?:\s+(?P<second>{GUEST_NOUN}))?\b(?=(?P<described>{_DESCRIBED})?)"
)
# ...unless the number is the whole: "4 of our 20 guests are vegetarian".
_OF_WHOLE = re.compile(r"\bof\s+(?:our|the|all|my|all the)?\s*$")
_ONE_TODDLER = re.compile(
    r"\ban?\s+(?P<noun>baby|toddler|infant)\b(?!\s+(?:shower|seat|chair|food|menu|portion))"
)
_FORM_COUNT = re.compile(
    rf"\b(?P<noun>{GUEST_NOUN}|guest count|head ?count|party size|number of (?:guests|people)|"
    rf"# of (?:guests|people)|total)\s*(?:[:=-]|is|x|will be|of)\s*{_APPROX}{_NUM}"
    rf"(?!\s*(?:{UNIT}|{GUEST_NOUN})\b)"
)
# What may follow a head count given by context: the end of a clause, not a noun.
_COUNT_END = (
    r"(?:\s+of\s+us)?(?!\s*(?:-|to|or)\s*\d|\+(?:\S|$))"
    r"(?=\s*(?:$|[^\w\s/]|(?:and|on|at|for|in|this|next|so|but|or|with|"
    r"including|incl|total|altogether|coming|over|tops|max|maybe|probably|please|thanks|now|"
    r"then|there|here|if|because|when|plus|who|that|people)\b))"
)
_CONTEXT_COUNT = re.compile(
    r"(?:\b(?:party|group|family|crew|team|table|gathering|dinner) of|"
    r"\b(?:party|dinner|table|event|reservation|booking|hibachi|quote|price|pricing|catering|"
    r"cater|chef|meal|celebration|birthday|cook|cooking|food) for|"
    r"\b(?:we're|we are|were|we'll be|we will be|there'll be|there will be|there are|"
    r"expecting|expect|having|inviting|feeding|serving|we have|we'll have|we will have|"
    r"we've got|we got|will have)|\bheadcount|\bhead count|(?P<for>\bfor))\s+"
    rf"{_APPROX}{_NUM}(?:\s*-?ish)?{_COUNT_END}"
)
_TRAILING_COUNT = re.compile(
    rf"{_NUM}(?:\s*-?ish)?\s+(?:of us|total|in total|altogether|all together|coming|attending|"
    r"joining|confirmed)\b(?!\s+(?:is|are|has|have|was|were|will|can|can't|don't|doesn't|eat|"
    r"eats|need|needs|want|wants|would|like|prefer|love|'re))"
)
_BARE = re.compile(
    rf"^\W*{_APPROX}{_NUM}(?:\s*-?ish)?(?:\s+(?:or so|total|max|tops|maybe|probably))?\W*$"
)


def _age_kind(m: re.Match[str], bands: AgeBands, noun: str | None = None) -> str:
    """The noun an age hint turns a child noun into ('unsure' when it spans two prices)."""
    age = {name: int(value) for name, value in m.groupdict().items() if value and value.isdigit()}
    listed = re.findall(r"\d+", m.groupdict().get("list") or "")
    if listed or "age" in age or "aged" in age or "old" in age:
        ages = [int(a) for a in listed] or [age.get("age") or age.get("aged") or age["old"]]
        low, top = min(ages), max(ages)
    elif "under" in age or "orless" in age:
        # "kids 12 and under" are priced as children: only a toddler's age makes toddlers.
        top = age["under"] - 1 if "under" in age else age["orless"]
        if top < bands.child_min:
            return "toddlers"
        return "children" if top < bands.adult_min else noun or "unsure"
    elif "over" in age or "plus" in age:
        low, top = age["over"] + 1 if "over" in age else age["plus"], 99
    else:
        low, top = age["lo"], age["hi"]
    kinds = {bands.kind(low), bands.kind(top)}
    return kinds.pop() if len(kinds) == 1 else "unsure"


# One age of a list; not the start of a range ("6-12") nor the count of more ("and 3 more").
_ONE_AGE = (
    r"\d{1,2}(?!\d)(?!\s*(?:-|to\b)\s*\d)(?!\s+(?:more|other|others)\b)"
    r"(?:\s*(?:y/?o|yrs?|years?)(?:\s+old)?)?"
)
_AGE_SEP = r"\s*(?:,\s*and|,|and|&)\s*"
_AGE_LIST = re.compile(
    r"(?:(?<![\w§.,/:$#-])(?P<count>\d{1,3})\s+(?:(?:little|small|young)\s+)?)?"
    rf"(?P<noun>{_CHILD_NOUN}|more kids|more children|more|others)\s*"
    r"(?P<lead>,|:|\(|(?:,\s*|\(\s*)?(?:ages?|aged|who are|are|both|both aged))\s*"
    rf"(?P<list>{_ONE_AGE}(?:{_AGE_SEP}{_ONE_AGE})*)"
    rf"(?!\s*(?:{GUEST_NOUN}|{UNIT})\b)\s*\)?"
)
# Ages given after their count, in a clause of their own: "3 kids? they're 6, 10 and 4".
_AGES_AFTER = re.compile(
    r"\b(?:they'?re|they are|who are|ages|aged)\s+"
    rf"(?P<list>{_ONE_AGE}(?:{_AGE_SEP}{_ONE_AGE})+)(?!\s*(?:{GUEST_NOUN}|{UNIT})\b)"
)
_COUNTED_CHILDREN = re.compile(
    rf"(?<![\w§.,/:$#-])(?P<count>\d{{1,3}})\s+(?:(?:little|small|young)\s+)?{_CHILD_NOUN}\b"
)
# Strings the age patterns cannot match without (skips on messages with no ages).
_CHILD_HINTS = ("kid", "child", "little", "young", "grand", "more", "other")
_AFTER_HINTS = ("they", "who are", "ages", "aged")
_MULTIPLES = re.compile(r"\b(?P<word>twins|triplets)\b")


class _Ages:
    """Age lists found in a message, each rewritten as counts by kind."""

    def __init__(self, bands: AgeBands) -> None:
        self.bands = bands
        self.ages: list[int] = []
        self.unsure = False

    def read(self, text: str) -> str:
        """`text` with its age lists rewritten as counts by kind ("2 children and 1
        toddlers"); ages given after their count replace that count."""
        if "twins" in text or "triplets" in text:
            text = _MULTIPLES.sub(lambda m: "2 kids" if m["word"] == "twins" else "3 kids", text)
        if any(word in text for word in _CHILD_HINTS):
            text = _AGE_LIST.sub(self.split, text)
        while any(w in text for w in _AFTER_HINTS) and (after := _AGES_AFTER.search(text)):
            counted = max(
                _COUNTED_CHILDREN.finditer(text, 0, after.start()),
                key=lambda m: m.start(),
                default=None,
            )
            if counted is None:
                text = text[: after.start()] + MASK + text[after.end() :]
                continue
            counts = self._counts(_ages_in(after["list"]), int(counted["count"]), "kids")
            text = (
                text[: counted.start()]
                + counts
                + text[counted.end() : after.start()]
                + MASK
                + text[after.end() :]
            )
        return text

    def split(self, m: re.Match[str]) -> str:
        ages = _ages_in(m["list"])
        count = int(m["count"]) if m["count"] else None
        if not ages or max(ages) > 17:
            return m.group()  # "kids, 20 adults": not ages
        if len(ages) == 1 and (count is None or m["lead"] in (",", ":")):
            return m.group()  # one age, no count: an age hint for retype_ages
        return self._counts(ages, count, m["noun"])

    def _counts(self, ages: list[int], count: int | None, noun: str) -> str:
        if len(ages) == 1 and count is not None and count <= MAX_COUNT:
            ages = ages * min(count, 20)  # "2 kids, both 10", "twins age 4"
        self.ages += ages
        by_kind: dict[str, int] = {}
        for age in ages:
            by_kind[self.bands.kind(age)] = by_kind.get(self.bands.kind(age), 0) + 1
        if count is not None and count != len(ages):
            # Some ages left out: the count holds if every listed age has one price.
            if len(by_kind) > 1:
                self.unsure = True
                return MASK
            by_kind = {kind: count for kind in by_kind}
        # "teens" is an adult noun unlike "adults", so "10 adults and kids ages 8 and 14"
        # adds the 14-year-old to the ten adults instead of replacing them; "more" kids
        # ("twins age 4 and 3 more aged 7, 8, 9") add to the kids before them.
        child = "youngsters" if noun.startswith(("more", "others")) else "children"
        nouns = {"adults": "teens", "children": child, "toddlers": "toddlers"}
        return " " + " and ".join(f"{n} {nouns[kind]}" for kind, n in by_kind.items()) + " "


def _ages_in(listed: str) -> list[int]:
    return [int(a) for a in re.findall(r"\d+", listed) if not a.startswith("0")]


def retype_ages(text: str, bands: AgeBands = AgeBands()) -> str:
    """Child nouns with an age hint rewritten as the kind the ages mean, ages dropped:
    "3 little ones under 5" -> "3 toddlers", "2 under 5" -> "2 toddlers"."""
    text = _CHILD_WITH_AGES.sub(lambda m: f" {_age_kind(m, bands, m['noun'])} ", text)
    return _COUNT_UNDER_AGE.sub(lambda m: f"{m['count']} {_age_kind(m, bands)} ", text)


_KINDS: dict[str, Kind] = {k: k for k in ("adults", "children", "toddlers", "guests")}
# Between two mentions of one kind, only list glue: "20 adults, 5 kids and 2 teens", "9 adults
# and my 3 kids who are 13, 7 and 2" (a possessive introduces more of the party).
_LIST_GAP = re.compile(
    r"(?:[\s,;.&+§]|\b(?:and|plus|with|also|as well as|my|our|their|his|her)\b)*$"
)


@dataclass
class _Mention:
    start: int
    end: int
    noun: str
    count: int | None


class _Counts:
    """Mentions per kind: a list of different nouns adds up ("20 adults and 2 teens"); a
    repeated noun, or a second total, replaces the first."""

    def __init__(self) -> None:
        self.mentions: dict[Kind, list[_Mention]] = {k: [] for k in _KINDS.values()}
        self.unsure: set[str] = set()

    def add(self, m: re.Match[str], noun: str, value: int | None, unsure: bool = False) -> str:
        kind = _KINDS.get(GUEST_NOUNS.get(" ".join(noun.split()), noun))
        if kind is not None:
            count = value if value is not None and 0 < value <= MAX_COUNT else None
            self.mentions[kind].append(_Mention(m.start(), m.end(), noun, count))
            if unsure or count is None:
                self.unsure.add(kind)
        return "§" * len(m.group())  # same length: positions stay comparable across passes

    def total(self, kind: Kind, text: str) -> int | None:
        """The count for `kind`, read in `text` with every mention masked."""
        mentions = sorted(self.mentions[kind], key=lambda mention: mention.start)
        if not mentions:
            return None
        total = mentions[0].count
        for before, mention in itertools.pairwise(mentions):
            joined = (
                kind != "guests"
                and before.noun != mention.noun
                and _LIST_GAP.match(text, before.end, mention.start)
            )
            if joined and total is not None and mention.count is not None:
                total += mention.count
            else:
                total = mention.count
        return total


def _approximate(m: re.Match[str]) -> bool:
    """The count at group "n" is hedged: "about 20", "20ish", "maybe 20 or so"."""
    before = m.string[max(0, m.start("n") - 20) : m.start("n")]
    return bool(_APPROX_BEFORE.search(before) or _APPROX_AFTER.match(m.string, m.end("n")))


_APPROX_BEFORE = re.compile(
    r"(?:\b(?:about|around|roughly|approximately|like|maybe|probably|prob|est\.?|estimated|"
    r"close to|nearly|almost|up to|max|maximum|give or take|possibly)|~)\s*$"
)
_APPROX_AFTER = re.compile(r"\s*-?ish\b|\s+or so\b|\s*(?:max|tops)\b")


def take_party(text: str, clock_stated: bool = False, bands: AgeBands = AgeBands()) -> Party:
    """Party counts from normalised `text` with every other number already masked.

    `clock_stated`: the message gave a start time, so a plain "for 6" is a head count."""
    ages = _Ages(bands)
    text = retype_ages(ages.read(text), bands)
    counts = _Counts()
    if ages.unsure:
        counts.unsure.add("children")

    def bound(m: re.Match[str]) -> bool:
        return bool(_BOUND.search(m.string, 0, m.start()))

    def unclear(m: re.Match[str]) -> str:
        return counts.add(m, m["noun"], None)

    def by_noun(m: re.Match[str]) -> str:
        if m["described"] and not _OF_WHOLE.search(m.string, 0, m.start()):
            return "§" * len(m.group())
        noun = m["second"] if GUEST_NOUNS[m["noun"]] == "guests" and m["second"] else m["noun"]
        if m["more"]:
            return counts.add(m, noun, None)
        return counts.add(m, noun, None if bound(m) else int(m["n"]), _approximate(m))

    def by_form(m: re.Match[str]) -> str:
        noun = m["noun"] if m["noun"] in GUEST_NOUNS else "guests"
        return counts.add(m, noun, int(m["n"]), _approximate(m))

    def by_context(m: re.Match[str]) -> str:
        if m.groupdict().get("for") and int(m["n"]) <= 12 and not clock_stated:
            return m.group()  # "for 6" may be a time when none was given
        return counts.add(m, "guests", None if bound(m) else int(m["n"]), _approximate(m))

    def by_article(m: re.Match[str]) -> str:
        return counts.add(m, m["noun"], 1)

    for pattern, handler in (
        (_RANGE, unclear),
        (_PLUS, unclear),
        (_NOUN_COUNT, by_noun),
        (_ONE_TODDLER, by_article),
        (_FORM_COUNT, by_form),
        (_CONTEXT_COUNT, by_context),
        (_TRAILING_COUNT, by_context),
    ):
        text = pattern.sub(handler, text)
    adults, children, toddlers, guests = (counts.total(kind, text) for kind in _KINDS.values())
    unsure = frozenset(counts.unsure)
    if (
        not any((adults, children, toddlers, guests))
        and (bare := _BARE.match(text))
        and 0 < int(bare["n"]) <= MAX_COUNT
    ):
        hedged = frozenset({"bare_number"}) if _approximate(bare) else frozenset()
        return Party(bare=int(bare["n"]), ages=tuple(ages.ages), unsure=unsure | hedged)
    return Party(adults, children, toddlers, guests, ages=tuple(ages.ages), unsure=unsure)
