"""A time nobody can take: a clear no, the nearest free starts, and no hold.

The fully booked evening is made through the public booking API before the chat (every
chef of the market claimed at 6 pm), so its 2 pm fallback follows from the booking rules:
a 2-hour party plus the hour of buffer either side.
"""

from tests.conversations.spec import (
    CONFIRM,
    DENY,
    Booked,
    Case,
    FullyBooked,
    Party,
    Reply,
    Say,
    contact,
    correct,
    flow,
    on,
    set_,
)

FULL_EVENING = FullyBooked(date=on("+2w sat"), start="18:00", zipcode="95814")
SAC_TEN = Party(adults=10, zipcode="95814", date=on("+2w sat"))
LA_FULL = FullyBooked(date=on("+3w sun"), start="18:00", zipcode="90012")
LA_TWELVE = Party(adults=12, zipcode="90012", date=on("+3w sun"))
MONDAY = on("+1w mon")
TUESDAY_AFTER = Party(adults=12, zipcode="95661", date=on("+1w mon +1d"))

EARLIER = ("2:00", "2 pm", "2pm", "2 p.m.")  # the nearest free start, on a 12-hour clock
NOT_MONDAY = ("tuesday", "sunday")

CASES = [
    Case(
        id="fully-booked-six-pm",
        note="A fully booked 6 pm was answered with 'to hold that time, send your name...'.",
        setup=(FULL_EVENING,),
        steps=(
            Say(
                "Can we book 6pm on Saturday {date:+2w sat}? 10 adults in 95814",
                commands=(
                    flow("book"),
                    set_("start_time", "18:00"),
                    set_("event_date", on("+2w sat")),
                    set_("adults", 10),
                    set_("zipcode", "95814"),
                ),
                expect=Reply(any_of=EARLIER, none_of=("your name", "street address")),
            ),
            Say(
                "hmm ok, we'll think about it and get back to you",
                commands=(DENY,),
            ),
        ),
        quoted=(SAC_TEN,),
    ),
    Case(
        id="fully-booked-then-takes-earlier",
        setup=(FULL_EVENING,),
        steps=(
            Say(
                "Hi, 10 adults, {date:+2w sat}, 95814, we'd like 6pm. Name's Ben Ito, "
                "916-555-0102, 1801 L St Sacramento 95814",
                commands=(
                    flow("book"),
                    set_("adults", 10),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95814"),
                    set_("start_time", "18:00"),
                    *contact("Ben Ito", "916-555-0102"),
                    set_("address", "1801 L St Sacramento 95814"),
                ),
                expect=Reply(any_of=EARLIER),
            ),
            Say(
                "ok 2pm then",
                commands=(set_("start_time", "14:00"),),
                expect=Reply(total_of=SAC_TEN),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(SAC_TEN, "14:00"),),
    ),
    Case(
        id="fully-booked-asked-as-availability",
        setup=(LA_FULL,),
        steps=(
            Say(
                "quote for 12 adults sunday {date:+3w sun} in 90012",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+3w sun")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=LA_TWELVE),
            ),
            Say(
                "is 6 pm open?",
                commands=(flow("availability"), set_("start_time", "18:00")),
                expect=Reply(any_of=EARLIER),
            ),
        ),
        quoted=(LA_TWELVE,),
    ),
    Case(
        id="monday-day-off",
        note="A Monday (chefs' day off) was answered as if it could be held.",
        steps=(
            Say(
                "Could we do Monday {date:+1w mon} at 6pm? 12 adults, Roseville 95661",
                commands=(
                    flow("book"),
                    set_("event_date", MONDAY),
                    set_("start_time", "18:00"),
                    set_("adults", 12),
                    set_("zipcode", "95661"),
                ),
                expect=Reply(any_of=NOT_MONDAY, none_of=("your name", "street address")),
            ),
        ),
        quoted=(Party(adults=12, zipcode="95661", date=MONDAY),),
    ),
    Case(
        id="monday-with-details-then-tuesday",
        steps=(
            Say(
                "Book us for monday {date:+1w mon}, 6:30pm, 12 adults. Eva Stone, "
                "eva.stone@example.com, 9 Vernon St, Roseville CA 95661",
                commands=(
                    flow("book"),
                    set_("event_date", MONDAY),
                    set_("start_time", "18:30"),
                    set_("adults", 12),
                    *contact("Eva Stone", email="eva.stone@example.com"),
                    set_("address", "9 Vernon St, Roseville CA 95661"),
                    set_("zipcode", "95661"),
                ),
                expect=Reply(any_of=NOT_MONDAY),
            ),
            Say(
                "Tuesday works then, same time",
                commands=(correct("event_date", on("+1w mon +1d")),),
                expect=Reply(total_of=TUESDAY_AFTER),
            ),
            Say("Yes please hold it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(TUESDAY_AFTER, "18:30"),),
        quoted=(Party(adults=12, zipcode="95661", date=MONDAY),),
    ),
]
