"""What the demo customers say and who they are: the fixed vocabulary the plan draws from.

English and Spanish, each occasion named the way `shared.analytics.occasion` reads it, and
zip codes inside each seeded market's service area (the quote engine prices them).
"""

from __future__ import annotations

from shared.platform.analytics import Occasion

FIRST_NAMES = (
    "Maria", "James", "Sofia", "David", "Ana", "Michael", "Lucia", "Kevin", "Camila", "Brian",
    "Valentina", "Jason", "Isabel", "Daniel", "Priya", "Carlos", "Emily", "Jorge", "Nicole",
    "Luis", "Hannah", "Diego", "Grace", "Miguel", "Olivia", "Ryan", "Elena", "Tyler",
)  # fmt: skip
LAST_NAMES = (
    "Garcia", "Nguyen", "Smith", "Martinez", "Kim", "Johnson", "Lopez", "Patel", "Brown",
    "Hernandez", "Chen", "Rodriguez", "Williams", "Perez", "Davis", "Torres", "Lee", "Ramirez",
)  # fmt: skip
STREETS = (
    "Oak St", "Maple Ave", "Sunset Blvd", "Palm Dr", "River Rd", "Cedar Ln", "Ocean Ave",
    "Vista Way", "Lakeview Ct", "Magnolia St", "Brickell Ave", "J St",
)  # fmt: skip

# (zip code, city) per seeded market.
ZIPS: dict[str, tuple[tuple[str, str], ...]] = {
    "la": (
        ("90012", "Los Angeles"),
        ("90210", "Beverly Hills"),
        ("91101", "Pasadena"),
        ("90401", "Santa Monica"),
        ("90803", "Long Beach"),
        ("91601", "North Hollywood"),
    ),
    "sacramento": (
        ("95814", "Sacramento"),
        ("95630", "Folsom"),
        ("95661", "Roseville"),
        ("95616", "Davis"),
        ("95758", "Elk Grove"),
    ),
    "miami": (
        ("33130", "Miami"),
        ("33139", "Miami Beach"),
        ("33134", "Coral Gables"),
        ("33156", "Pinecrest"),
        ("33301", "Fort Lauderdale"),
    ),
}

# How the customer names the occasion (None: they do not say), per language.
OCCASION_WORDS: dict[str, dict[Occasion | None, tuple[str, ...]]] = {
    "en": {
        "birthday": ("my husband's 40th birthday", "my daughter's sweet sixteen birthday"),
        "anniversary": ("our 10th anniversary", "my parents' anniversary"),
        "wedding": ("a rehearsal dinner", "our engagement party"),
        "graduation": ("my son's graduation", "a grad party"),
        "corporate": ("a company team dinner", "our office holiday lunch"),
        "holiday": ("a Christmas party", "a New Year's get-together"),
        None: ("a backyard dinner with friends", "a family get-together"),
    },
    "es": {
        "birthday": ("el cumpleaños de mi esposa", "la quinceañera de mi hija"),
        "anniversary": ("nuestro aniversario", "el aniversario de mis papás"),
        "wedding": ("una boda pequeña", "la despedida de soltera de mi hermana"),
        "graduation": ("la graduación de mi hijo", "una fiesta de graduación"),
        "corporate": ("una cena de la empresa", "una fiesta de la oficina"),
        "holiday": ("una cena de Navidad", "la fiesta de Año Nuevo"),
        None: ("una reunión familiar", "una cena con amigos"),
    },
}

OPENERS = {
    "en": (
        "Hi! How much would a hibachi party be for {guests} people? It's for {occasion}.",
        "Hello, we're planning {occasion} and want a hibachi chef at home, about {guests} guests.",
        "Do you have availability for {occasion}? We'd be {guests} people.",
    ),
    "es": (
        "Hola! Cuánto cuesta un chef de hibachi para {guests} personas? Es para {occasion}.",
        "Buenas tardes, queremos un chef hibachi en casa para {occasion}, unas {guests} personas.",
    ),
}
DETAILS = {
    "en": "{date_text} in {zipcode} ({city}), {adults} adults and {children} kids.",
    "es": "Sería el {date_text} en {zipcode} ({city}), {adults} adultos y {children} niños.",
}
BOOK_IT = {
    "en": "Sounds great, let's book {time} please. I'm {name}, {phone}, {address}.",
    "es": "Perfecto, reservemos a las {time}. Soy {name}, {phone}, {address}.",
}
QUESTIONS = {
    "en": (
        "Do you bring the grill and the propane, or do we need anything?",
        "Can the chef cook without sesame? One of our guests is allergic.",
        "How long does the show last, and how much space do you need?",
        "Do you cook indoors if it rains?",
        "Is gratuity included in the price?",
    ),
    "es": (
        "Ustedes traen la parrilla o necesitamos algo?",
        "Pueden cocinar sin mariscos? Mi mamá es alérgica.",
        "Cuánto tiempo dura el show?",
    ),
}
ESCALATIONS = {
    "en": (
        "Can I please talk to a real person? I have a question about a big party.",
        "The chef showed up 40 minutes late last time, I want to speak to a manager.",
    ),
    "es": ("Quiero hablar con una persona, por favor.",),
}
THANKS = {
    "en": ("Thank you!", "Perfect, thanks so much.", "Great, we'll think about it."),
    "es": ("Muchas gracias!", "Perfecto, gracias."),
}
STAFF_REPLIES = (
    "Hi, this is Dana from MyHibachi. I'm sorry about that, I'll sort it out for you today.",
    "Hi! Dana here from the events team. Happy to help, I'll call you in a few minutes.",
)
REPLIES = {
    "en": {
        "ask_details": "Happy to help! What date, what zip code, and how many adults and kids?",
        "quote": (
            "For {guests} guests on {date} the total is {total} (travel included), with a "
            "{deposit} deposit to hold the date. Would you like me to check times?"
        ),
        "held": (
            "Done! I'm holding {date} at {time} for you for {hold_minutes} minutes. Pay the "
            "{deposit} deposit here to confirm: {url}"
        ),
        "no_answer": "Good question! Let me check with the team and get back to you.",
        "escalate": "I'm connecting you with our team now; someone will reply shortly.",
        "bye": "You're welcome! Reach out anytime.",
    },
    "es": {
        "ask_details": "Con gusto! Qué fecha, qué código postal y cuántos adultos y niños?",
        "quote": (
            "Para {guests} invitados el {date} el total es {total} (viaje incluido), con un "
            "depósito de {deposit} para reservar. Quiere que revise horarios?"
        ),
        "held": (
            "Listo! Le reservo el {date} a las {time} por {hold_minutes} minutos. Pague el "
            "depósito de {deposit} aquí para confirmar: {url}"
        ),
        "no_answer": "Buena pregunta! Lo consulto con el equipo y le respondo.",
        "escalate": "Le comunico con nuestro equipo; alguien le responde en breve.",
        "bye": "Con mucho gusto! Aquí estamos.",
    },
}
CANCEL_REASONS = ("plans changed", "guest count dropped", "moved the party indoors elsewhere")
