"""Price grounding by role: what each money amount in a reply refers to, and what proves it.

A bare "was $10 produced somewhere?" lets "$10 a head" through because $10 is the third-protein
price. So both sides carry a role. Evidence (tool results, the price book) is tagged from the
field it came from: a quote's `deposit_cents` is a deposit, its "Filet mignon upgrade" line an
upgrade. A reply's amount is read from the words around it, in English or Spanish: "$10 a
head" is a per-guest price, "a $100 depósito" a deposit, "$1,100 all in" a total. An amount
whose role can be read must match evidence of that role; one whose role cannot be read must
still match some grounded amount.

Reading a role: the reply is cut into clauses (sentences, semicolons, parentheses, dashes,
", " and joining words such as "and"/"y"). Within its clause an amount takes the nearest
*thing* it prices ("deposit", "lobster", "travel"); only when the clause names no thing does
a *unit or verb* ("per person", "each", "comes to") decide. A thing named as a modifier
("total including travel", "$100 off the total") or a count ("20 adults") prices nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, TypeGuard

if TYPE_CHECKING:
    from shared.pricing.models import PriceBook

Role = Literal[
    "per_guest",  # an adult / child / toddler price
    "guest_line",  # a quote's guests line (20 adults: $1,100)
    "upgrade",  # a protein upgrade: unit price or a line's amount
    "third_protein",
    "addon",
    "total",
    "subtotal",  # the food subtotal before the party minimum
    "deposit",
    "balance",
    "travel",  # the fee, or the per-mile rate
    "minimum",  # the party minimum (or the top-up to it)
    "surcharge",
    "tax",
    "refund",  # what a cancellation gives back
    "credit",  # a price-book credit (referral) taken off a quote
]
# What a reply's reading accepts as evidence: a discount only a price-book credit.
Reading = Literal[
    "per_guest",
    "guests",
    "each",
    "portion",
    "upgrade",
    "third_protein",
    "addon",
    "total",
    "subtotal",
    "deposit",
    "balance",
    "travel",
    "minimum",
    "surcharge",
    "tax",
    "refund",
    "discount",
]
ACCEPTS: dict[Reading, frozenset[Role]] = {
    "per_guest": frozenset({"per_guest"}),
    "guests": frozenset({"per_guest", "guest_line"}),
    "each": frozenset({"per_guest", "upgrade", "third_protein", "addon"}),
    "portion": frozenset({"upgrade", "third_protein"}),
    "upgrade": frozenset({"upgrade"}),
    "third_protein": frozenset({"third_protein"}),
    "addon": frozenset({"addon"}),
    "total": frozenset({"total"}),
    "subtotal": frozenset({"subtotal"}),
    "deposit": frozenset({"deposit"}),
    "balance": frozenset({"balance"}),
    "travel": frozenset({"travel"}),
    "minimum": frozenset({"minimum"}),
    "surcharge": frozenset({"surcharge"}),
    "tax": frozenset({"tax"}),
    "refund": frozenset({"refund"}),
    "discount": frozenset({"credit"}),
}
DESCRIBED: dict[Reading, str] = {
    "per_guest": "a per-guest price",
    "guests": "a guest price",
    "each": "a unit price",
    "portion": "a per-portion price",
    "upgrade": "an upgrade price",
    "third_protein": "a third-protein price",
    "addon": "an add-on price",
    "total": "a total",
    "subtotal": "a subtotal",
    "deposit": "a deposit",
    "balance": "a balance",
    "travel": "a travel fee",
    "minimum": "a party minimum",
    "surcharge": "a surcharge",
    "tax": "tax",
    "refund": "a refund",
    "discount": "a discount",
}


class Amounts(set[int]):
    """Grounded cents, each with the roles it may be stated in.

    It is a set of cents, so code asking only "was this amount produced?" keeps working;
    `roles` says what each amount is, and `names` holds item names (the price book's
    proteins and add-ons) that a reply may price by name.
    """

    def __init__(self, tagged: Iterable[tuple[int, Role | None]] = ()) -> None:
        super().__init__()
        self.roles: dict[int, set[Role]] = {}
        self.names: dict[str, Reading] = {}
        for cents, role in tagged:
            self.tag(cents, role)

    def tag(self, cents: int, role: Role | None) -> None:
        """Record `cents` as grounded, as `role` when it has one (None: grounded, role unknown)."""
        self.add(cents)
        if role is not None:
            self.roles.setdefault(cents, set()).add(role)

    def grounds(self, cents: int, reading: Reading | None) -> bool:
        if reading is None:
            return cents in self
        return bool(self.roles.get(cents, set()) & ACCEPTS[reading])


def grounds(amounts: set[int], cents: int, reading: Reading | None) -> bool:
    """Whether `amounts` proves `cents` read as `reading`; an untagged set proves no role."""
    if isinstance(amounts, Amounts):
        return amounts.grounds(cents, reading)
    return reading is None and cents in amounts


# --- evidence from tool results -----------------------------------------------------------

_KEY_ROLES: dict[str, Role] = {
    "total_cents": "total",
    "deposit_cents": "deposit",
    "deposit_paid_cents": "deposit",
    "balance_due_cents": "balance",
    "balance_cents": "balance",
    "balance_paid_cents": "balance",
    "refund_cents": "refund",
    "refunded_cents": "refund",
    "food_subtotal_cents": "subtotal",
    "party_minimum_cents": "minimum",
    "surcharge_cents": "surcharge",
    "travel_cents": "travel",
    "tax_cents": "tax",
    "third_protein_cents": "third_protein",
    "upgrade_cents": "upgrade",
    "adult_cents": "per_guest",
    "child_cents": "per_guest",
    "toddler_cents": "per_guest",
    "cents_per_mile": "travel",
    "credit_cents": "credit",
}
# Tools whose `total_cents` is not a party total.
_TOTAL_IS: dict[str, Role] = {"calculate_protein_costs": "upgrade"}
_LINE_KINDS: dict[str, Role] = {
    "guests": "guest_line",
    "upgrade": "upgrade",
    "third_protein": "third_protein",
    "addon": "addon",
    "minimum": "minimum",
    "surcharge": "surcharge",
    "travel": "travel",
    "tax": "tax",
    "credit": "credit",
}
# A quote line's role from its label when the line carries no `kind` (the engine's labels:
# "Adults (13+)", "Filet mignon upgrade", "Third protein", "Party minimum ($550.00) top-up",
# "Peak-date surcharge: ...", "Travel: ...", "Tax (...)"; anything else is an add-on).
_LINE_LABELS: tuple[tuple[re.Pattern[str], Role], ...] = (
    (re.compile(r"^(?:adults|children|kids|toddlers)\b", re.I), "guest_line"),
    (re.compile(r"\bthird protein", re.I), "third_protein"),
    (re.compile(r"\bupgrade\b", re.I), "upgrade"),
    (re.compile(r"^party minimum\b", re.I), "minimum"),
    (re.compile(r"^tax\b", re.I), "tax"),  # before surcharge: "Tax (... food and surcharge)"
    (re.compile(r"\bsurcharge\b", re.I), "surcharge"),
    (re.compile(r"^travel\b", re.I), "travel"),
)


def tool_amounts(tool: str, result: Mapping[str, Any]) -> Iterator[tuple[int, Role | None]]:
    """Every cents figure in one tool result, with the role its field gives it."""
    for key, value in result.items():
        if key == "lines" and isinstance(value, list):
            yield from _line_amounts(value)
        elif isinstance(value, dict):
            yield from tool_amounts(tool, value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield from tool_amounts(tool, item)
        elif _is_cents(value) and (key.endswith("_cents") or key == "cents_per_mile"):
            role = _TOTAL_IS.get(tool, "total") if key == "total_cents" else _KEY_ROLES.get(key)
            yield value, role
    total, deposit = result.get("total_cents"), result.get("deposit_cents")
    if (
        tool not in _TOTAL_IS
        and "balance_due_cents" not in result
        and _is_cents(total)
        and _is_cents(deposit)
        and total >= deposit
    ):
        yield total - deposit, "balance"  # a hold's or booking's balance: what the deposit leaves


def _line_amounts(lines: list[Any]) -> Iterator[tuple[int, Role | None]]:
    for line in lines:
        if not isinstance(line, dict):
            continue
        role = _line_role(line)
        for key, value in line.items():
            if not _is_cents(value) or not key.endswith("_cents"):
                continue
            if key in ("amount_cents", "unit_cents"):
                unit_is_per_guest = key == "unit_cents" and role == "guest_line"
                yield value, "per_guest" if unit_is_per_guest else role
            else:
                yield value, _KEY_ROLES.get(key)


def _line_role(line: Mapping[str, Any]) -> Role | None:
    kind = line.get("kind")
    if isinstance(kind, str) and kind in _LINE_KINDS:
        return _LINE_KINDS[kind]
    if "upgrade_cents" in line:  # calculate_protein_costs: {"protein", "portions", "upgrade_cents"}
        return "upgrade"
    label = line.get("label")
    if not isinstance(label, str):
        return None
    return next((role for pattern, role in _LINE_LABELS if pattern.search(label)), "addon")


def _is_cents(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def book_amounts(book: PriceBook) -> Amounts:
    """Every cents figure the price book publishes, with its role, and the item names."""
    from shared.pricing.models import normalise_name

    prices = book.guests
    found = Amounts(
        [
            (prices.adult_cents, "per_guest"),
            (prices.child_cents, "per_guest"),
            (prices.toddler_cents, "per_guest"),
            (book.third_protein_cents, "third_protein"),
            (book.party_minimum_cents, "minimum"),
            (book.deposit.cents, "deposit"),
            (book.travel.cents_per_mile, "travel"),
            *((p.upgrade_cents, "upgrade") for p in book.proteins.values()),
            *((a.cents, "addon") for a in book.addons.values()),
            *((c.cents, "credit") for c in book.credits.values()),
        ]
    )
    for key, protein in book.proteins.items():
        for name in (key, protein.label, *protein.aliases):
            found.names[normalise_name(name)] = "upgrade"
    for key, addon in book.addons.items():
        for name in (key, addon.label, *addon.aliases):
            found.names[normalise_name(name)] = "addon"
    return found


# --- amounts in a reply -------------------------------------------------------------------

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?"
_MONEY = (
    re.compile(rf"\$\s?{_NUMBER}(\s?k\b)?", re.I),
    re.compile(rf"(?<![\d,.]){_NUMBER}\s?(?:usd|dollars?|d[oó]lares|bucks)\b", re.I),
    re.compile(rf"\busd\s?{_NUMBER}", re.I),
)
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "un": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90,
}  # fmt: skip
_HUNDREDS = {"hundred": 100, "cien": 100, "ciento": 100}
_JOINERS = {"and", "y", "a"}  # "a hundred and fifty", "cincuenta y cinco"
_CURRENCY_WORD = re.compile(r"\b(?:dollars?|bucks|d[oó]lares)\b", re.I)
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBER_WORD = re.compile("|".join([*_UNITS, *_TENS, *_HUNDREDS, *_JOINERS]), re.I)


@dataclass(frozen=True)
class Mention:
    """One money amount a reply states, where, and what it was read as (None: unreadable)."""

    cents: int
    start: int
    end: int
    reading: Reading | None = None


def _amounts(text: str) -> list[Mention]:
    found: list[Mention] = []
    for pattern in _MONEY:
        for m in pattern.finditer(text):
            amount = (Decimal(m.group(1).replace(",", "")) + Decimal(m.group(2) or "0")) * 100
            if len(m.groups()) > 2 and m.group(3):
                amount *= 1000
            found.append(Mention(int(amount), m.start(), m.end()))
    for m in _CURRENCY_WORD.finditer(text):
        spelled = _spelled_dollars(text, m.start())
        if spelled is not None:
            found.append(Mention(spelled[1] * 100, spelled[0], m.end()))
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not kept or mention.start >= kept[-1].end:  # "$100 USD" is one amount
            kept.append(mention)
    return kept


def _spelled_dollars(text: str, end: int) -> tuple[int, int] | None:
    """(start, dollars) of the number words right before `end` ("fifty-five", "cien"), read
    by walking back a word at a time, so any text takes linear time."""
    taken: list[re.Match[str]] = []
    for word in reversed(list(_LETTERS.finditer(text, max(0, end - 80), end))):
        boundary = taken[0].start() if taken else end
        token = word.group().lower()
        if text[word.end() : boundary].strip(" \t-") or not _NUMBER_WORD.fullmatch(token):
            break
        taken.insert(0, word)
    while taken and taken[0].group().lower() in _JOINERS:
        if len(taken) > 1 and taken[1].group().lower() in _HUNDREDS:
            break  # "a hundred"
        taken.pop(0)
    value = 0
    for word in taken:
        token = word.group().lower()
        if token in _HUNDREDS:
            value = max(value, 1) * _HUNDREDS[token]
        else:
            value += _UNITS.get(token, _TENS.get(token, 0))
    return (taken[0].start(), value) if value else None


# Clause boundaries: an amount's role is read within its clause.
_BOUNDARY = re.compile(
    r"[.!?](?=\s|$)|[;()\[\]\n\u2022]|\s[-\u2013\u2014]\s|\u2014|,\s"
    r"|\s(?:and|but|or|then|while|whereas|y|pero|o|mientras)\s",
    re.I,
)
# Things an amount prices (tier 1). Item names from the price book are added per check.
_THINGS: tuple[tuple[Reading, str], ...] = (
    ("third_protein", r"(?:third|3rd|extra|additional)\s+proteins?|tercera\s+prote[ií]na"
     r"|prote[ií]nas?\s+(?:extra|adicional(?:es)?)"),
    ("upgrade", r"upgrades?|upgraded|premium\s+proteins?|mejoras?|langosta|filete|salm[oó]n"
     r"|vieiras"),
    ("addon", r"add[\s-]?ons?|complementos?"),
    ("subtotal", r"sub[\s-]?total|food\s+(?:total|cost)"),
    ("total", r"grand\s+total|total|overall|in\s+all|precio\s+total"),
    ("deposit", r"deposit|down\s+payment|retainer|dep[oó]sito|anticipo|se[nñ]a"),
    ("balance", r"balance|remaining|remainder|the\s+rest|left\s+to\s+pay|saldo|restante|resto"),
    ("travel", r"travel|mileage|trip\s+fee|per\s+mile|/\s?mile|a\s+mile|viajes?|traslado"
     r"|desplazamiento|kilometraje|por\s+milla"),
    ("minimum", r"minimum|m[ií]nim[oa]"),
    ("surcharge", r"surcharge|peak|holiday\s+(?:fee|rate)|recargo|temporada\s+alta"),
    ("tax", r"tax(?:es)?|impuestos?|iva"),
    ("refund", r"refund(?:s|ed|able)?|reembols\w*|devoluci[oó]n|devolvemos|devolveremos"),
    ("discount", r"discount(?:ed)?|off|promo(?:tion)?|coupon|savings?|rebate|credits?"
     r"|descuento|rebaja|cup[oó]n|cr[eé]ditos?"),
    ("guests", r"adults?|child(?:ren)?|kids?|toddlers?|adultos?|ni[nñ](?:o|a|os|as)"),
)  # fmt: skip
# Units and verbs (tier 2): they decide only when the clause names no thing.
_PERSON = r"(?:guest|person|head|adult|child|kid|plate|attendee|pax|diner)s?"
_HINTS: tuple[tuple[Reading, str], ...] = (
    ("per_guest", rf"per[\s-]{_PERSON}|a\s+(?:head|person|plate|guest)|each\s+{_PERSON}"
     rf"|/\s?{_PERSON}|pp|p/p|por\s+(?:persona|invitado|adulto|ni[nñ]o|ni[nñ]a|cabeza|comensal)"
     r"|cada\s+(?:persona|invitado|adulto|ni[nñ]o)"),
    ("portion", r"per\s+(?:portion|serving|upgrade|protein)|(?:a|each)\s+portion"
     r"|por\s+(?:porci[oó]n|raci[oó]n)"),
    ("each", r"each|apiece|ea|cada\s+uno|c/u"),
    ("total", r"comes?\s+to|came\s+to|brings?\s+(?:it|that|this)\s+to|all[\s-]in"
     r"|altogether|sale\s+(?:en|a)"),
)  # fmt: skip
# A thing right after one of these modifies another amount: "total including travel".
# A thing named right after one of these (a list of them, too) modifies another amount:
# "total including travel and tax", "$100 off the total".
_MODIFIERS = (
    r"including|includes|incl\.?|with|without|excluding|before|after|plus|minus|except|of"
    r"|toward|towards|from|off|con|sin|incluye|incluyendo|incluido|m[aá]s|menos|antes\s+de"
    r"|despu[eé]s\s+de"
)
_ARTICLE = r"(?:(?:the|your|el|la|los|las|tu|su)\s+)?"
_LIST_JOIN = r"(?:\s*,\s*|\s+(?:and|or|&|y|o)\s+|\s*&\s*)"
# "20 adults" counts people, it prices nothing.
_COUNT = re.compile(
    r"\b\d+\s*(?:adults?|guests?|people|persons?|kids?|child(?:ren)?|toddlers?|adultos?"
    r"|invitados?|personas?|ni[nñ](?:o|a|os|as)|comensales)\b",
    re.I,
)
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"
_HINT_PATTERN = re.compile(
    "|".join(rf"(?P<{r}>{_NOT_AFTER_LETTER}(?:{p}){_NOT_BEFORE_LETTER})" for r, p in _HINTS), re.I
)


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    reading: Reading


@lru_cache(maxsize=32)
def _thing_words(names: tuple[tuple[str, Reading], ...]) -> tuple[tuple[Reading, str], ...]:
    """Generic thing words, plus the price book's item names (longest first)."""
    by_reading: dict[Reading, list[str]] = {}
    for name, reading in sorted(names, key=lambda n: -len(n[0])):
        by_reading.setdefault(reading, []).append(r"\s+".join(map(re.escape, name.split())))
    return tuple(
        (reading, "|".join([*by_reading.get(reading, []), pattern])) for reading, pattern in _THINGS
    )


@lru_cache(maxsize=32)
def _things_pattern(names: tuple[tuple[str, Reading], ...]) -> re.Pattern[str]:
    return re.compile(
        "|".join(
            rf"(?P<{reading}>{_NOT_AFTER_LETTER}(?:{words}){_NOT_BEFORE_LETTER})"
            for reading, words in _thing_words(names)
        ),
        re.I,
    )


@lru_cache(maxsize=32)
def _modified_pattern(names: tuple[tuple[str, Reading], ...]) -> re.Pattern[str]:
    """A modifier and the things it names: those things price nothing themselves."""
    thing = "(?:" + "|".join(words for _, words in _thing_words(names)) + ")"
    thing = rf"{_ARTICLE}{_NOT_AFTER_LETTER}{thing}{_NOT_BEFORE_LETTER}"
    return re.compile(
        rf"{_NOT_AFTER_LETTER}(?:{_MODIFIERS})\s+{thing}(?:{_LIST_JOIN}{thing})*", re.I
    )


def mentions(text: str, names: Mapping[str, Reading] | None = None) -> list[Mention]:
    """The amounts `text` states, each read for its role where the words allow."""
    amounts = _amounts(text)
    if not amounts:
        return []
    key = tuple(sorted((names or {}).items()))
    modified = [m.span() for m in _modified_pattern(key).finditer(text)]
    hints = list(_cues(_HINT_PATTERN, text))
    taken = [(h.start, h.end) for h in hints] + modified
    taken += [m.span() for m in _COUNT.finditer(text)]
    things = [
        c
        for c in _cues(_things_pattern(key), text)
        if not any(s <= c.start < e or c.start <= s < c.end for s, e in taken)
    ]
    things = _drop_compound_totals(things, text)
    spans = [
        m.span()
        for m in _BOUNDARY.finditer(text)
        if not any(s < m.start() < e for s, e in modified)  # "including travel and tax"
    ]
    clauses = _Clauses(ends=[e for _, e in spans], starts=[s for s, _ in spans])
    tiers = (sorted(things, key=lambda c: c.start), sorted(hints, key=lambda c: c.start))
    return [
        Mention(m.cents, m.start, m.end, _reading(i, amounts, tiers, clauses))
        for i, m in enumerate(amounts)
    ]


def _cues(pattern: re.Pattern[str], text: str) -> Iterator[_Cue]:
    for m in pattern.finditer(text):
        reading = next(name for name, value in m.groupdict().items() if value is not None)
        yield _Cue(m.start(), m.end(), reading)  # type: ignore[arg-type]


def _drop_compound_totals(things: list[_Cue], text: str) -> list[_Cue]:
    """ "upgrade total" and "total travel fee" price the upgrade and the travel."""

    def adjacent(a: _Cue, b: _Cue) -> bool:
        first, second = (a, b) if a.start < b.start else (b, a)
        return not text[first.end : second.start].strip()

    return [
        c
        for c in things
        if c.reading != "total"
        or not any(o is not c and o.reading != "total" and adjacent(c, o) for o in things)
    ]


@dataclass(frozen=True)
class _Clauses:
    """Clause boundaries, sorted, for finding the clause around a position by bisection."""

    ends: list[int]  # where a clause starts (a boundary's end)
    starts: list[int]  # where a clause stops (a boundary's start)

    def around(self, start: int, end: int) -> tuple[int, int]:
        before = bisect.bisect_right(self.ends, start)
        after = bisect.bisect_left(self.starts, end)
        return (
            self.ends[before - 1] if before else 0,
            self.starts[after] if after < len(self.starts) else end + 10_000,
        )


def _reading(
    index: int, amounts: list[Mention], tiers: tuple[list[_Cue], ...], clauses: _Clauses
) -> Reading | None:
    """The nearest thing in the amount's clause, else the nearest unit or verb; a word on
    the far side of another amount belongs to that one. Each tier is sorted by start."""
    amount = amounts[index]
    start, end = clauses.around(amount.start, amount.end)
    low = max(start, amounts[index - 1].start if index else start)
    high = min(end, amounts[index + 1].start if index + 1 < len(amounts) else end)

    def distance(cue: _Cue) -> tuple[int, int]:
        if cue.end <= amount.start:
            return amount.start - cue.end, 0  # ties go to the word before the amount
        return max(0, cue.start - amount.end), 1

    for cues in tiers:
        first = bisect.bisect_left(cues, low, key=lambda c: c.start)
        last = bisect.bisect_right(cues, high, key=lambda c: c.start)
        near = min((c for c in cues[first:last] if c.end <= end), key=distance, default=None)
        if near is not None:
            return near.reading
    return None
