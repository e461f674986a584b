"""Contact details and the address in one message, in the shapes customers actually send."""

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

ROSEVILLE = Party(adults=15, zipcode="95661", date=on("+2w sat"))
MIDTOWN = Party(adults=12, zipcode="95816", date=on("+3w sat"))
DOWNTOWN_LA = Party(adults=16, zipcode="90071", date=on("+2w sun"))
SANTA_MONICA = Party(adults=10, zipcode="90402", date=on("+3w fri"))
SACRAMENTO = Party(adults=11, zipcode="95814", date=on("+2w sat"))


def _twelve_hour(start: str) -> str:
    hour, minute = int(start[:2]), start[3:]
    return (
        f"{hour % 12 or 12}{':' + minute if minute != '00' else ''}{'pm' if hour >= 12 else 'am'}"
    )


def _opening(party: Party, text: str, start: str) -> tuple[Say, Say]:
    """The same first two turns (the quote, then the time) before the details arrive."""
    return (
        Say(
            text,
            commands=(
                flow("quote"),
                set_("adults", party.adults),
                set_("event_date", party.date),
                set_("zipcode", party.zipcode),
            ),
            expect=Reply(total_of=party),
        ),
        Say(
            f"let's book it for {_twelve_hour(start)}",
            commands=(flow("book"), set_("start_time", start)),
        ),
    )


CASES = [
    Case(
        id="name-is-phone-email-address-is",
        note="'Name is Marcus Bell, phone ..., email ..., Address is ...' was asked for again.",
        steps=(
            *_opening(ROSEVILLE, "Quote for 15 adults on {date:+2w sat}, 95661?", "18:00"),
            Say(
                "Name is Marcus Bell, phone (916) 555-0142, email marcus.bell@example.com, "
                "Address is 1420 Eureka Rd, Roseville CA 95661",
                commands=(
                    *contact("Marcus Bell", "(916) 555-0142", "marcus.bell@example.com"),
                    set_("address", "1420 Eureka Rd, Roseville CA 95661"),
                ),
                expect=Reply(total_of=ROSEVILLE, none_of=("your name", "phone number or email")),
            ),
            Say("Yes, that's all correct", commands=(CONFIRM,)),
        ),
        bookings=(Booked(ROSEVILLE, "18:00"),),
    ),
    Case(
        id="lowercase-run-on-short-street",
        steps=(
            *_opening(MIDTOWN, "hi how much 4 12 ppl {date:+3w sat} midtown 95816", "17:30"),
            Say(
                "its priya patel priya.p@gmail.com 9165550188 address 2200 K St sacramento 95816",
                commands=(
                    *contact("Priya Patel", "9165550188", "priya.p@gmail.com"),
                    set_("address", "2200 K St, Sacramento 95816"),
                ),
                expect=Reply(total_of=MIDTOWN),
            ),
            Say("yup", commands=(CONFIRM,)),
        ),
        bookings=(Booked(MIDTOWN, "17:30"),),
    ),
    Case(
        id="one-per-line",
        steps=(
            *_opening(
                DOWNTOWN_LA,
                "Hello, quote for 16 adults on {date:+2w sun}, zip 90071 please",
                "16:00",
            ),
            Say(
                "Jordan Lee\n(213) 555-0199\njordan@lee.io\n455 S Grand Ave, Los Angeles, CA 90071",
                commands=(
                    *contact("Jordan Lee", "(213) 555-0199", "jordan@lee.io"),
                    set_("address", "455 S Grand Ave, Los Angeles, CA 90071"),
                ),
                expect=Reply(total_of=DOWNTOWN_LA),
            ),
            Say("Correct, please hold it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(DOWNTOWN_LA, "16:00"),),
    ),
    Case(
        id="phone-first-odd-order",
        steps=(
            *_opening(
                SANTA_MONICA,
                "Price for 10 adults Friday {date:+3w fri} in Santa Monica 90402?",
                "19:00",
            ),
            Say(
                "my cell is 323.555.0147, I'm Dana Whitfield, the party's at 77 Ocean Ave Santa "
                "Monica 90402",
                commands=(
                    *contact("Dana Whitfield", "323.555.0147"),
                    set_("address", "77 Ocean Ave Santa Monica 90402"),
                ),
                expect=Reply(total_of=SANTA_MONICA),
            ),
            Say("sounds good", commands=(CONFIRM,)),
        ),
        bookings=(Booked(SANTA_MONICA, "19:00"),),
    ),
    Case(
        id="name-phone-street-no-zip",
        note="'Sam Chen, 916-555-0123, 900 N Street, Sacramento' was not understood.",
        steps=(
            *_opening(SACRAMENTO, "11 adults on {date:+2w sat} in 95814, how much?", "18:00"),
            Say(
                "Sam Chen, 916-555-0123, 900 N Street, Sacramento",
                commands=(
                    *contact("Sam Chen", "916-555-0123"),
                    set_("address", "900 N Street, Sacramento"),
                ),
                expect=Reply(total_of=SACRAMENTO),
            ),
            Say("go ahead", commands=(CONFIRM,)),
        ),
        bookings=(Booked(SACRAMENTO, "18:00"),),
    ),
]
