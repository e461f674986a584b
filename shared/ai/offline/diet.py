"""Allergens and dietary needs a customer mentions, for the chef and the allergen wording.

Any mention counts ("no nuts", "is there soy in the sauce?"): a false alarm costs a
sentence of safety wording, a miss can hurt a guest. Seafood named in an allergy clause
("allergic to shrimp") is reported as its allergen group. A "-free" diet also names the
allergen it avoids ("gluten-free" -> dietary gluten_free and allergen gluten).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ALLERGENS = {
    "peanuts": r"peanuts?|peanut butter|peanut oil",
    "tree_nuts": r"tree[\s-]?nuts?|almonds?|cashews?|walnuts?|pecans?|pistachios?|hazelnuts?|"
    r"macadamias?|brazil nuts?|pine nuts?",
    "nuts": r"nuts?|nut[\s-]free",
    "shellfish": r"shellfish|shell fish|crustaceans?|mollusks?|molluscs?",
    "fish": r"fish|fishes",
    "gluten": r"gluten|wheat|celiac|coeliac",
    "dairy": r"dairy|lactose|milk",
    "eggs": r"eggs?",
    "soy": r"soy|soya|soybeans?|soy sauce",
    "sesame": r"sesame",
}
# Seafood that only names an allergen inside an allergy clause; otherwise it is a protein.
_SEAFOOD = {
    "shellfish": r"shrimps?|prawns?|lobsters?|scallops?|crabs?|clams?|oysters?|mussels?",
    "fish": r"salmon|tuna|cod|tilapia|halibut",
}
_DIETS = {
    "vegan": r"vegans?",
    "vegetarian": r"vegetarians?|veggie only|no meat",
    "pescatarian": r"pescatarians?|pescetarians?",
    "halal": r"halal",
    "kosher": r"kosher",
    "gluten_free": r"gluten[\s-]?free|celiac|coeliac|no gluten",
    "dairy_free": r"dairy[\s-]?free|lactose[\s-]?free|lactose intolerant|no dairy",
}
_AVOIDS = {"gluten_free": "gluten", "dairy_free": "dairy"}


def _groups(table: dict[str, str]) -> re.Pattern[str]:
    return re.compile(
        r"\b(?:" + "|".join(f"(?P<{name}>{words})" for name, words in table.items()) + r")\b"
    )


_ALLERGEN = _groups(_ALLERGENS)
_SEAFOOD_WORD = _groups(_SEAFOOD)
_DIET = _groups(_DIETS)
# From an allergy word to the end of its clause: "allergic to shrimp and lobster".
ALLERGY_CLAUSE = re.compile(
    r"\b(?:allerg\w*|intoleran\w*|anaphyla\w*|can'?t (?:eat|have)|cannot (?:eat|have))\b"
    r"[^.!?;\d§]*"
)
_BEFORE_ALLERGY = re.compile(r"\b(?P<word>\w+)[\s-]+(?:allerg\w*|intoleran\w*|free)\b")


@dataclass(frozen=True)
class Diet:
    allergens: frozenset[str] = frozenset()
    dietary: frozenset[str] = frozenset()


def _kinds(pattern: re.Pattern[str], text: str) -> set[str]:
    return {m.lastgroup for m in pattern.finditer(text) if m.lastgroup}


def find_diet(text: str) -> Diet:
    """Allergen groups and diets mentioned in normalised `text`."""
    allergens = _kinds(_ALLERGEN, text)
    for clause in ALLERGY_CLAUSE.finditer(text):
        allergens |= _kinds(_SEAFOOD_WORD, clause.group())
    for m in _BEFORE_ALLERGY.finditer(text):
        allergens |= _kinds(_SEAFOOD_WORD, m["word"])
    dietary = _kinds(_DIET, text)
    allergens |= {_AVOIDS[d] for d in dietary if d in _AVOIDS}
    return Diet(frozenset(allergens), frozenset(dietary))
