"""Who is writing: email address, phone number (E.164) and name, read from the raw message.

These run before anything lowercases the text (a name is told by its capital letters) and
mask what they take, so a phone number's digits never become a zip code or a guest count.
When a message holds two different emails or phone numbers, neither is taken.
"""

from __future__ import annotations

import re
from collections.abc import Collection

import phonenumbers

from shared.ai.offline.text import MASK
from shared.ai.offline.vocab import word_list

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Digit runs shaped like a phone number, valid or not: never a zip code or a count.
_PHONE_LIKE = re.compile(r"(?<![\w$])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)")
_MIN_PHONE_DIGITS = 10


def _one(values: list[str]) -> str | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def take_email(text: str) -> tuple[str | None, str]:
    found = [m.lower().rstrip(".") for m in _EMAIL.findall(text)]
    return _one(found), _EMAIL.sub(MASK, text) if found else text


def take_phone(text: str, region: str = "US") -> tuple[str | None, str]:
    """A valid number (US unless it has a country code) in E.164, and `text` without it."""
    if sum(map(str.isdigit, text)) < _MIN_PHONE_DIGITS:
        return None, text
    found: list[str] = []
    pieces: list[str] = []
    end = 0
    for match in phonenumbers.PhoneNumberMatcher(text, region):
        found.append(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
        pieces += [text[end : match.start], MASK]
        end = match.end
    masked = "".join([*pieces, text[end:]])
    return _one(found), _PHONE_LIKE.sub(MASK, masked)


# --- names ----------------------------------------------------------------------------

# Words that follow "I'm" / "this is" but are not names, compared casefolded.
NOT_NAMES = frozenset(
    word_list(
        """
    i im me my we us our you your he she they it its this that there here the a an and or
    but so if of in on at to for from with by about as into over after before just only
    also still very really so too not no yes yeah ok okay sure hi hello hey thanks thank
    please sorry good great fine well glad happy excited interested looking planning hoping
    wondering trying thinking going gonna getting having making asking reaching writing
    calling texting messaging following checking contacting available free busy ready new
    back again here home out away done curious confused wanting needing booking hosting
    throwing organizing organising celebrating inquiring enquiring emailing considering
    definitely probably maybe almost actually currently still totally super kinda
    all both each every some any more most much many few
    monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight weekend
    january february march april may june july august september october november december
    mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct
    nov dec hola gracias buenas buenos adios si claro somos soy quiero name names phone
    email address zip number cell call text sounds looks works perfect awesome
    christmas thanksgiving halloween easter valentine valentines
    hibachi chef chefs party dinner event birthday anniversary wedding mom dad
    mother father wife husband son daughter family friend friends team company
    mr mrs ms miss dr
    """
    )
)
_LETTER = r"[^\W\d_]"
_CAPITALISED = rf"[A-ZÀ-ÖØ-Þ]{_LETTER}*(?:['-]{_LETTER}+)*"
_ANY_CASE = rf"{_LETTER}+(?:['-]{_LETTER}+)*"
_INTRODUCTIONS = ("i'm", "i am", "im ", "this is", "it's", "its")
# Each lead: its pattern, whether the name must be capitalised, and strings (lowercase) the
# message must hold for the lead to apply: a cheap skip, as this runs on every message.
_NAME_LEADS: tuple[tuple[re.Pattern[str], bool, tuple[str, ...]], ...] = (
    # Explicit: the name may be written in lowercase.
    (
        re.compile(
            r"(?i:\bmy name(?:'s|\s+is)|(?:^|(?<=[\s,.;!]))(?:the\s+)?name(?:'s|\s*[:=-]|\s+is))"
            rf"\s*((?:{_ANY_CASE}\s*){{1,3}})"
        ),
        False,
        ("name",),
    ),
    # Spanish: "me llamo Ana", "soy Ana López", "mi nombre es Ana".
    (
        re.compile(rf"(?i:\bme llamo|\bmi nombre es|\bsoy)\s+((?:{_CAPITALISED}\s*){{1,3}})"),
        True,
        ("llamo", "nombre", "soy"),
    ),
    # Introductions: only a capitalised word is a name ("I'm in 33130" is not).
    (
        re.compile(rf"(?i:\b(?:i'm|i am|im|this is|it's|its)\s+)((?:{_CAPITALISED}\s*){{1,3}})"),
        True,
        _INTRODUCTIONS,
    ),
    # A booking put under a name: "book it under Tom Nguyen".
    (
        re.compile(
            r"(?i:\bunder\s+(?:the name\s+(?:of\s+)?)?|\b(?:reservation|booking|book it|put it|"
            r"reserve it|hold it)\s+for\s+(?:the name\s+(?:of\s+)?)?)"
            rf"((?:{_CAPITALISED}\s*){{2,3}})"
        ),
        True,
        ("under", " for "),
    ),
    # A full name on a line of its own among contact details (masked already): "Sam Chen,
    # 916-555-0123, ...", "Jordan Lee\n(213) ...", "Book it please: Ali Hassan, ...",
    # "Kim Ito / kim@... / ...", "... | Kim Ito | ...".
    (
        re.compile(
            r"(?:^\W*|[:.!;/|\n]\s*|\s[-\u2013\u2014]\s+)"
            rf"((?:{_CAPITALISED}[ \t]+){{1,2}}{_CAPITALISED})"
            rf"[ \t]*(?=[,;/|\n]|-\s|$|{MASK.strip()})"
        ),
        True,
        (MASK.strip(),),
    ),
    # An introduction in lowercase, beside contact details: "its priya patel priya@...".
    (
        re.compile(rf"(?i:\b(?:i'm|i am|im|this is|it's|its)\s+)((?:{_ANY_CASE}\s*){{1,3}})"),
        False,
        (MASK.strip(),),
    ),
    # Sign-offs closing the message: "Thanks, Maria" / "- Jo".
    (
        re.compile(
            r"(?:(?i:thanks|thank you|cheers|best|regards|sincerely)[\s,!.]*"
            r"|(?:^|\s)[-~\u2013\u2014]\s*)"
            rf"((?:{_CAPITALISED}\s*){{1,3}})[.!]*\s*$"
        ),
        True,
        (),
    ),
)


def _name_words(words: str, capitalised: bool, stop: Collection[str]) -> list[str]:
    """The leading words that can be a name: stop at the first common word."""
    taken: list[str] = []
    for word in words.split():
        if word.casefold() in NOT_NAMES or word.casefold() in stop:
            break
        if capitalised and not word[0].isupper():
            break
        if word.casefold().endswith("'s"):
            return []  # "this is Maria's mom": someone else's name
        taken.append(word)
    return taken


def _cased(word: str) -> str:
    """Title-case a word typed in one case; keep the writer's casing otherwise (McDonald)."""
    return word.capitalize() if word.islower() or word.isupper() else word


# First words of place names ("Los Angeles", "San Jose", "New York", "El Dorado Hills"):
# a capitalised pair starting with one is a place, not the writer.
PLACE_LEADS = frozenset(
    word_list("los las la el san santa new north south east west fort mount lake saint st port")
)
_LOWERCASE_INTRODUCTION = _NAME_LEADS[5][0]


def find_name(text: str, stop: Collection[str] = ()) -> str | None:
    """The writer's name, or None; `stop` adds words (menu names) that are never names.

    A bare name on a contact line counts only beside other contact details (`text` has
    them masked), so "Sounds Good" alone is no name."""
    text = text.replace("\u2019", "'")
    lower = text.lower()
    for pattern, capitalised, needs in _NAME_LEADS:
        if needs and not any(needed in lower for needed in needs):
            continue
        if pattern is _LOWERCASE_INTRODUCTION and not any(w in lower for w in _INTRODUCTIONS):
            continue
        for match in pattern.finditer(text):
            words = _name_words(match.group(1), capitalised, stop)
            if capitalised and words and words[0].casefold() in PLACE_LEADS:
                continue
            if words:
                return " ".join(_cased(w) for w in words)
    return None
