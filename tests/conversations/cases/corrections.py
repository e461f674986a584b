"""The customer changes their mind: the later value wins, before the hold is made."""

from tests.conversations.spec import (
    CONFIRM,
    Booked,
    Case,
    Party,
    Reply,
    Say,
    contact,
    correct,
    flow,
    on,
    set_,
)

TWELVE = Party(adults=12, zipcode="95814", date=on("+2w sat"))
FIFTEEN = Party(adults=15, zipcode="95814", date=on("+2w sat"))
LA_TWELVE = Party(adults=12, zipcode="90026", date=on("+3w sat"))
LA_FIFTEEN = Party(adults=15, zipcode="90026", date=on("+3w sat"))
SATURDAY = Party(adults=14, zipcode="95616", date=on("+3w sat"))
SUNDAY = Party(adults=14, zipcode="95616", date=on("+3w sat +1d"))

CASES = [
    Case(
        id="make-that-15",
        note="'actually make that 15' after a quote for 12 was ignored; the hold was for 12.",
        steps=(
            Say(
                "How much for 12 adults on {date:+2w sat}? zip 95814",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95814"),
                ),
                expect=Reply(total_of=TWELVE),
            ),
            Say(
                "actually make that 15",
                commands=(correct("adults", 15),),
                expect=Reply(total_of=FIFTEEN),
            ),
            Say("Let's book 6:30pm", commands=(flow("book"), set_("start_time", "18:30"))),
            Say(
                "Sam Chen, 916-555-0123, 900 N Street, Sacramento",
                commands=(
                    *contact("Sam Chen", "916-555-0123"),
                    set_("address", "900 N Street, Sacramento"),
                ),
                expect=Reply(total_of=FIFTEEN, all_of=("15",)),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(FIFTEEN, "18:30"),),
        quoted=(TWELVE,),
    ),
    Case(
        id="sorry-i-meant",
        steps=(
            Say(
                "hi!! price for 12 on sat {date:+3w sat}, we're in silver lake 90026",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+3w sat")),
                    set_("zipcode", "90026"),
                ),
                expect=Reply(total_of=LA_TWELVE),
            ),
            Say(
                "oh wait sorry, I meant 15 people not 12. can we do 5pm?",
                commands=(correct("adults", 15), flow("book"), set_("start_time", "17:00")),
            ),
            Say(
                "Kim Ito / kim.ito@example.com / 323-555-0191 / 2345 Sunset Blvd, Los Angeles "
                "90026",
                commands=(
                    *contact("Kim Ito", "323-555-0191", "kim.ito@example.com"),
                    set_("address", "2345 Sunset Blvd, Los Angeles 90026"),
                ),
                expect=Reply(total_of=LA_FIFTEEN),
            ),
            Say("looks good, book it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(LA_FIFTEEN, "17:00"),),
        quoted=(LA_TWELVE,),
    ),
    Case(
        id="wrong-day",
        steps=(
            Say(
                "Can I get a quote for 14 adults on Saturday {date:+3w sat}? Davis, 95616",
                commands=(
                    flow("quote"),
                    set_("adults", 14),
                    set_("event_date", on("+3w sat")),
                    set_("zipcode", "95616"),
                ),
                expect=Reply(total_of=SATURDAY),
            ),
            Say(
                "Sorry, wrong day. I meant Sunday {date:+3w sat +1d}, at 1pm",
                commands=(correct("event_date", on("+3w sat +1d")), set_("start_time", "13:00")),
                expect=Reply(any_of=("sunday",)),
            ),
            Say(
                "Book it please: Ali Hassan, ali.hassan@example.com, 301 B St, Davis CA 95616",
                commands=(
                    flow("book"),
                    *contact("Ali Hassan", email="ali.hassan@example.com"),
                    set_("address", "301 B St, Davis CA 95616"),
                ),
                expect=Reply(total_of=SUNDAY, any_of=("sunday",)),
            ),
            Say("Yes, hold it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(SUNDAY, "13:00"),),
        quoted=(SATURDAY,),
    ),
]
