"""Protein choices for part of the party, third proteins, and upgrade prices asked outright."""

from tests.conversations.spec import (
    CONFIRM,
    Booked,
    Case,
    Party,
    Reply,
    Say,
    clear,
    contact,
    correct,
    flow,
    kb,
    on,
    set_,
)

SPLIT = Party(
    adults=12,
    zipcode="95661",
    date=on("+2w sat"),
    proteins={"filet_mignon": 6, "lobster_tail": 6},
)
SALMON_FOUR = Party(adults=8, zipcode="90012", date=on("+3w sun"), proteins={"salmon": 4})
THIRD_ALL = Party(adults=10, zipcode="95814", date=on("+2w sat"), third=10)
THIRD_ALL_KIDS = Party(adults=9, children=3, zipcode="91101", date=on("+3w sat"), third=12)
PLAIN = Party(adults=10, zipcode="95630", date=on("+2w sun"))
LOBSTER_FIVE = Party(adults=10, zipcode="95630", date=on("+2w sun"), proteins={"lobster_tail": 5})
FILET_ALL = Party(adults=14, zipcode="90012", date=on("+4w sat"), proteins={"filet_mignon": 14})
LOBSTER_ALL = Party(adults=14, zipcode="90012", date=on("+4w sat"), proteins={"lobster_tail": 14})

CASES = [
    Case(
        id="filet-six-lobster-the-other-six",
        note="'filet for 6 of us and lobster for the other 6' charged all 12 for both.",
        steps=(
            Say(
                "We're 12 adults on Saturday {date:+2w sat} in 95661. Filet mignon for 6 of us "
                "and lobster tail for the other 6. How much?",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95661"),
                    set_("proteins", {"filet_mignon": 6, "lobster_tail": 6}),
                ),
                expect=Reply(total_of=SPLIT),
            ),
            Say("Book 6pm", commands=(flow("book"), set_("start_time", "18:00"))),
            Say(
                "Marcus Bell, 916-555-0142, 1420 Eureka Rd, Roseville CA 95661",
                commands=(
                    *contact("Marcus Bell", "916-555-0142"),
                    set_("address", "1420 Eureka Rd, Roseville CA 95661"),
                ),
                expect=Reply(total_of=SPLIT),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(SPLIT, "18:00"),),
    ),
    Case(
        id="four-salmon-rest-included",
        steps=(
            Say(
                "quote for 8 adults {weekday:+3w sun} {date:+3w sun}, 90012 - 4 of them want "
                "salmon, the rest chicken and shrimp",
                commands=(
                    flow("quote"),
                    set_("adults", 8),
                    set_("event_date", on("+3w sun")),
                    set_("zipcode", "90012"),
                    set_("proteins", {"salmon": 4}),
                ),
                expect=Reply(total_of=SALMON_FOUR),
            ),
        ),
        quoted=(SALMON_FOUR,),
    ),
    Case(
        id="third-protein-for-everybody",
        note="'a third protein for everybody' was never priced.",
        steps=(
            Say(
                "Hi! 10 adults, {date:+2w sat}, downtown Sacramento 95814. And can we get a "
                "third protein for everybody?",
                commands=(
                    flow("quote"),
                    set_("adults", 10),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95814"),
                    set_("third_protein_portions", None),
                ),
                expect=Reply(total_of=THIRD_ALL),
            ),
            Say(
                "Great. 7pm works. Dana Park, dana.park@example.com, 1500 K St, Sacramento CA "
                "95814",
                commands=(
                    flow("book"),
                    set_("start_time", "19:00"),
                    *contact("Dana Park", email="dana.park@example.com"),
                    set_("address", "1500 K St, Sacramento CA 95814"),
                ),
                expect=Reply(total_of=THIRD_ALL),
            ),
            Say("Yes please", commands=(CONFIRM,)),
        ),
        bookings=(Booked(THIRD_ALL, "19:00"),),
    ),
    Case(
        id="third-protein-kids-included",
        steps=(
            Say(
                "9 adults and 3 kids (7, 9, 10) on {date:+3w sat}, zip 91101",
                commands=(
                    flow("quote"),
                    set_("adults", 9),
                    set_("children_ages", [7, 9, 10]),
                    set_("children", 3),
                    set_("event_date", on("+3w sat")),
                    set_("zipcode", "91101"),
                ),
            ),
            Say(
                "and add a 3rd protein for all of us please",
                commands=(set_("third_protein_portions", None),),
                expect=Reply(total_of=THIRD_ALL_KIDS),
            ),
        ),
        quoted=(Party(adults=9, children=3, zipcode="91101", date=on("+3w sat")), THIRD_ALL_KIDS),
    ),
    Case(
        id="how-much-is-lobster-extra",
        note="'how much is lobster tail extra' was answered 'Upgrades come to $0 ()'.",
        steps=(
            Say(
                "Price for 10 adults on Sunday {date:+2w sun} in Folsom 95630?",
                commands=(
                    flow("quote"),
                    set_("adults", 10),
                    set_("event_date", on("+2w sun")),
                    set_("zipcode", "95630"),
                ),
                expect=Reply(total_of=PLAIN),
            ),
            Say(
                "how much is lobster tail extra",
                commands=(kb("lobster tail upgrade price"),),
                expect=Reply(money=("proteins.lobster_tail.upgrade_cents",), none_of=("$0",)),
            ),
            Say(
                "ok add lobster for 5 of us",
                commands=(set_("proteins", {"lobster_tail": 5}),),
                expect=Reply(total_of=LOBSTER_FIVE),
            ),
            Say("book 2pm", commands=(flow("book"), set_("start_time", "14:00"))),
            Say(
                "Chris Moore 916-555-0177 chris@moore.family 210 Sutter St Folsom CA 95630",
                commands=(
                    *contact("Chris Moore", "916-555-0177", "chris@moore.family"),
                    set_("address", "210 Sutter St Folsom CA 95630"),
                ),
                expect=Reply(total_of=LOBSTER_FIVE),
            ),
            Say("yes!", commands=(CONFIRM,)),
        ),
        bookings=(Booked(LOBSTER_FIVE, "14:00"),),
        quoted=(PLAIN,),
    ),
    Case(
        id="filet-upgrade-price",
        steps=(
            Say(
                "whats the upcharge for filet?",
                commands=(kb("filet mignon upgrade price"),),
                expect=Reply(money=("proteins.filet_mignon.upgrade_cents",)),
            ),
            Say(
                "and lobster?",
                commands=(kb("lobster tail upgrade price"),),
                expect=Reply(money=("proteins.lobster_tail.upgrade_cents",)),
            ),
        ),
    ),
    Case(
        id="no-lobster-after-all",
        steps=(
            Say(
                "14 adults, {date:+4w sat}, 90012, lobster for everyone - what's the total?",
                commands=(
                    flow("quote"),
                    set_("adults", 14),
                    set_("event_date", on("+4w sat")),
                    set_("zipcode", "90012"),
                    set_("proteins", {"lobster_tail": None}),
                ),
                expect=Reply(total_of=LOBSTER_ALL),
            ),
            Say(
                "hmm that's more than I thought. no lobster then, do filet for everyone instead",
                commands=(
                    clear("proteins", "lobster_tail"),
                    correct("proteins", {"filet_mignon": None}),
                ),
                expect=Reply(total_of=FILET_ALL),
            ),
        ),
        quoted=(LOBSTER_ALL, FILET_ALL),
    ),
]
