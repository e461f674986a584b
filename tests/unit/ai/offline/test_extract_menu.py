"""Proteins with portions, ambiguous protein words, add-ons, allergens and diets."""

from __future__ import annotations

from typing import Any

import pytest

from shared.ai.offline.extract import extract
from shared.ai.offline.menu import derived_ambiguous
from tests.unit.ai.offline.conftest import ADDONS, BOOK, PROTEINS, WEDNESDAY, read, stated

MENU: list[tuple[str, dict[str, Any]]] = [
    ("two lobster tails", {"proteins": {"lobster_tail": 2}}),
    ("2 lobster", {"proteins": {"lobster_tail": 2}}),
    ("filet for everyone", {"proteins": {"filet_mignon": None}}),
    ("10 chicken, 10 NY strip", {"proteins": {"chicken": 10, "ny_strip": 10}}),
    ("new york strip steak x 3", {"proteins": {"ny_strip": 3}}),
    ("filet x4 and scallops: 6", {"proteins": {"filet_mignon": 4, "scallops": 6}}),
    ("4 orders of shrimp", {"proteins": {"shrimp": 4}}),
    ("a dozen scallops", {"proteins": {"scallops": 12}}),
    ("shrimps and veggies", {"proteins": {"shrimp": None, "vegetables": None}}),
    ("chicken, then 8 chicken", {"proteins": {"chicken": 8}}),
    ("8 chicken... and chicken for the kids", {"proteins": {"chicken": 8}}),
    ("2 lobster tails each", {"proteins": {"lobster_tail": None}}),
    ("salmon and tofu", {"proteins": {"salmon": None, "tofu": None}}),
    ("chiken and salmn", {"proteins": {"chicken": None}}),  # 5-letter typos stay
    ("steak", {"ambiguous_proteins": {"steak": None}}),
    (
        "10 steaks and 5 filet",
        {"ambiguous_proteins": {"steak": 10}, "proteins": {"filet_mignon": 5}},
    ),
    ("filet steak", {"proteins": {"filet_mignon": None}}),
    ("no shrimp", {}),
    ("no shrimp or lobster please, 5 chicken", {"proteins": {"chicken": 5}}),
    ("without scallops", {}),
    ("we don't want steak", {}),
    ("shrimp-free please", {"allergens": {"shellfish"}}),
    ("allergic to shrimp and lobster", {"allergens": {"shellfish"}}),
    ("shrimp allergy, so 10 chicken", {"allergens": {"shellfish"}, "proteins": {"chicken": 10}}),
    ("add sake", {"addons": {"sake_service"}}),
    (
        "premium sake service and the extended show",
        {"addons": {"sake_service", "extended_performance"}},
    ),
    ("extended performance + custom menu", {"addons": {"extended_performance", "custom_menu"}}),
    ("no sake", {}),
    ("for the sake of the kids, keep it short", {}),
    ("for goodness sake", {}),
]


@pytest.mark.parametrize(("message", "expected"), MENU)
def test_menu(message: str, expected: dict[str, Any]) -> None:
    found = read(message)
    assert dict(found.proteins) == expected.get("proteins", {})
    assert dict(found.ambiguous_proteins) == expected.get("ambiguous_proteins", {})
    assert found.addons == expected.get("addons", set())
    assert found.allergens == expected.get("allergens", set())


def test_menu_portions_are_not_head_counts() -> None:
    found = read("2 lobster tails and 10 chicken")
    assert (found.guests, found.adults, found.bare_number) == (None, None, None)


def test_ambiguous_words_are_derived_from_the_price_book() -> None:
    # The book may declare more ("bistec", a word no protein name ends with).
    assert set(derived_ambiguous(tuple(PROTEINS.items()))) <= set(BOOK.ambiguous_proteins)
    assert derived_ambiguous(tuple(PROTEINS.items())) == ("steak",)


def test_ambiguous_words_can_be_given() -> None:
    found = extract(
        "10 chicken and seafood for 20 people",
        today=WEDNESDAY,
        known_proteins=PROTEINS,
        known_addons=ADDONS,
        ambiguous_proteins=["seafood", "steak"],
    )
    assert dict(found.proteins) == {"chicken": 10}
    assert dict(found.ambiguous_proteins) == {"seafood": None}
    assert found.guests == 20


def test_another_price_book_brings_its_own_names() -> None:
    found = extract(
        "3 wagyu and a sushi bar",
        today=WEDNESDAY,
        known_proteins={"wagyu": "wagyu", "wagyu beef": "wagyu"},
        known_addons={"sushi bar": "sushi_bar"},
    )
    assert dict(found.proteins) == {"wagyu": 3}
    assert found.addons == {"sushi_bar"}


DIET: list[tuple[str, set[str], set[str]]] = [
    ("one guest has a nut allergy", {"nuts"}, set()),
    ("peanut allergy", {"peanuts"}, set()),
    ("allergic to tree nuts and peanuts", {"tree_nuts", "peanuts"}, set()),
    ("any almonds in the sauce?", {"tree_nuts"}, set()),
    ("no shellfish", {"shellfish"}, set()),
    ("salmon allergy", {"fish"}, set()),
    ("is there fish sauce?", {"fish"}, set()),
    ("my son is celiac", {"gluten"}, {"gluten_free"}),
    ("2 gluten-free guests", {"gluten"}, {"gluten_free"}),
    ("lactose intolerant", {"dairy"}, {"dairy_free"}),
    ("dairy free", {"dairy"}, {"dairy_free"}),
    ("no eggs please", {"eggs"}, set()),
    ("soy sauce ok?", {"soy"}, set()),
    ("sesame allergy", {"sesame"}, set()),
    ("2 vegetarians and a vegan", set(), {"vegetarian", "vegan"}),
    ("halal meat only", set(), {"halal"}),
    ("kosher?", set(), {"kosher"}),
    ("pescatarian", set(), {"pescatarian"}),
    ("alergic to shelfish", {"shellfish"}, set()),
    ("we want shrimp and salmon", set(), set()),
    ("donuts for dessert", set(), set()),
]


@pytest.mark.parametrize(("message", "allergens", "dietary"), DIET)
def test_allergens_and_diets(message: str, allergens: set[str], dietary: set[str]) -> None:
    found = read(message)
    assert (found.allergens, found.dietary) == (allergens, dietary)


# --- portions per subset, third proteins, removals (issue 9) ----------------------------

SUBSETS: list[tuple[str, dict[str, Any]]] = [
    (
        "filet mignon for 6 of us and lobster tail for the other 6",
        {"proteins": {"filet_mignon": 6, "lobster_tail": 6}},
    ),
    (
        "6 of us want filet and the other 6 want lobster",
        {"proteins": {"filet_mignon": 6, "lobster_tail": 6}},
    ),
    (
        "filet for 6 people and lobster for the other 6",
        {"proteins": {"filet_mignon": 6, "lobster_tail": 6}},
    ),
    (
        "lobster for 4 guests, filet for 8 guests",
        {"proteins": {"lobster_tail": 4, "filet_mignon": 8}},
    ),
    (
        "12 adults. filet for 6 and chicken for the rest",
        {
            "adults": 12,
            "proteins": {"filet_mignon": 6, "chicken": None},
            "protein_shares": {"chicken": "rest"},
        },
    ),
    ("filet for everybody", {"proteins": {"filet_mignon": None}}),
    ("filet for everyone", {"proteins": {"filet_mignon": None}}),
    ("filet for all of us", {"proteins": {"filet_mignon": None}}),
    ("everyone wants filet", {"proteins": {"filet_mignon": None}}),
    ("chicken for the whole group", {"proteins": {"chicken": None}}),
    (
        "filet for everyone and lobster for 4",
        {"proteins": {"filet_mignon": None, "lobster_tail": 4}},
    ),
    # A share given as "for N people" alone is the party's size.
    ("chicken for 30 people", {"guests": 30, "proteins": {"chicken": None}}),
    (
        "half of us want lobster",
        {"proteins": {"lobster_tail": None}, "protein_shares": {"lobster_tail": "half"}},
    ),
    ("some of us want filet", {"proteins": {"filet_mignon": None}, "unsure": ("proteins",)}),
    (
        "filete para 6 de nosotros y langosta para los otros 6",
        {"proteins": {"filet_mignon": 6, "lobster_tail": 6}},
    ),
]


@pytest.mark.parametrize(("message", "expected"), SUBSETS)
def test_portions_per_subset(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


THIRD: list[tuple[str, dict[str, Any]]] = [
    ("a third protein for everybody", {"third_protein_for_all": True}),
    ("a 3rd protein for everyone", {"third_protein_for_all": True}),
    ("third protein for all of us", {"third_protein_for_all": True}),
    ("everyone gets a third protein", {"third_protein_for_all": True}),
    ("add an extra protein for the whole group", {"third_protein_for_all": True}),
    ("a third protein each", {"third_protein_for_all": True}),
    ("una tercera proteína para todos", {"third_protein_for_all": True}),
    ("add 4 third proteins", {"third_protein_portions": 4}),
    ("four third proteins please", {"third_protein_portions": 4}),
    ("add 4 extra proteins", {"third_protein_portions": 4}),
    ("a third protein for 6 of us", {"third_protein_portions": 6}),
    ("20 adults, 5 third proteins", {"adults": 20, "third_protein_portions": 5}),
    ("can we add a third protein?", {"unsure": ("third_protein_portions",)}),
]


@pytest.mark.parametrize(("message", "expected"), THIRD)
def test_third_proteins(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


REMOVALS: list[tuple[str, dict[str, Any]]] = [
    ("no lobster", {"removed_proteins": {"lobster_tail"}}),
    ("no lobster please", {"removed_proteins": {"lobster_tail"}}),
    ("skip the filet", {"removed_proteins": {"filet_mignon"}}),
    ("drop the sake", {"removed_addons": {"sake_service"}}),
    ("remove the sake", {"removed_addons": {"sake_service"}}),
    ("take off the extended show", {"removed_addons": {"extended_performance"}}),
    ("forget the lobster", {"removed_proteins": {"lobster_tail"}}),
    ("we don't want the lobster anymore", {"removed_proteins": {"lobster_tail"}}),
    ("without scallops", {"removed_proteins": {"scallops"}}),
    ("hold the shrimp", {"removed_proteins": {"shrimp"}}),
    ("cancel the sake service", {"removed_addons": {"sake_service"}}),
    ("sin langosta", {"removed_proteins": {"lobster_tail"}}),
    ("quita la langosta", {"removed_proteins": {"lobster_tail"}}),
    (
        "lobster instead of filet",
        {"proteins": {"lobster_tail": None}, "removed_proteins": {"filet_mignon"}},
    ),
    (
        "no lobster, filet for everyone",
        {"proteins": {"filet_mignon": None}, "removed_proteins": {"lobster_tail"}},
    ),
    # Not removals: an allergy, a dislike, an idiom.
    ("allergic to shrimp", {"allergens": {"shellfish"}}),
    ("shrimp-free please", {"allergens": {"shellfish"}}),
    ("I hate shrimp", {}),
    ("for goodness sake, 20 people", {"guests": 20}),
]


@pytest.mark.parametrize(("message", "expected"), REMOVALS)
def test_removals(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


# --- shares of the party: "the rest", "everyone else", "half" -----------------------------

SHARES: list[tuple[str, dict[str, int | None], dict[str, str]]] = [
    (
        "4 of them want salmon, the rest chicken and shrimp",
        {"salmon": 4, "chicken": None, "shrimp": None},
        {"chicken": "rest", "shrimp": "rest"},
    ),
    ("salmon for 4, everyone else chicken", {"salmon": 4, "chicken": None}, {"chicken": "rest"}),
    (
        "filet for 6 of us and lobster for everybody else",
        {"filet_mignon": 6, "lobster_tail": None},
        {"lobster_tail": "rest"},
    ),
    (
        "3 of us want scallops and the others want filet",
        {"scallops": 3, "filet_mignon": None},
        {"filet_mignon": "rest"},
    ),
    ("the rest of us want chicken", {"chicken": None}, {"chicken": "rest"}),
    (
        "half salmon half chicken",
        {"salmon": None, "chicken": None},
        {"salmon": "half", "chicken": "half"},
    ),
    (
        "lobster for half of us, chicken for the others",
        {"lobster_tail": None, "chicken": None},
        {"lobster_tail": "half", "chicken": "rest"},
    ),
    ("salmón para 4 y pollo para el resto", {"salmon": 4, "chicken": None}, {"chicken": "rest"}),
    (
        "la mitad salmón y la mitad pollo",
        {"salmon": None, "chicken": None},
        {"salmon": "half", "chicken": "half"},
    ),
    # Not shares: the whole party, or no share word at all.
    ("filet for everyone and lobster for 4", {"filet_mignon": None, "lobster_tail": 4}, {}),
    ("half an hour later, chicken", {"chicken": None}, {}),
]


@pytest.mark.parametrize(("message", "proteins", "shares"), SHARES)
def test_shares_of_the_party(
    message: str, proteins: dict[str, int | None], shares: dict[str, str]
) -> None:
    found = read(message)
    assert dict(found.proteins) == proteins
    assert dict(found.protein_shares) == shares
