"""Where the party is: a street address line (raw text) and a 5-digit zip code (normalised).

An address is taken only when it is clearly one: a house number, one to four street-name
words and a street suffix ("123 Main St", "4500 W. Sunset Blvd Apt 2", "900 K St"), plus
the city and state when they follow with a two-letter state code ("Roseville CA 95661",
zip included), or a city alone after a comma at the end of a clause ("900 N Street,
Sacramento"). A street without a suffix ("820 S Broadway", "55 Alameda", "12 Camino Real")
counts only when its words are capitalised names and a city after a comma or a zip code
follows it ("820 S Broadway, Los Angeles 90012"), so "12 people, Saturday" stays a count.
A zip code is five digits standing alone that nothing marks as something else (a count, a
price, an order number); the punctuation closing its clause ("Pasadena 91101: 9 adults")
does not. When several different ones appear, only one introduced by "zip" is taken.
"""

from __future__ import annotations

import re

from shared.ai.offline.contacts import PLACE_LEADS
from shared.ai.offline.text import MASK
from shared.ai.offline.vocab import GUEST_NOUN, UNIT, word_list

_SUFFIX = (
    r"(?:street|st|avenue|ave|av|boulevard|blvd|road|rd|drive|dr|lane|ln|way|court|ct|place|pl|"
    r"terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|loop|square|sq|row|alley|"
    r"crescent|cres|point|pt|pike|plaza|run)"
)
_STATES = word_list(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
)
_STREET_WORD = r"(?:[A-Za-z][A-Za-z'.-]*|\d+(?:st|nd|rd|th))"
_ADDRESS = re.compile(
    rf"(?<![\w$#])\d{{1,6}}[A-Za-z]?\s+(?P<street>(?:{_STREET_WORD}\s+){{1,4}}?)"
    rf"(?i:{_SUFFIX})\b\.?"
    r"(?P<unit>,?\s+(?i:apt|apartment|unit|suite|ste|#)\.?\s*#?[A-Za-z0-9-]+)?"
    rf"(?:(?P<city>,?\s+(?:[A-Z][A-Za-z.]*\s+){{0,2}}[A-Z][A-Za-z.]*,?\s+(?:{'|'.join(_STATES)})\b)"
    # A city without its state only after a comma, closing the sentence: "900 N St, Sacramento".
    r"|(?P<town>,\s*(?:[A-Z][A-Za-z.]+\s+){0,2}[A-Z][A-Za-z.]+)(?=\s*(?:$|[.;!?]|,|\s\d{5}\b))"
    # ... or in any case right before its zip code: "2200 K St sacramento 95816".
    r"|(?P<town_before_zip>,?\s+(?:[A-Za-z][a-z.]+\s+){0,2}[A-Za-z][a-z.]+)(?=,?\s+\d{5}\b))?"
    r"(?P<zip>,?\s+\d{5}(?:-\d{4})?\b)?",
)
# Street-name words that show the match is a sentence, not an address ("20 people no way").
_NOT_STREET = re.compile(
    rf"^(?:{GUEST_NOUN}|{UNIT}|and|or|for|at|on|in|of|the|to|by|is|are|no|not|with|from|we|"
    r"our|my|your|this|that|next|about|around|chicken|steak|shrimp|lobster|filet)$",
    re.IGNORECASE,
)


def _street_word_ok(word: str) -> bool:
    # One capital letter is a street's name ("900 K St", "12 N St"), not a unit like "k".
    return (len(word) == 1 and word.isupper()) or not _NOT_STREET.match(word)


# A street named without a suffix: capitalised name words (a leading N/S/E/W allowed), then
# a city after a comma (state optional) closing the clause, or straight away a zip code.
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['.-][^\W\d_]+)*"
_CITY = rf"(?:{_NAME_WORD}[ \t]+){{0,2}}{_NAME_WORD}"
_BARE_STREET = re.compile(
    rf"(?<![\w$#:/.,-])\d{{1,6}}[A-Za-z]?[ \t]+"
    rf"(?P<street>(?:[NSEW]\.?[ \t]+)?(?:{_NAME_WORD}[ \t]+){{0,2}}{_NAME_WORD})"
    r"(?P<unit>,?[ \t]+(?i:apt|apartment|unit|suite|ste|#)\.?[ \t]*#?[A-Za-z0-9-]+)?"
    rf"(?:(?P<town>,[ \t]*{_CITY}(?:,?[ \t]+(?:{'|'.join(_STATES)})\b)?)"
    r"(?=[ \t]*(?:$|[.;!?\n]|,|[ \t]\d{5}\b))|(?=,?[ \t]+\d{5}\b))"
    r"(?P<zip>,?[ \t]+\d{5}(?:-\d{4})?\b)?",
)
# Capitalised words that follow a number without naming a street (Spanish, as this reads the
# raw text): "8 Adultos, Los Angeles", "13 Diciembre, 90012".
_NOT_STREET_NAME = frozenset(
    word_list(
        """
    personas persona adultos adulto ninos niños invitados gente
    lunes martes miercoles miércoles jueves viernes sabado sábado domingo
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre
    """
    )
)


def _street_name_ok(word: str, not_places: frozenset[str]) -> bool:
    folded = word.casefold().strip(".")
    return _street_word_ok(word) and folded not in not_places and folded not in _NOT_STREET_NAME


def _not_a_town(town: str, not_places: frozenset[str]) -> bool:
    """A word of `town` ends the address instead ("..., Thanks"); place leads ("New York",
    "Los Angeles") never do."""
    words = {w.casefold().strip(".") for w in town.strip(", ").split()}
    return bool(words & (not_places - PLACE_LEADS))


def _bare_street(text: str, not_places: frozenset[str]) -> re.Match[str] | None:
    """The first suffix-less street line whose words all name a street and whose city is
    one ("12 Camino Real, Thanks" is no address)."""
    for match in _BARE_STREET.finditer(text):
        if all(
            _street_name_ok(word, not_places) for word in match["street"].split()
        ) and not _not_a_town(match["town"] or "", not_places):
            return match
    return None


def take_address(text: str, not_places: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    """The first clear street address (with unit, city, state and zip when given), `text`
    without it; its zip code is left in the text for `take_zipcode`. `not_places`: words
    (casefolded) that end an address instead of naming its city ("..., Thanks")."""
    bare = _bare_street(text, not_places)
    matches = [*_ADDRESS.finditer(text), *([bare] if bare else [])]
    for match in matches:
        if not all(_street_word_ok(word) for word in match["street"].split()):
            continue
        end = match.end()
        town_group = "town" if match["town"] else "town_before_zip"
        town = match.groupdict().get(town_group)
        town_start = match.start(town_group) if town else -1
        if town and _not_a_town(town, not_places):
            end = town_start
        zip_code = match["zip"] if match["zip"] and end == match.end() else ""
        line = text[match.start() : end]
        address = " ".join(line.replace(" ,", ",").split()).rstrip(",")
        return address, text[: match.start()] + MASK + zip_code + text[end:]
    return None, text


_KEYED_ZIP = re.compile(r"\b(?:zip|zipcode|zip code|postal code|postcode)\s*(?:is|:|=|-|#)?\s*$")
_ZIP = re.compile(r"(?<![\w§$#.,/:+-])(\d{5})(?:-\d{4})?(?![\w§/%+]|[.,:]\d|-\d)")
_NOT_ZIP_BEFORE = re.compile(
    r"\b(?:party of|group of|family of|for|order|booking|confirmation|conf|ref|reference|"
    r"invoice|id|account|acct|room|suite|apt|unit|number|no\.|budget|pay|paid|spend)\s*#?\s*$"
)
_NOT_ZIP_AFTER = re.compile(rf"\s*(?:{GUEST_NOUN}|{UNIT}|of us)\b")


def take_zipcode(text: str) -> tuple[str | None, str]:
    """A 5-digit zip code from normalised `text`, and `text` with every zip-like number masked."""
    keyed: list[str] = []
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _ZIP.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        if _NOT_ZIP_BEFORE.search(before) or _NOT_ZIP_AFTER.match(text, match.end()):
            continue
        (keyed if _KEYED_ZIP.search(before) else plain).append(match.group(1))
        spans.append(match.span())
    for start, end in reversed(spans):
        text = text[:start] + MASK + text[end:]
    for found in (set(keyed), set(plain)):
        if found:
            return (found.pop() if len(found) == 1 else None), text
    return None, text
