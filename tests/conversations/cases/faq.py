"""Questions answered from the knowledge base, on their own and in the middle of a booking
(the booking then resumes and completes). Checks look for the substance (the deposit from
the price book, what the host provides), not one wording."""

from tests.conversations.spec import (
    CONFIRM,
    Booked,
    Case,
    Party,
    Reply,
    Say,
    contact,
    flow,
    kb,
    on,
    set_,
)

HOURS = Reply(any_of=("11",), none_of=("how many guests",))
PROCESS = Reply(any_of=("deposit", "hold"), none_of=("how many guests",))
FILET_VS_STRIP = Reply(all_of=("filet", "strip"), none_of=("how many guests",))
HOST_PROVIDES = Reply(all_of=("table", "plate"), none_of=("how many guests",))
DEPOSIT = Reply(money=("deposit.cents",))
VENMO = Reply(all_of=("venmo",), none_of=("how many guests",))
PARTY_LENGTH = Reply(any_of=("2 hours", "2.5 hours"), none_of=("how many guests",))
INCLUDED = Reply(  # the food, not only the show
    any_of=("rice", "protein", "vegetables", "salad"), none_of=("how many guests",)
)

FILET_ALL = Party(adults=12, zipcode="95814", date=on("+2w sat"), proteins={"filet_mignon": 12})
MID_DEPOSIT = Party(adults=15, zipcode="90012", date=on("+3w sat"))
MID_TABLES = Party(adults=10, zipcode="95661", date=on("+2w sun"))


def _single(name: str, text: str, query: str, expect: Reply) -> Case:
    return Case(id=name, steps=(Say(text, commands=(kb(query),), expect=expect),))


CASES = [
    _single("hours", "what are your hours", "business hours", HOURS),
    _single("booking-process", "how does the booking process work", "how booking works", PROCESS),
    _single(
        "filet-or-ny-strip",
        "which is better, filet or NY strip",
        "filet mignon vs NY strip",
        FILET_VS_STRIP,
    ),
    _single(
        "tables-and-plates",
        "do we need to provide the tables and plates",
        "what the host provides",
        HOST_PROVIDES,
    ),
    _single("deposit-again", "how much is the deposit again", "deposit amount", DEPOSIT),
    _single("venmo", "can I pay the deposit with Venmo", "payment methods", VENMO),
    _single(
        "birthday-included",
        "what's included in a birthday party",
        "what is included in a party",
        INCLUDED,
    ),
    Case(  # "how much" asks the time here, not a price
        id="party-length-phrasings",
        steps=tuple(
            Say(text, commands=(kb("how long a party lasts"),), expect=PARTY_LENGTH)
            for text in (
                "how long does the party last?",
                "how much time does a party take, start to finish?",
                "how many hours is the chef there for 25 people?",
            )
        ),
    ),
    Case(
        id="other-phrasings-a",
        steps=(
            Say("when r u guys open", commands=(kb("business hours"),), expect=HOURS),
            Say("whats the deposit", commands=(kb("deposit amount"),), expect=DEPOSIT),
            Say(
                "do u take venmo or zelle?",
                commands=(kb("payment methods"),),
                expect=Reply(any_of=("venmo", "zelle")),
            ),
        ),
    ),
    Case(
        id="other-phrasings-b",
        steps=(
            Say(
                "How do I actually book with you?",
                commands=(kb("how booking works"),),
                expect=PROCESS,
            ),
            Say(
                "What do we have to have ready on our end? Tables, plates, that kind of thing?",
                commands=(kb("what the host provides"),),
                expect=HOST_PROVIDES,
            ),
            Say(
                "It's for my son's 10th birthday - what does the party come with?",
                commands=(kb("what is included in a party"), set_("occasion", "birthday")),
                expect=INCLUDED,
            ),
        ),
    ),
    Case(
        id="steak-advice-then-filet-booking",
        steps=(
            Say(
                "12 adults on {date:+2w sat}, 95814. is filet or ny strip better?",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95814"),
                    kb("filet mignon vs NY strip"),
                ),
                expect=FILET_VS_STRIP,
            ),
            Say(
                "ok let's do filet for everyone",
                commands=(set_("proteins", {"filet_mignon": None}),),
                expect=Reply(total_of=FILET_ALL),
            ),
            Say(
                "Book 6pm: Maya Singh, 916-555-0166, 2500 J St, Sacramento 95814",
                commands=(
                    flow("book"),
                    set_("start_time", "18:00"),
                    *contact("Maya Singh", "916-555-0166"),
                    set_("address", "2500 J St, Sacramento 95814"),
                ),
                expect=Reply(total_of=FILET_ALL),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(FILET_ALL, "18:00"),),
        quoted=(Party(adults=12, zipcode="95814", date=on("+2w sat")),),
    ),
    Case(
        id="deposit-asked-mid-booking",
        steps=(
            Say(
                "Quote for 15 adults Saturday {date:+3w sat} in 90012 at 5pm",
                commands=(
                    flow("quote"),
                    set_("adults", 15),
                    set_("event_date", on("+3w sat")),
                    set_("zipcode", "90012"),
                    set_("start_time", "17:00"),
                ),
                expect=Reply(total_of=MID_DEPOSIT),
            ),
            Say("let's book it", commands=(flow("book"),)),
            Say(
                "wait how much is the deposit again?",
                commands=(kb("deposit amount"),),
                expect=DEPOSIT,
            ),
            Say(
                "ok. Leo Martin, leo.martin@example.com, 1111 S Figueroa St, Los Angeles 90012",
                commands=(
                    *contact("Leo Martin", email="leo.martin@example.com"),
                    set_("address", "1111 S Figueroa St, Los Angeles 90012"),
                ),
                expect=Reply(total_of=MID_DEPOSIT),
            ),
            Say("yes go ahead", commands=(CONFIRM,)),
        ),
        bookings=(Booked(MID_DEPOSIT, "17:00"),),
    ),
    Case(
        id="tables-asked-before-confirming",
        steps=(
            Say(
                "Hi! 10 adults Sunday {date:+2w sun} at 1pm in Roseville 95661, want to book",
                commands=(
                    flow("book"),
                    set_("adults", 10),
                    set_("event_date", on("+2w sun")),
                    set_("start_time", "13:00"),
                    set_("zipcode", "95661"),
                ),
            ),
            Say(
                "Iris Chang 916-555-0122, 12 Cirby Way Roseville CA 95661",
                commands=(
                    *contact("Iris Chang", "916-555-0122"),
                    set_("address", "12 Cirby Way Roseville CA 95661"),
                ),
                expect=Reply(total_of=MID_TABLES),
            ),
            Say(
                "before I say yes - do we need to provide the tables and plates?",
                commands=(kb("what the host provides"),),
                expect=HOST_PROVIDES,
            ),
            Say("ok great, yes please book it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(MID_TABLES, "13:00"),),
    ),
]

SIDE_PARTY = Party(adults=10, zipcode="95661", date=on("+2w sun"))
CHEF_BRINGS = ("grill", "propane", "parrilla", "propano")
HOST_TABLES = ("table", "mesa")


def _side_questions(lang: str, texts: tuple[str, str, str, str]) -> Case:
    """A question asked in the same message as an answer: both are taken, the booking goes on."""
    start, time_and_grill, contact_and_tables, yes = texts
    return Case(
        id=f"side-questions-while-booking-{lang}",
        steps=(
            Say(
                start,
                commands=(
                    flow("book"),
                    set_("adults", 10),
                    set_("event_date", on("+2w sun")),
                    set_("zipcode", "95661"),
                ),
            ),
            Say(
                time_and_grill,
                commands=(set_("start_time", "18:00"), kb("what the chef brings")),
                expect=Reply(any_of=CHEF_BRINGS),
            ),
            Say(
                contact_and_tables,
                commands=(
                    *contact("Iris Chang", "916-555-0122"),
                    set_("address", "12 Cirby Way Roseville CA 95661"),
                    kb("what the host provides"),
                ),
                expect=Reply(any_of=HOST_TABLES, total_of=SIDE_PARTY),
            ),
            Say(yes, commands=(CONFIRM,)),
        ),
        bookings=(Booked(SIDE_PARTY, "18:00"),),
    )


CASES += [
    _side_questions(
        "en",
        (
            "Hi, 10 adults on {date:+2w sun} in 95661, we'd like to book",
            "6pm works. do you bring the grill?",
            "Iris Chang, 916-555-0122, 12 Cirby Way Roseville CA 95661. "
            "Do we need to provide the tables and plates?",
            "yes",
        ),
    ),
    _side_questions(
        "en-question-first",
        (
            "we want to book 10 adults {date:+2w sun}, zip 95661",
            "does the chef bring his own grill? 6pm is good for us",
            "Iris Chang 916-555-0122, 12 Cirby Way Roseville CA 95661, and do we need "
            "to set up tables?",
            "yes please",
        ),
    ),
    _side_questions(
        "es",
        (
            "Hola, queremos reservar para 10 adultos el {date:+2w sun} en 95661",
            "a las 6pm. ¿el chef trae la parrilla?",
            "Iris Chang, 916-555-0122, 12 Cirby Way Roseville CA 95661. "
            "¿Necesitamos poner las mesas y los platos?",
            "sí",
        ),
    ),
]
