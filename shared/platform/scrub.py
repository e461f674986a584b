"""Personal data out of customer text: phones, emails, card numbers, street addresses and
names become placeholders before a training example leaves the platform or a customer's
words are kept as analytics evidence (both domains use it, so it lives here).

Patterns catch the common shapes; the thread's own records (the customer's name, phone,
email and booking addresses) catch what a pattern cannot know is personal. `leaks` is the
independent hard check the export runs on every scrubbed line: a raw phone or email left
behind refuses the whole export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import phonenumbers

PHONE, EMAIL, CARD, ADDRESS, NAME = "[PHONE]", "[EMAIL]", "[CARD]", "[ADDRESS]", "[NAME]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
_SUFFIX = (
    r"St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Ln|Lane|Way|Ct|Court|Pl|Place"
    r"|Ter|Terrace|Cir|Circle|Pkwy|Parkway|Hwy|Highway|Loop|Trl|Trail"
)
_STREET = re.compile(
    rf"\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Za-z0-9][\w'.-]*\s+){{0,4}}(?:{_SUFFIX})\b\.?"
    r"(?:,?\s*(?:Apt|Unit|Suite|Ste|#)\.?\s*[\w-]+)?",
    re.IGNORECASE,
)
_CALLE = re.compile(r"\b(?:Calle|Avenida|Av\.)\s+(?:[A-Za-zÀ-ÿ'.-]+\s+){1,4}#?\d{1,6}\b")
_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'-]+"
_INTRODUCED = re.compile(
    r"(?i:\b(?:my name is|my name's|i'm|i am|this is|me llamo|mi nombre es|soy)\s+)"
    rf"({_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)


# Capitalised words that follow "I'm" / "soy" without being a name ("I'm Interested").
_NOT_NAME_WORDS = (
    "interested looking planning trying wondering calling asking hoping going not just so "
    "very still also ready back sure sorry here available excited happy glad new hungry "
    "vegetarian vegetariana vegano vegana interesada interesado"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def _introduced(m: re.Match[str]) -> str:
    name = m.group(1)
    if name.split()[0].lower() in _NOT_NAMES:
        return m.group()
    return m.group().replace(name, NAME)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _cards(text: str) -> str:
    def swap(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group())
        return CARD if _luhn(digits) else m.group()

    return _CARD.sub(swap, text)


def _phones(text: str, region: str) -> str:
    spans = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    for start, end in reversed(spans):
        text = text[:start] + PHONE + text[end:]
    return text


def _literal(values: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for known values, longest first (a name before its parts)."""
    unique = sorted({v.strip() for v in values if v and len(v.strip()) >= 3}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(v)}(?!\w)" for v in unique), re.IGNORECASE)


def _name_parts(names: Iterable[str]) -> re.Pattern[str] | None:
    """A known name's single words, matched only capitalised ('Will', not 'will')."""
    words = {w for n in names for w in n.split() if len(w) >= 3 and w[0].isupper()}
    if not words:
        return None
    return re.compile(
        "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(words, key=len, reverse=True))
    )


@dataclass(frozen=True)
class Scrubber:
    """Patterns plus one thread's known values (customer names, phones, emails, addresses)."""

    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()  # other known phones/emails, in the forms stored
    region: str = "US"
    _addresses: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _names: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _name_words: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _literals: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        streets = [a.split(",")[0] for a in self.addresses]
        object.__setattr__(self, "_addresses", _literal([*self.addresses, *streets]))
        object.__setattr__(self, "_names", _literal(self.names))
        object.__setattr__(self, "_name_words", _name_parts(self.names))
        object.__setattr__(self, "_literals", _literal(self.literals))

    def scrub(self, text: str) -> str:
        if self._literals is not None:
            text = self._literals.sub(lambda m: EMAIL if "@" in m.group() else PHONE, text)
        text = _EMAIL.sub(EMAIL, text)
        text = _cards(text)
        if self._addresses is not None:
            text = self._addresses.sub(ADDRESS, text)
        text = _STREET.sub(ADDRESS, text)
        text = _CALLE.sub(ADDRESS, text)
        text = _phones(text, self.region)
        text = _INTRODUCED.sub(_introduced, text)
        for known in (self._names, self._name_words):
            if known is not None:
                text = known.sub(NAME, text)
        return text


def leaks(text: str, region: str = "US") -> list[str]:
    """Raw phones and emails in `text`: what the export must never let out."""
    found = [m.group() for m in _EMAIL.finditer(text)]
    found += [
        m.raw_string
        for m in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    return found
