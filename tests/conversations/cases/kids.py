"""Children given with their ages: each counted at the right price, none dropped."""

from tests.conversations.spec import (
    CONFIRM,
    Booked,
    Case,
    Party,
    Reply,
    Say,
    contact,
    flow,
    on,
    set_,
)

# Ages 6-12 are children, 5 and under toddlers (free), 13 and over adults.
AGES_8_9_11_3 = Party(adults=10, children=3, toddlers=1, zipcode="90012", date=on("+2w sun"))
AGES_6_10_4 = Party(adults=8, children=2, toddlers=1, zipcode="95814", date=on("+3w sat"))
WITH_TEEN = Party(adults=10, children=1, toddlers=1, zipcode="91101", date=on("+2w sat"))
TWINS = Party(adults=6, toddlers=2, children=4, zipcode="95661", date=on("+4w sat"))

CASES = [
    Case(
        id="ages-in-parentheses",
        note="'10 adults and 4 kids (ages 8, 9, 11 and 3)' was quoted for 10 guests.",
        steps=(
            Say(
                "Quote please: 10 adults and 4 kids (ages 8, 9, 11 and 3) on Sunday "
                "{date:+2w sun}, zip 90012",
                commands=(
                    flow("quote"),
                    set_("adults", 10),
                    set_("children_ages", [8, 9, 11, 3]),
                    set_("children", 3),
                    set_("toddlers", 1),
                    set_("event_date", on("+2w sun")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=AGES_8_9_11_3),
            ),
            Say("perfect, 5pm please", commands=(flow("book"), set_("start_time", "17:00"))),
            Say(
                "Rosa Alvarez, rosa.alvarez@example.com, 310-555-0110, 455 W 1st St Los Angeles "
                "90012",
                commands=(
                    *contact("Rosa Alvarez", "310-555-0110", "rosa.alvarez@example.com"),
                    set_("address", "455 W 1st St Los Angeles 90012"),
                ),
                expect=Reply(total_of=AGES_8_9_11_3),
            ),
            Say("Yes that's right", commands=(CONFIRM,)),
        ),
        bookings=(Booked(AGES_8_9_11_3, "17:00"),),
    ),
    Case(
        id="ages-after-the-count",
        steps=(
            Say(
                "what would it cost for 8 grown-ups plus three kids? they're 6, 10 and 4",
                commands=(
                    flow("quote"),
                    set_("adults", 8),
                    set_("children_ages", [6, 10, 4]),
                    set_("children", 2),
                    set_("toddlers", 1),
                ),
                expect=Reply(question=True),  # date and zip still missing
            ),
            Say(
                "{date:+3w sat} in 95814",
                commands=(set_("event_date", on("+3w sat")), set_("zipcode", "95814")),
                expect=Reply(total_of=AGES_6_10_4),
            ),
        ),
        quoted=(AGES_6_10_4,),
    ),
    Case(
        id="teenager-counts-as-adult",
        steps=(
            Say(
                "Hi, we'd be 12 people on Saturday {date:+2w sat} in Pasadena 91101: 9 adults "
                "and my 3 kids who are 13, 7 and 2",
                commands=(
                    flow("quote"),
                    set_("adults", 10),
                    set_("children_ages", [13, 7, 2]),
                    set_("children", 1),
                    set_("toddlers", 1),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "91101"),
                ),
                expect=Reply(total_of=WITH_TEEN),
            ),
            Say(
                "Can we do 4:30? Book it under Tom Nguyen 626 555 0133, 88 Oak Knoll Ave Pasadena "
                "CA 91101",
                commands=(
                    flow("book"),
                    set_("start_time", "16:30"),
                    *contact("Tom Nguyen", "626 555 0133"),
                    set_("address", "88 Oak Knoll Ave Pasadena CA 91101"),
                ),
                expect=Reply(total_of=WITH_TEEN),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(WITH_TEEN, "16:30"),),
    ),
    Case(
        id="ages-listed-separately",
        steps=(
            Say(
                "Party for Saturday {date:+4w sat}, 95661. 6 adults, then the kids: twins age 4, "
                "and four more aged 7, 8, 8 and 12",
                commands=(
                    flow("quote"),
                    set_("adults", 6),
                    set_("children_ages", [4, 4, 7, 8, 8, 12]),
                    set_("children", 4),
                    set_("toddlers", 2),
                    set_("event_date", on("+4w sat")),
                    set_("zipcode", "95661"),
                ),
                expect=Reply(total_of=TWINS),
            ),
        ),
        quoted=(TWINS,),
    ),
]
