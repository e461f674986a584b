"""Who and where: email, phone (E.164), name, street address, zip code."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.ai.offline.conftest import read, stated


@pytest.mark.parametrize(
    ("message", "email"),
    [
        ("my email is maria@example.com", "maria@example.com"),
        ("Reach me: Sam.Lee+hibachi@Mail.Example.co.uk.", "sam.lee+hibachi@mail.example.co.uk"),
        ("a@example.com or b@example.com", None),
        ("a@example.com, A@Example.com", "a@example.com"),
        ("email me @ maria", None),
        ("maria at example dot com", None),
    ],
)
def test_email(message: str, email: str | None) -> None:
    assert read(message).email == email


@pytest.mark.parametrize(
    ("message", "phone"),
    [
        ("call me at (310) 555-0199", "+13105550199"),
        ("cell 213-555-1234", "+12135551234"),
        ("my number is 415.555.2671", "+14155552671"),
        ("text 4155552671", "+14155552671"),
        ("+1 (213) 555-1234", "+12135551234"),
        ("my UK mobile is +44 7911 123456", "+447911123456"),
        ("555-123-4567", None),  # no such area code
        ("213-555-1234 or 310-555-0199", None),
        ("12/5/2026 at 6pm in 90012 for 12345 people", None),
    ],
)
def test_phone(message: str, phone: str | None) -> None:
    assert read(message).phone == phone


@pytest.mark.parametrize(
    "message",
    ["call 213-555-1234", "555-123-4567", "3105550199", "(310) 555 0199"],
)
def test_phone_digits_are_never_a_zip_or_a_count(message: str) -> None:
    found = read(message)
    assert (found.zipcode, found.guests, found.bare_number) == (None, None, None)


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("I'm Jo", "Jo"),
        ("Hi, I\u2019m Jo, looking to book", "Jo"),
        ("this is Maria Lopez", "Maria Lopez"),
        ("Hi this is Maria from Irvine", "Maria"),
        ("my name is maria lopez and i want to book", "Maria Lopez"),
        ("My name's Sean O'Brien", "Sean O'Brien"),
        ("name: DeShawn McDonald", "DeShawn McDonald"),
        ("MY NAME IS ANA", "Ana"),
        ("It's Priya again", "Priya"),
        ("thanks, Priya", "Priya"),
        ("see you then - Jo", "Jo"),
        ("email me jen@x.io \u2014 Jen", "Jen"),
        ("I'm in 33130", None),
        ("I'm Looking for a chef", None),
        ("im interested in a party", None),
        ("This is Saturday right?", None),
        ("this is for my daughter", None),
        ("it's Chicken or steak?", None),
        ("Thanks!", None),
        ("I am so excited", None),
    ],
)
def test_name(message: str, name: str | None) -> None:
    assert read(message).name == name


@pytest.mark.parametrize(
    ("message", "address"),
    [
        ("we're at 123 Main St", "123 Main St"),
        ("address: 4500 W. Sunset Blvd, Apt 2", "4500 W. Sunset Blvd, Apt 2"),
        ("1600 pennsylvania avenue", "1600 pennsylvania avenue"),
        ("350 5th Ave, New York, NY 10118", "350 5th Ave, New York, NY 10118"),
        ("it's 88 Ocean View Dr #4 in Malibu", "88 Ocean View Dr #4"),
        ("20 people no way we can wait", None),
        ("party of 12 on main st", None),
        ("at 5 on Park Pl", None),
    ],
)
def test_address(message: str, address: str | None) -> None:
    assert read(message).address == address


@pytest.mark.parametrize(
    ("message", "zipcode"),
    [
        ("90012", "90012"),
        ("zip is 95814", "95814"),
        ("zip code: 02139", "02139"),
        ("I'm in 33130", "33130"),
        ("Los Angeles, CA 90012-1234", "90012"),
        ("zip 90012, my old place was 94110", "90012"),
        ("90012 or 94110", None),
        ("party of 12345", None),
        ("for 12345 people", None),
        ("$55000 budget", None),
        ("55000 dollars", None),
        ("order #12345", None),
        ("booking 12345", None),
        ("in 2026", None),
        ("9001", None),
        ("900123", None),
        ("90,012", None),
        # Punctuation closing the zip's clause is not part of it.
        ("Pasadena 91101: 9 adults", "91101"),
        ("in Pasadena 91101; 9 adults", "91101"),
        ("(Pasadena 91101) 9 adults", "91101"),
        ("we're in Pasadena 91101.", "91101"),
        ("zip is 91101!", "91101"),
        ("91101:30", None),
    ],
)
def test_zipcode(message: str, zipcode: str | None) -> None:
    assert read(message).zipcode == zipcode


# --- contact details in the shapes customers send them (issue 9) ---------------------------

CONTACTS: list[tuple[str, dict[str, Any]]] = [
    (
        "Name is Marcus Bell, phone 916-555-0199, email marcus@example.com, Address is "
        "1420 Eureka Rd, Roseville CA 95661",
        {
            "name": "Marcus Bell",
            "phone": "+19165550199",
            "email": "marcus@example.com",
            "address": "1420 Eureka Rd, Roseville CA 95661",
            "zipcode": "95661",
        },
    ),
    (
        "Sam Chen, 916-555-0123, 900 N Street, Sacramento",
        {"name": "Sam Chen", "phone": "+19165550123", "address": "900 N Street, Sacramento"},
    ),
    (
        "Sam Chen 916-555-0123 sam@example.com",
        {"name": "Sam Chen", "phone": "+19165550123", "email": "sam@example.com"},
    ),
    (
        "Ana Lopez, ana.lopez@example.com",
        {"name": "Ana Lopez", "email": "ana.lopez@example.com"},
    ),
    (
        "name: dana kim\nphone: (916) 555-0123\naddress: 12 N St Apt 4, Davis, CA 95616",
        {
            "name": "Dana Kim",
            "phone": "+19165550123",
            "address": "12 N St Apt 4, Davis, CA 95616",
            "zipcode": "95616",
        },
    ),
    (
        "I'm Ana Lopez, you can reach me at 916.555.0123",
        {"name": "Ana Lopez", "phone": "+19165550123"},
    ),
    ("this is Ana, +1 916 555 0123", {"name": "Ana", "phone": "+19165550123"}),
    ("my name's Ana", {"name": "Ana"}),
    ("the name is Jordan Lee", {"name": "Jordan Lee"}),
    ("me llamo Ana López", {"name": "Ana López"}),
    ("mi nombre es José García", {"name": "José García"}),
    ("we're at 900 K St", {"address": "900 K St"}),
    ("1 E Main St", {"address": "1 E Main St"}),
    ("12 N St Apt 4", {"address": "12 N St Apt 4"}),
    (
        "55 Oak Ave, Sacramento 95814",
        {"address": "55 Oak Ave, Sacramento 95814", "zipcode": "95814"},
    ),
    ("900 K Street, thanks!", {"address": "900 K Street"}),
    (
        "its priya patel priya.p@gmail.com 9165550188 address 2200 K St sacramento 95816",
        {
            "name": "Priya Patel",
            "email": "priya.p@gmail.com",
            "phone": "+19165550188",
            "address": "2200 K St sacramento 95816",
            "zipcode": "95816",
        },
    ),
    (
        "300 S Spring St, LA 90012",
        {"address": "300 S Spring St, LA 90012", "zipcode": "90012"},
    ),
    ("2200 K St in 95816", {"address": "2200 K St", "zipcode": "95816"}),
    ("i'm looking to book, 916-555-0123", {"phone": "+19165550123"}),
]


@pytest.mark.parametrize(("message", "expected"), CONTACTS)
def test_contact_details(message: str, expected: dict[str, Any]) -> None:
    assert stated(read(message)) == expected


@pytest.mark.parametrize(
    ("message", "name"),
    [
        ("Hi, it's Dana", "Dana"),
        ("hey it's Dana!", "Dana"),
        ("Hi there", None),
        ("Hi there, 20 people", None),
        ("hello again", None),
        ("Hi, I'm in Sacramento", None),
        ("It's Dec 5 for 20", None),
        ("It's Saturday", None),
        ("this is for 20 people", None),
        ("Lobster Tail, 916-555-0123", None),
        ("Filet Mignon for everyone", None),
        ("Hola, soy Ana", "Ana"),
        ("Buenas Tardes, 916-555-0123", None),
        ("book it under Tom Nguyen", "Tom Nguyen"),
        ("put it under the name Tom Nguyen", "Tom Nguyen"),
        ("Book it please: Ali Hassan, ali@example.com", "Ali Hassan"),
        ("Jordan Lee\n(213) 555-0188", "Jordan Lee"),
        ("Los Angeles, 916-555-0123", None),
        ("San Jose, 916-555-0123", None),
        ("Sounds Good", None),
        ("dinner for Maria Lopez's birthday", None),
        ("this is Maria's mom", None),
        ("book it - Una Park, una.park@example.com", "Una Park"),
    ],
)
def test_names_are_not_greetings_proteins_or_dates(message: str, name: str | None) -> None:
    assert read(message).name == name


# --- details split by slashes, bars, dashes, semicolons or lines ---------------------------

_KIM = {"name": "Kim Ito", "email": "kim.ito@example.com", "phone": "+13235550191"}


@pytest.mark.parametrize(
    "message",
    [
        "Kim Ito / kim.ito@example.com / 323-555-0191",
        "Kim Ito/kim.ito@example.com/323-555-0191",
        "Kim Ito | kim.ito@example.com | 323-555-0191",
        "Kim Ito - kim.ito@example.com - 323-555-0191",
        "Kim Ito; kim.ito@example.com; 323-555-0191",
        "Kim Ito\nkim.ito@example.com\n323-555-0191",
        "kim.ito@example.com / Kim Ito / 323-555-0191",
        "323-555-0191 | Kim Ito | kim.ito@example.com",
    ],
)
def test_name_among_separated_details(message: str) -> None:
    assert stated(read(message)) == _KIM


def test_slash_separated_details_with_an_address() -> None:
    message = "Kim Ito / kim.ito@example.com / 323-555-0191 / 2345 Sunset Blvd, Los Angeles 90026"
    assert stated(read(message)) == {
        **_KIM,
        "address": "2345 Sunset Blvd, Los Angeles 90026",
        "zipcode": "90026",
    }


@pytest.mark.parametrize(
    "message",
    [
        "Sounds Good / 323-555-0191",
        "Looks Good | 323-555-0191",
        "Los Angeles / 323-555-0191",
        "Saturday Night | 323-555-0191",
        "Filet Mignon / 323-555-0191",
    ],
)
def test_separated_details_without_a_name(message: str) -> None:
    assert read(message).name is None


# --- streets named without a suffix ---------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "address"),
    [
        ("820 S Broadway, Los Angeles 90012", "820 S Broadway, Los Angeles 90012"),
        ("820 S Broadway, Los Ángeles 90012", "820 S Broadway, Los Ángeles 90012"),
        ("820 S Broadway, Los Angeles, CA 90012", "820 S Broadway, Los Angeles, CA 90012"),
        ("1 Broadway, Oakland", "1 Broadway, Oakland"),
        ("we're at 55 Alameda 90012", "55 Alameda 90012"),
        ("12 Camino Real, San Mateo", "12 Camino Real, San Mateo"),
        ("12 Camino Real, San Mateo.", "12 Camino Real, San Mateo"),
        ("Kim Ito - 323-555-0191 - 55 Alameda, Pasadena", "55 Alameda, Pasadena"),
        (
            "Reserve a las 5 de la tarde por favor. Carlos Ruiz, 213-555-0177, 820 S Broadway, "
            "Los Ángeles 90012",
            "820 S Broadway, Los Ángeles 90012",
        ),
    ],
)
def test_street_without_a_suffix(message: str, address: str) -> None:
    assert read(message).address == address


@pytest.mark.parametrize(
    "message",
    [
        "12 people, Saturday",
        "for 20 guests, 90012",
        "party of 12 Saturday, Los Angeles",
        "we are 12 Adults, Sacramento",
        "Somos 8 Adultos, Los Angeles",
        "at 5 PM, Sacramento",
        "Dec 12, Los Angeles 90012",
        "sat December 12, Los Angeles",
        "for 12 Sat, Los Angeles",
        "15 Filet Mignon, 90012",
        "party of 20 Saturday 90012",
        "12 Camino Real",  # no city or zip: could be anything
        "12 Camino Real, Thanks",
        "820 s broadway, los angeles",  # lowercase: too unsure without a suffix
    ],
)
def test_not_a_street_without_a_suffix(message: str) -> None:
    assert read(message).address is None


def test_counts_survive_beside_a_suffixless_street() -> None:
    found = read("for 20 guests, 820 S Broadway, Los Angeles 90012")
    assert (found.guests, found.address, found.zipcode) == (
        20,
        "820 S Broadway, Los Angeles 90012",
        "90012",
    )
