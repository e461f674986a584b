"""The scrubber over families of formats, in English and Spanish, and the hard check."""

from __future__ import annotations

import re

import pytest

from shared.platform.scrub import ADDRESS, CARD, EMAIL, NAME, PHONE, Scrubber, leaks

PATTERNS = Scrubber()

PHONES = (
    "(916) 555-0123",
    "916.555.0123",
    "+1 916 555 0123",
    "9165550123",
    "916-555-0123",
    "1-916-555-0123",
    "+1 (916) 555-0123",
    "+19165550123",
    "+44 20 7946 0958",
)
SENTENCES = (
    "call me at {} after 5",
    "mi número es {}, gracias",
    "Text {}.",
    "¿Me puedes llamar al {}?",
)


@pytest.mark.parametrize("phone", PHONES)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_phones_in_every_format_become_a_placeholder(phone: str, sentence: str) -> None:
    text = PATTERNS.scrub(sentence.format(phone))
    assert PHONE in text and leaks(text) == []
    assert len(re.sub(r"\D", "", text)) < 4  # no run of the number's digits is left


EMAILS = (
    "maria.lopez+bbq@example.com",
    "j.o.h.n@sub.domain.co.uk",
    "ANA_GARCIA@Correo.ES",
    "x-y.z@my-host.io",
)


@pytest.mark.parametrize("email", EMAILS)
@pytest.mark.parametrize("sentence", ("email me: {}", "mi correo es {} y ya", "<{}>"))
def test_emails_with_plus_dots_and_subdomains_become_a_placeholder(
    email: str, sentence: str
) -> None:
    text = PATTERNS.scrub(sentence.format(email))
    assert EMAIL in text and "@" not in text and leaks(text) == []


@pytest.mark.parametrize("card", ("4242 4242 4242 4242", "4111-1111-1111-1111", "378282246310005"))
def test_card_numbers_that_pass_luhn_become_a_placeholder(card: str) -> None:
    assert PATTERNS.scrub(f"my card is {card} exp 12/29") == f"my card is {CARD} exp 12/29"


@pytest.mark.parametrize(
    "kept",
    (
        "card 4242 4242 4242 4241 (not Luhn)",
        "For 20 guests on Saturday, March 6 your total is $1,100.",
        "event 2027-03-06 at 16:00 in 90012, booking bk_01m8tfbstw7dk7ar61hxz5n98v",
        "a $100 deposit, 30 minutes, 12 adults and 3 kids",
        "¿el chef trae la parrilla? Somos 15 personas.",
        "I'm Interested in 2 chefs; soy Vegetariana",
    ),
)
def test_business_numbers_and_plain_text_are_left_alone(kept: str) -> None:
    assert PATTERNS.scrub(kept) == kept


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    (
        ("the party is at 1234 Sunset Blvd, LA", f"the party is at {ADDRESS}, LA"),
        ("456 N Oak Ave Apt 3 please", f"{ADDRESS} please"),
        ("we live at 77 elm street", f"we live at {ADDRESS}"),
        ("12 Main St. by the park", f"{ADDRESS} by the park"),
        ("la fiesta es en Calle Mayor 12, Madrid", f"la fiesta es en {ADDRESS}, Madrid"),
    ),
)
def test_street_addresses_become_a_placeholder(text: str, scrubbed: str) -> None:
    assert PATTERNS.scrub(text) == scrubbed


@pytest.mark.parametrize(
    ("text", "scrubbed"),
    (
        ("my name is Maria Lopez, 4pm works", f"my name is {NAME}, 4pm works"),
        ("Hi, I'm Bob.", f"Hi, I'm {NAME}."),
        ("this is Dana Kim from the office", f"this is {NAME} from the office"),
        ("Hola, me llamo Ana García", f"Hola, me llamo {NAME}"),
        ("Soy Lucía y somos 20", f"Soy {NAME} y somos 20"),
        ("Mi nombre es José Pérez.", f"Mi nombre es {NAME}."),
    ),
)
def test_self_introduced_names_become_a_placeholder(text: str, scrubbed: str) -> None:
    assert PATTERNS.scrub(text) == scrubbed


def test_the_threads_own_records_catch_what_no_pattern_knows() -> None:
    known = Scrubber(
        names=("Priya Natarajan", "Will Smith"),
        addresses=("The Old Mill, Hollow Road, Sonoma",),
        literals=("+19165550123",),
    )
    text = "priya natarajan asked; Priya and Will said they will come to The Old Mill"
    assert known.scrub(text) == f"{NAME} asked; {NAME} and {NAME} said they will come to {ADDRESS}"
    assert known.scrub("reach her on +19165550123") == f"reach her on {PHONE}"


def test_the_hard_check_finds_raw_phones_and_emails_and_passes_placeholders() -> None:
    raw = "call (916) 555-0123 or write maria.lopez+bbq@example.com"
    assert leaks(raw) == ["maria.lopez+bbq@example.com", "(916) 555-0123"]
    assert leaks(PATTERNS.scrub(raw)) == []
