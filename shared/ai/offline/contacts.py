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
_NOT_NAMES = frozenset(
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
    christmas thanksgiving halloween easter valentine valentines
    hibachi chef chefs party dinner event birthday anniversary wedding mom dad
    mother father wife husband son daughter family friend friends team company
    mr mrs ms miss dr
    """
    )
)
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['-][^\W\d_]+)*"
_ANY_CASE = r"[^\W\d_]+(?:['-][^\W\d_]+)*"
_NAME_LEADS = (
    # Explicit: the name may be written in lowercase.
    (
        re.compile(
            rf"(?i:\bmy name(?:'s|\s+is)|\bname\s*(?::|is\b)|\bname's|\bme llamo|"
            rf"\bmi nombre es)\s+((?:{_ANY_CASE}\s*){{1,3}})"
        ),
        False,
    ),
    # Introductions: only a capitalised word is a name ("I'm in 33130" is not).
    (
        re.compile(rf"(?i:\b(?:i'm|i am|im|this is|it's|its)\s+)((?:{_CAPITALISED}\s*){{1,3}})"),
        True,
    ),
    # A booking put under a name: "book it under Tom Nguyen".
    (re.compile(rf"(?i:\b(?:under|for)\s+(?:the name\s+)?)((?:{_CAPITALISED}\s*){{2,3}})"), True),
    # Contact lines: "Sam Chen, 916-...", "Jordan Lee\n(213) ...", "Book it please: Ali Hassan,".
    (
        re.compile(
            rf"(?:^|[:.!\n]\s*)((?:{_CAPITALISED}[ \t]+){{1,2}}{_CAPITALISED})"
            rf"[ \t]*(?:,|/|\n|$|{re.escape(MASK)})"
        ),
        True,
    ),
    # Sign-offs closing the message: "Thanks, Maria" / "- Jo".
    (
        re.compile(
            r"(?:(?i:thanks|thank you|cheers|best|regards|sincerely)[\s,!.]*"
            r"|(?:^|\s)[-~\u2013\u2014]\s*)"
            rf"((?:{_CAPITALISED}\s*){{1,3}})[.!]*\s*$"
        ),
        True,
    ),
)


def _name_words(words: str, capitalised: bool, stop: Collection[str]) -> list[str]:
    """The leading words that can be a name: stop at the first common word."""
    taken: list[str] = []
    for word in words.split():
        if word.casefold() in _NOT_NAMES or word.casefold() in stop:
            break
        if capitalised and not word[0].isupper():
            break
        taken.append(word)
    return taken


def _cased(word: str) -> str:
    """Title-case a word typed in one case; keep the writer's casing otherwise (McDonald)."""
    return word.capitalize() if word.islower() or word.isupper() else word


def find_name(text: str, stop: Collection[str] = ()) -> str | None:
    """The writer's name, or None; `stop` adds words (menu names) that are never names."""
    text = text.replace("\u2019", "'")
    for pattern, capitalised in _NAME_LEADS:
        for match in pattern.finditer(text):
            words = _name_words(match.group(1), capitalised, stop)
            if words:
                return " ".join(_cased(w) for w in words)
    return None
