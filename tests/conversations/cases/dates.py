"""Relative dates as customers say them, resolved against the run day.

With the default test clock the run day is a Saturday, so these are the cases where a
wrong reading shows: "saturday three weeks from now" is not this Saturday, and "the
Saturday after next" skips the coming one.
"""

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

THREE_WEEKS_SAT = Party(adults=13, zipcode="95814", date=on("+3w sat"))
AFTER_NEXT = Party(adults=10, zipcode="90012", date=on("sat! +1w"))
AFTER_NEXT_SAC = Party(adults=18, zipcode="95661", date=on("sat! +1w"))
IN_3_WEEKS = Party(adults=16, zipcode="95630", date=on("+3w"))
NEXT_MONTH_12 = Party(adults=12, zipcode="91101", date=on("nextmonth:12"))
TWO_WEEKS_FROM_SUNDAY = Party(adults=11, zipcode="90026", date=on("sun +2w"))
FROM_TODAY = Party(adults=12, zipcode="95814", date=on("+3w"))

CASES = [
    Case(
        id="saturday-three-weeks-from-now",
        note="'saturday three weeks from now' became this Saturday.",
        steps=(
            Say(
                "Hi, can we book a chef for saturday three weeks from now? 13 adults, zip 95814",
                commands=(
                    flow("book"),
                    set_("event_date", on("+3w sat")),
                    set_("adults", 13),
                    set_("zipcode", "95814"),
                ),
            ),
            Say(
                "6pm. Nina Brooks, 916-555-0150, 2100 Capitol Ave, Sacramento 95814",
                commands=(
                    set_("start_time", "18:00"),
                    *contact("Nina Brooks", "916-555-0150"),
                    set_("address", "2100 Capitol Ave, Sacramento 95814"),
                ),
                expect=Reply(total_of=THREE_WEEKS_SAT, any_of=("{date:+3w sat}",)),
            ),
            Say("Yes please", commands=(CONFIRM,)),
        ),
        bookings=(Booked(THREE_WEEKS_SAT, "18:00"),),
    ),
    Case(
        id="the-saturday-after-next",
        note="'the Saturday after next' was not understood.",
        steps=(
            Say(
                "How much for 10 adults the Saturday after next? We're in 90012",
                commands=(
                    flow("quote"),
                    set_("adults", 10),
                    set_("event_date", on("sat! +1w")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=AFTER_NEXT, any_of=("{date:sat! +1w}",)),
            ),
        ),
        quoted=(AFTER_NEXT,),
    ),
    Case(
        id="saturday-after-next-booked",
        steps=(
            Say(
                "we'd like to do 18 ppl sat after next around 5:30, roseville 95661",
                commands=(
                    flow("book"),
                    set_("adults", 18),
                    set_("event_date", on("sat! +1w")),
                    set_("start_time", "17:30"),
                    set_("zipcode", "95661"),
                ),
            ),
            Say(
                "Omar Haddad omar.haddad@example.com 500 Douglas Blvd Roseville CA 95661",
                commands=(
                    *contact("Omar Haddad", email="omar.haddad@example.com"),
                    set_("address", "500 Douglas Blvd Roseville CA 95661"),
                ),
                expect=Reply(total_of=AFTER_NEXT_SAC, any_of=("{date:sat! +1w}",)),
            ),
            Say("yes book it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(AFTER_NEXT_SAC, "17:30"),),
    ),
    Case(
        id="in-3-weeks",
        steps=(
            Say(
                "Thinking of doing a hibachi night in 3 weeks for 16 adults. Folsom, 95630. "
                "What would that run?",
                commands=(
                    flow("quote"),
                    set_("event_date", on("+3w")),
                    set_("adults", 16),
                    set_("zipcode", "95630"),
                ),
                expect=Reply(total_of=IN_3_WEEKS, any_of=("{date:+3w}",)),
            ),
            Say(
                "Book 3pm please - Grace Kim, 916-555-0181, 77 Blue Ravine Rd, Folsom 95630",
                commands=(
                    flow("book"),
                    set_("start_time", "15:00"),
                    *contact("Grace Kim", "916-555-0181"),
                    set_("address", "77 Blue Ravine Rd, Folsom 95630"),
                ),
                expect=Reply(total_of=IN_3_WEEKS),
            ),
            Say("yes that's right", commands=(CONFIRM,)),
        ),
        bookings=(Booked(IN_3_WEEKS, "15:00"),),
    ),
    Case(
        id="next-month-on-the-12th",
        steps=(
            Say(
                "quote for next month on the 12th, 12 adults, pasadena 91101",
                commands=(
                    flow("quote"),
                    set_("event_date", on("nextmonth:12")),
                    set_("adults", 12),
                    set_("zipcode", "91101"),
                ),
                expect=Reply(total_of=NEXT_MONTH_12, any_of=("{date:nextmonth:12}",)),
            ),
        ),
        quoted=(NEXT_MONTH_12,),
    ),
    Case(
        id="two-weeks-from-this-sunday",
        steps=(
            Say(
                "Hey! Two weeks from this Sunday, 11 adults, 90026 - price?",
                commands=(
                    flow("quote"),
                    set_("event_date", on("sun +2w")),
                    set_("adults", 11),
                    set_("zipcode", "90026"),
                ),
                expect=Reply(total_of=TWO_WEEKS_FROM_SUNDAY, any_of=("{date:sun +2w}",)),
            ),
        ),
        quoted=(TWO_WEEKS_FROM_SUNDAY,),
    ),
    Case(
        id="three-weeks-from-today",
        steps=(
            Say(
                "can you guys do 3 weeks from today at 1pm? 12 adults in 95814",
                commands=(
                    flow("book"),
                    set_("event_date", on("+3w")),
                    set_("start_time", "13:00"),
                    set_("adults", 12),
                    set_("zipcode", "95814"),
                ),
            ),
            Say(
                "Paul Reyes, paul.reyes@example.com, 1717 I St, Sacramento 95814",
                commands=(
                    *contact("Paul Reyes", email="paul.reyes@example.com"),
                    set_("address", "1717 I St, Sacramento 95814"),
                ),
                expect=Reply(total_of=FROM_TODAY, any_of=("{date:+3w}",)),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(FROM_TODAY, "13:00"),),
    ),
]
