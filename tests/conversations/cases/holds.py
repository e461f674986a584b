"""A status question or a second "yes" after a hold reads the hold; it never makes another."""

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

TWELVE = Party(adults=12, zipcode="95661", date=on("+2w sat"))
TWENTY = Party(adults=20, zipcode="90012", date=on("+3w sun"))
NINE = Party(adults=7, children=2, zipcode="95630", date=on("+2w fri"))

HELD = Reply(any_of=("deposit",))  # a hold waits for the deposit: the reply says so

CASES = [
    Case(
        id="confirmed-now",
        note="After a hold, 'Is my booking confirmed now?' made a second hold.",
        steps=(
            Say(
                "Hi! How much would a hibachi dinner be for 12 adults on Saturday "
                "{date:+2w sat}? We're in Roseville, 95661",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95661"),
                ),
                expect=Reply(total_of=TWELVE),
            ),
            Say(
                "Great, let's book it for 6pm",
                commands=(flow("book"), set_("start_time", "18:00")),
            ),
            Say(
                "Name is Marcus Bell, phone 916-555-0142, email marcus.bell@example.com, "
                "Address is 1420 Eureka Rd, Roseville CA 95661",
                commands=(
                    *contact("Marcus Bell", "916-555-0142", "marcus.bell@example.com"),
                    set_("address", "1420 Eureka Rd, Roseville CA 95661"),
                ),
            ),
            Say("yes please hold it", commands=(CONFIRM,)),
            Say(
                "Is my booking confirmed now?",
                commands=(flow("booking_status"),),
                expect=HELD,
            ),
        ),
        bookings=(Booked(TWELVE, "18:00"),),
    ),
    Case(
        id="did-it-go-through",
        steps=(
            Say(
                "hey can i get a price for 20 ppl {weekday:+3w sun} {date:+3w sun}, zip 90012",
                commands=(
                    flow("quote"),
                    set_("adults", 20),
                    set_("event_date", on("+3w sun")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=TWENTY),
            ),
            Say(
                "ok book 5pm. Jo Rivera, 213-555-0170, 100 Main St, Los Angeles 90012",
                commands=(
                    flow("book"),
                    set_("start_time", "17:00"),
                    *contact("Jo Rivera", "213-555-0170"),
                    set_("address", "100 Main St, Los Angeles 90012"),
                ),
            ),
            Say("yep that's all correct", commands=(CONFIRM,)),
            Say(
                "did it go through?? is it booked", commands=(flow("booking_status"),), expect=HELD
            ),
            Say("ok cool. and it's definitely at 5pm right?", commands=(flow("booking_status"),)),
        ),
        bookings=(Booked(TWENTY, "17:00"),),
    ),
    Case(
        id="second-yes",
        note="A second 'yes' after the hold must not hold the time again.",
        steps=(
            Say(
                "Looking to book a chef for Friday {date:+2w fri} in Folsom (95630): 7 adults "
                "and 2 kids, both 10",
                commands=(
                    flow("book"),
                    set_("adults", 7),
                    set_("children", 2),
                    set_("children_ages", [10, 10]),
                    set_("event_date", on("+2w fri")),
                    set_("zipcode", "95630"),
                ),
            ),
            Say(
                "7pm please. I'm Lena Ortiz, lena.ortiz@example.com, 16 Riley St, Folsom CA 95630",
                commands=(
                    set_("start_time", "19:00"),
                    *contact("Lena Ortiz", email="lena.ortiz@example.com"),
                    set_("address", "16 Riley St, Folsom CA 95630"),
                ),
                expect=Reply(total_of=NINE),  # the summary before the yes
            ),
            Say("Yes, go ahead", commands=(CONFIRM,)),
            Say("great!! yes confirmed, go ahead", commands=(CONFIRM,)),
            Say("So am I all set now?", commands=(flow("booking_status"),), expect=HELD),
        ),
        bookings=(Booked(NINE, "19:00"),),
    ),
]
