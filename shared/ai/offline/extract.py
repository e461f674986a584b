"""Booking details read from one customer message, deterministically: no network, no model.

The offline provider's dialogue policy merges an `Extraction` per turn into what it
knows and asks for what is still missing, so every field is optional and a field is
left empty whenever the message does not state it clearly: the policy asking again
costs one turn, a wrong guess costs a wrong booking.

Order matters: contact details are read first from the raw text (names need their
capitals) and the language from its words; then the text is normalised (lowercase, accents
folded, Spanish phrasing rewritten as English, texting shorthand, typos, numbers in words
as digits), a correction's cue words and old values are dropped, and each extractor masks
what it took, so a number read as a price, a year, a date, a time, a zip code or a portion
count is never read again as a head count.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from types import MappingProxyType
from typing import Literal

from shared.ai.offline.contacts import NOT_NAMES, find_name, take_email, take_phone
from shared.ai.offline.corrections import take_correction
from shared.ai.offline.dates import take_date
from shared.ai.offline.diet import find_diet
from shared.ai.offline.menu import Share, lexicon, take_menu
from shared.ai.offline.money import mask_money
from shared.ai.offline.numbers import numeralise
from shared.ai.offline.occasion import find_occasion
from shared.ai.offline.party import AgeBands, take_party
from shared.ai.offline.places import take_address, take_zipcode
from shared.ai.offline.replies import find_reply
from shared.ai.offline.spanish import markers, to_english
from shared.ai.offline.talk import SmallTalk, find_smalltalk, is_question
from shared.ai.offline.text import normalise
from shared.ai.offline.times import take_time

_EMPTY: Mapping[str, int | None] = MappingProxyType({})
_NO_SHARES: Mapping[str, Share] = MappingProxyType({})


@functools.cache
def _bands() -> AgeBands:
    """The shipped price book's age bands (read once, on first use)."""
    from shared.pricing.price_book import default_price_book

    guests = default_price_book().guests
    return AgeBands(child_min=guests.child_min_age, adult_min=guests.adult_min_age)


@dataclass(frozen=True)
class Extraction:
    """What one message states. None / empty / False: not stated (or not clearly).

    adults, children (6-12), toddlers (5 and under): counts by kind. guests: a head count
    given without its make-up ("party of 12"); it may or may not include the typed counts
    given next to it. bare_number: the whole message is a number ("20"), whose meaning is
    the answer to the policy's last question.
    event_date is never before `today`; date_is_weekend: the customer named a weekend,
    event_date is its Saturday and the Sunday is meant as much.
    start_time: local wall-clock time; hours 1-10 without am/pm are evening.
    proteins: price-book key -> portions, None when named without a number ("filet for
    everyone": one per guest, or ask). ambiguous_proteins: a word that could mean several
    proteins ("steak") -> portions; never resolved here. addons: price-book keys.
    protein_shares: price-book key -> "rest" (for the guests not counted otherwise: "the
    rest chicken") or "half" ("half salmon half chicken"); its portions are None here.
    allergens: peanuts, tree_nuts, nuts (unspecified), shellfish, fish, gluten, dairy,
    eggs, soy, sesame, any mention. dietary: vegan, vegetarian, pescatarian, halal, kosher,
    gluten_free, dairy_free.
    yes / no: the message answers the last question; never both.
    phone: E.164. address: the street line (with unit, city and state when given).
    children_ages: ages as listed ("kids ages 8, 9, 11 and 3"); the counts by kind are
    filled from them with the price book's age bands. third_protein_portions: "4 third
    proteins"; third_protein_for_all: "a third protein for everybody".
    removed_proteins / removed_addons: price-book keys taken back ("no lobster", "skip the
    filet", "drop the sake", "sin langosta").
    correction: the message corrects something said before; its new values are in their
    fields ("actually make that 15": bare_number 15).
    language: "es" when the message is written in Spanish, else "en" (short or mixed
    messages stay "en"). smalltalk: the greeting, thanks or goodbye the message opens
    with or holds. question: the message asks something. occasion: what the party
    celebrates (birthday, anniversary, corporate, wedding, graduation, holiday,
    bachelorette, retirement, reunion, baby_shower, other).
    unsure: fields the message touches but gives no single clear value for ("around 20",
    "15-20 people", "the 12th or 13th", "sometime in March"); the engine asks. A value
    stated approximately ("about 20") is still in its field, for the engine to offer.
    """

    adults: int | None = None
    children: int | None = None
    toddlers: int | None = None
    guests: int | None = None
    bare_number: int | None = None
    event_date: date | None = None
    date_is_weekend: bool = False
    start_time: time | None = None
    zipcode: str | None = None
    address: str | None = None
    proteins: Mapping[str, int | None] = field(default_factory=lambda: _EMPTY)
    ambiguous_proteins: Mapping[str, int | None] = field(default_factory=lambda: _EMPTY)
    protein_shares: Mapping[str, Share] = field(default_factory=lambda: _NO_SHARES)
    addons: frozenset[str] = frozenset()
    allergens: frozenset[str] = frozenset()
    dietary: frozenset[str] = frozenset()
    yes: bool = False
    no: bool = False
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    children_ages: tuple[int, ...] = ()
    third_protein_portions: int | None = None
    third_protein_for_all: bool = False
    removed_proteins: frozenset[str] = frozenset()
    removed_addons: frozenset[str] = frozenset()
    correction: bool = False
    language: Literal["en", "es"] = "en"
    smalltalk: SmallTalk | None = None
    question: bool = False
    occasion: str | None = None
    unsure: tuple[str, ...] = ()


@functools.lru_cache(maxsize=16)
def _not_places(menu_words: frozenset[str]) -> frozenset[str]:
    """Words that end an address rather than name its city: common words and menu names."""
    return NOT_NAMES | menu_words


def _unsure(fields: Collection[str], **more: bool) -> tuple[str, ...]:
    return tuple(sorted({*fields, *(name for name, unsure in more.items() if unsure)}))


def extract(
    text: str,
    *,
    today: date,
    known_proteins: Mapping[str, str],
    known_addons: Mapping[str, str],
    ambiguous_proteins: Collection[str] | None = None,
    age_bands: AgeBands | None = None,
) -> Extraction:
    """Read one message. `known_proteins` / `known_addons`: normalised name or alias -> key
    (the price book's tables). `ambiguous_proteins`: names never to resolve (the price
    book's `ambiguous_proteins`); None derives them: a last word shared by the names of
    several proteins and not a name itself ("steak"). `age_bands`: the price book's child
    and adult ages; None takes the shipped price book's."""
    lex = lexicon(
        tuple(sorted(known_proteins.items())),
        tuple(sorted(known_addons.items())),
        None if ambiguous_proteins is None else tuple(sorted(ambiguous_proteins)),
    )
    email, raw = take_email(text)
    phone, raw = take_phone(raw)
    address, raw = take_address(raw, _not_places(lex.words))
    name = find_name(raw, lex.words)
    words = markers(text)

    low = normalise(raw)
    if words.has_spanish:
        low = to_english(low)
    low = lex.speller.correct(low)
    reply = find_reply(low)
    diet = find_diet(low)
    smalltalk = find_smalltalk(low)
    question = is_question(low)
    low = mask_money(numeralise(low))
    occasion = find_occasion(low)
    correction, low = take_correction(low)
    when, low = take_date(low, today)
    start_time, low, time_unsure = take_time(low)
    zipcode, low = take_zipcode(low)
    menu, low = take_menu(low, lex)
    party = take_party(low, clock_stated=start_time is not None, bands=age_bands or _bands())
    return Extraction(
        adults=party.adults,
        children=party.children,
        toddlers=party.toddlers,
        guests=party.guests,
        bare_number=party.bare,
        event_date=when.day,
        date_is_weekend=when.weekend,
        start_time=start_time,
        zipcode=zipcode,
        address=address,
        proteins=MappingProxyType(menu.proteins),
        ambiguous_proteins=MappingProxyType(menu.ambiguous),
        protein_shares=MappingProxyType(menu.shares),
        addons=menu.addons,
        allergens=diet.allergens,
        dietary=diet.dietary,
        yes=reply.yes,
        no=reply.no,
        name=name,
        email=email,
        phone=phone,
        correction=correction,
        language=words.language,
        smalltalk=smalltalk,
        question=question,
        occasion=occasion,
        children_ages=party.ages,
        third_protein_portions=menu.third_portions,
        third_protein_for_all=menu.third_for_all,
        removed_proteins=menu.removed_proteins,
        removed_addons=menu.removed_addons,
        unsure=_unsure(party.unsure | menu.unsure, event_date=when.unsure, start_time=time_unsure),
    )
