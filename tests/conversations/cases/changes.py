"""Moving or cancelling a booking the thread made, through the booking service's rules."""

from tests.conversations.spec import (
    CONFIRM,
    Booked,
    Case,
    Party,
    Reply,
    Say,
    StaffConfirms,
    contact,
    flow,
    on,
    set_,
)

SAC = Party(adults=12, zipcode="95814", date=on("+2w sat"))
LA = Party(adults=16, zipcode="90012", date=on("+2w sun"))
FOLSOM = Party(adults=10, zipcode="95630", date=on("+3w sat"))
ROSEVILLE = Party(adults=14, zipcode="95661", date=on("+3w sun"))
PASADENA = Party(adults=11, zipcode="91101", date=on("+2w sat"))


def _booked(
    party: Party, first: str, start: str, details: str, who: tuple[str, str]
) -> tuple[Say, ...]:
    """Quote, time, details, yes: the hold the later turns change."""
    return (
        Say(
            first,
            commands=(
                flow("book"),
                set_("adults", party.adults),
                set_("event_date", party.date),
                set_("zipcode", party.zipcode),
                set_("start_time", start),
            ),
        ),
        Say(
            details,
            commands=(*contact(who[0], who[1]), set_("address", details.split(", ", 2)[-1])),
            expect=Reply(total_of=party),
        ),
        Say("yes please", commands=(CONFIRM,)),
    )


CASES = [
    Case(
        id="move-confirmed-a-week-later",
        note="A request to move a confirmed booking a week later got its status line.",
        steps=(
            *_booked(
                SAC,
                "Book 12 adults for Saturday {date:+2w sat} at 6pm, zip 95814",
                "18:00",
                "Ava Reed, 916-555-0144, 1215 K St, Sacramento 95814",
                ("Ava Reed", "916-555-0144"),
            ),
            StaffConfirms(),
            Say(
                "Hi, something came up - can we move our party a week later? Same time.",
                commands=(flow("reschedule"), set_("event_date", on("+2w sat +1w"))),
                expect=Reply(any_of=("{date:+2w sat +1w}",)),
            ),
            Say("yes, please move it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(SAC, "18:00", status="confirmed", moved_to=on("+2w sat +1w")),),
    ),
    Case(
        id="push-back-a-week-new-time",
        steps=(
            *_booked(
                LA,
                "16 adults Sunday {date:+2w sun} 4pm in 90012 - let's book",
                "16:00",
                "Noah Diaz, 213-555-0166, 350 S Hill St, Los Angeles 90012",
                ("Noah Diaz", "213-555-0166"),
            ),
            StaffConfirms(),
            Say(
                "we need to push it back one week, and make it 5pm instead",
                commands=(
                    flow("reschedule"),
                    set_("event_date", on("+2w sun +1w")),
                    set_("start_time", "17:00"),
                ),
            ),
            Say("yes confirm the change", commands=(CONFIRM,)),
        ),
        bookings=(
            Booked(
                LA, "16:00", status="confirmed", moved_to=on("+2w sun +1w"), moved_start="17:00"
            ),
        ),
    ),
    Case(
        id="move-held-to-following-saturday",
        steps=(
            *_booked(
                FOLSOM,
                "Can I book {date:+3w sat} at 7pm for 10 adults? 95630",
                "19:00",
                "Zoe Hart, 916-555-0135, 400 Natoma St, Folsom 95630",
                ("Zoe Hart", "916-555-0135"),
            ),
            Say(
                "oh shoot, can we do the following saturday instead? {date:+3w sat +1w}",
                commands=(flow("reschedule"), set_("event_date", on("+3w sat +1w"))),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(FOLSOM, "19:00", moved_to=on("+3w sat +1w")),),
    ),
    Case(
        id="cancel-held",
        steps=(
            *_booked(
                ROSEVILLE,
                "14 adults, Sunday {date:+3w sun}, 3pm, Roseville 95661. Book it!",
                "15:00",
                "Ian Wu, 916-555-0119, 300 Vernon St, Roseville 95661",
                ("Ian Wu", "916-555-0119"),
            ),
            Say(
                "Actually we need to cancel the booking, sorry",
                commands=(flow("cancel"),),
                expect=Reply(any_of=("cancel",)),
            ),
            Say("yes, cancel it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(ROSEVILLE, "15:00", status="cancelled"),),
    ),
    Case(
        id="cancel-confirmed-refund",
        steps=(
            *_booked(
                PASADENA,
                "Please book 11 adults on {date:+2w sat} at 5:30pm in 91101",
                "17:30",
                "Mia Lopez, 626-555-0108, 45 N Lake Ave, Pasadena 91101",
                ("Mia Lopez", "626-555-0108"),
            ),
            StaffConfirms(),
            Say(
                "We have to cancel our party, family emergency. Do we get the deposit back?",
                commands=(flow("cancel"),),
                expect=Reply(any_of=("refund",)),
            ),
            Say("Yes please cancel it", commands=(CONFIRM,)),
        ),
        bookings=(Booked(PASADENA, "17:30", status="cancelled"),),
    ),
    Case(
        id="nvm-cancel-pls",
        steps=(
            *_booked(
                SAC,
                "book 12 ppl {date:+2w sat} 6pm 95814",
                "18:00",
                "Eli Ford, 916-555-0193, 1020 11th St, Sacramento 95814",
                ("Eli Ford", "916-555-0193"),
            ),
            Say("nvm cancel pls", commands=(flow("cancel"),)),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(SAC, "18:00", status="cancelled"),),
    ),
]
