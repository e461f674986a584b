"""How a message is said: small talk, questions, the occasion, and its language."""

from __future__ import annotations

import pytest

from tests.unit.ai.offline.conftest import read

SMALLTALK: list[tuple[str, str | None]] = [
    ("hello again", "greeting"),
    ("hi there", "greeting"),
    ("Hi there!", "greeting"),
    ("good morning", "greeting"),
    ("Good afternoon, do you cater on Sundays?", "greeting"),
    ("good evening", "greeting"),
    ("hey!", "greeting"),
    ("heyyy", "greeting"),
    ("hiya", "greeting"),
    ("howdy", "greeting"),
    ("Hi! Looking to book hibachi for 20", "greeting"),
    ("hola", "greeting"),
    ("¡Hola!", "greeting"),
    ("buenas tardes", "greeting"),
    ("buenos días", "greeting"),
    ("buenas noches", "greeting"),
    ("buenas", "greeting"),
    ("thanks!", "thanks"),
    ("thank you so much", "thanks"),
    ("Thank you!", "thanks"),
    ("thx", "thanks"),
    ("ty", "thanks"),
    ("ok thanks", "thanks"),
    ("much appreciated", "thanks"),
    ("appreciate it", "thanks"),
    ("perfect, thank you", "thanks"),
    ("gracias", "thanks"),
    ("muchas gracias", "thanks"),
    ("bye", "goodbye"),
    ("goodbye!", "goodbye"),
    ("thanks, bye!", "goodbye"),
    ("see you then", "goodbye"),
    ("talk soon", "goodbye"),
    ("thanks so much, have a great day", "goodbye"),
    ("have a good night", "goodbye"),
    ("take care", "goodbye"),
    ("adiós", "goodbye"),
    ("hasta luego", "goodbye"),
    ("later!", "goodbye"),
    ("ok talk later", "goodbye"),
    ("we'd like to move it a week later", None),
    ("can we do it later", None),
    # Not small talk.
    ("no thanks", None),
    ("no thank you", None),
    ("20 people on saturday", None),
    ("say hi to the chef for me", None),
    ("this is high quality", None),
    ("hibachi for 12", None),
    ("", None),
]


@pytest.mark.parametrize(("message", "kind"), SMALLTALK)
def test_smalltalk(message: str, kind: str | None) -> None:
    assert read(message).smalltalk == kind


QUESTIONS: list[tuple[str, bool]] = [
    ("what are your hours", True),
    ("how does the booking process work", True),
    ("which is better, filet or NY strip", True),
    ("do we need to provide the tables and plates", True),
    ("how much is the deposit again", True),
    ("can I pay the deposit with Venmo", True),
    ("what's included in a birthday party", True),
    ("is lobster extra", True),
    ("is steak included", True),
    ("are you available on the 20th", True),
    ("does the chef bring the grill", True),
    ("any openings next saturday", True),
    ("I was wondering if you serve Davis", True),
    ("please let me know if the 12th works", True),
    ("hi, how much for 20 people", True),
    ("we're 15. when can you come?", True),
    ("ok how much is it?", True),
    ("20 people?", True),
    ("¿Cuánto cuesta?", True),
    ("cuanto cuesta para 20 personas", True),
    ("qué incluye el paquete", True),
    ("tienen disponibilidad el sábado", True),
    ("puedo pagar con zelle", True),
    ("dónde están ubicados", True),
    ("quiero saber el precio para 15 personas", True),
    ("me gustaría saber si tienen disponibilidad", True),
    # Statements.
    ("20 people on saturday", False),
    ("we are 15 adults", False),
    ("will have 20 guests", False),
    ("would love a quote for 20", False),
    ("thanks so much, have a great day", False),
    ("yes please", False),
    ("somos 15 personas", False),
    ("Name is Marcus Bell", False),
    ("book it", False),
]


@pytest.mark.parametrize(("message", "asks"), QUESTIONS)
def test_question(message: str, asks: bool) -> None:
    assert read(message).question is asks


OCCASIONS: list[tuple[str, str | None]] = [
    ("it's my husband's birthday", "birthday"),
    ("bday party for my son", "birthday"),
    ("b-day dinner", "birthday"),
    ("she's turning 40!", "birthday"),
    ("my dad turns sixty", "birthday"),
    ("her 30th bday", "birthday"),
    ("sweet 16", "birthday"),
    ("cumpleaños de mi hija", "birthday"),
    ("es para un cumple", "birthday"),
    ("quinceañera for 50", "birthday"),
    ("our anniversary", "anniversary"),
    ("25th wedding anniversary", "anniversary"),
    ("aniversario de bodas", "anniversary"),
    ("corporate event for 40", "corporate"),
    ("team building dinner", "corporate"),
    ("office party", "corporate"),
    ("our company holiday party", "corporate"),
    ("work party for my department", "corporate"),
    ("employee appreciation lunch", "corporate"),
    ("fiesta de la empresa", "corporate"),
    ("wedding reception", "wedding"),
    ("rehearsal dinner for 30", "wedding"),
    ("engagement party", "wedding"),
    ("boda en diciembre", "wedding"),
    ("graduation party", "graduation"),
    ("grad party for my daughter", "graduation"),
    ("fiesta de graduación", "graduation"),
    ("christmas party", "holiday"),
    ("xmas dinner", "holiday"),
    ("new year's eve", "holiday"),
    ("friendsgiving", "holiday"),
    ("cena de navidad", "holiday"),
    ("bachelorette party", "bachelorette"),
    ("bachelor party for 10 guys", "bachelorette"),
    ("despedida de soltera", "bachelorette"),
    ("retirement party", "retirement"),
    ("he's retiring", "retirement"),
    ("family reunion", "reunion"),
    ("class reunion", "reunion"),
    ("baby shower", "baby_shower"),
    ("gender reveal party", "baby_shower"),
    ("housewarming", "other"),
    ("going away party", "other"),
    ("20 people on saturday", None),
    ("a party of 12", None),
    ("how much for a dinner", None),
]


@pytest.mark.parametrize(("message", "occasion"), OCCASIONS)
def test_occasion(message: str, occasion: str | None) -> None:
    assert read(message).occasion == occasion


LANGUAGES: list[tuple[str, str]] = [
    ("Hola, quiero una cotización para 15 personas", "es"),
    ("somos quince", "es"),
    ("somos 15 personas", "es"),
    ("10 adultos y 4 niños", "es"),
    ("el sábado 12 de diciembre", "es"),
    ("¿Cuánto cuesta para 20?", "es"),
    ("muchas gracias", "es"),
    ("buenas tardes", "es"),
    ("sí, claro", "es"),
    ("está bien", "es"),
    ("necesitamos un chef para el cumpleaños de mi esposo", "es"),
    ("quisiera reservar para el próximo sábado", "es"),
    ("en realidad somos 15", "es"),
    ("me llamo Ana y quiero saber el precio", "es"),
    # One word, or English naming Spanish places and people: English.
    ("sí", "en"),
    ("hola", "en"),
    ("gracias", "en"),
    ("somos 15", "en"),
    ("mañana", "en"),
    ("We're in Los Angeles, party of 20", "en"),
    ("We live in San Jose", "en"),
    ("My name is Jose Garcia", "en"),
    ("Jose Garcia, 916-555-0123", "en"),
    ("we're in El Dorado Hills for a fiesta", "en"),
    ("Las Vegas trip, dinner for 10 at La Jolla", "en"),
    ("can we do 15 people at my place in Santa Clara?", "en"),
    ("my abuela is turning 90", "en"),
    ("Hola! We'd like a quote for 20 people", "en"),
    ("hola, vivimos en San Jose, somos 12", "es"),
    ("vivimos en Los Angeles", "en"),
    ("thanks, gracias!", "en"),
    ("no", "en"),
    ("", "en"),
]


@pytest.mark.parametrize(("message", "language"), LANGUAGES)
def test_language(message: str, language: str) -> None:
    assert read(message).language == language
