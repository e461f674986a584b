"""The LLM's reading disagrees with the message: the engine asks, it never picks silently.

On the LLM path the scripted LLM deliberately misreads one value (the `commands` differ
from the text); a good engine cross-checks against deterministic extraction and asks which
is right (`expect_llm`). On the offline path the message is simply understood. Both paths
must end in the same booking, for what the customer actually said.
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

FIFTEEN = Party(adults=15, zipcode="95814", date=on("+2w sat"))
MIDTOWN = Party(adults=12, zipcode="95816", date=on("+3w sat"))
THREE_WEEKS = Party(adults=14, zipcode="90012", date=on("+3w sat"))


def _asks_between(*values: str) -> Reply:
    return Reply(question=True, all_of=values)


CASES = [
    Case(
        id="llm-says-12-message-says-15",
        steps=(
            Say(
                "How much for 15 adults on Saturday {date:+2w sat}? We're in 95814",
                commands=(
                    flow("quote"),
                    set_("adults", 12),  # the LLM misread the count
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95814"),
                ),
                expect_llm=_asks_between("12", "15"),
                expect_offline=Reply(total_of=FIFTEEN),
            ),
            Say(
                "It's 15 adults",
                commands=(set_("adults", 15),),
                expect_llm=Reply(total_of=FIFTEEN),
            ),
            Say(
                "Book 6pm. Hal Young, 916-555-0128, 1300 N St, Sacramento 95814",
                commands=(
                    flow("book"),
                    set_("start_time", "18:00"),
                    *contact("Hal Young", "916-555-0128"),
                    set_("address", "1300 N St, Sacramento 95814"),
                ),
                expect=Reply(total_of=FIFTEEN),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(FIFTEEN, "18:00"),),
    ),
    Case(
        id="llm-misreads-the-zip",
        steps=(
            Say(
                "quote for 12 adults {date:+3w sat}, zip 95816",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+3w sat")),
                    set_("zipcode", "95814"),  # the LLM misread the zip
                ),
                expect_llm=_asks_between("95814", "95816"),
                expect_offline=Reply(total_of=MIDTOWN),
            ),
            Say(
                "the zip is 95816",
                commands=(set_("zipcode", "95816"),),
                expect_llm=Reply(total_of=MIDTOWN),
            ),
        ),
        quoted=(MIDTOWN,),
    ),
    Case(
        id="llm-misreads-the-date",
        steps=(
            Say(
                "Price for 14 adults on {date:+3w sat} in 90012, 5pm?",
                commands=(
                    flow("quote"),
                    set_("adults", 14),
                    set_("event_date", on("+2w sat")),  # a week off
                    set_("zipcode", "90012"),
                    set_("start_time", "17:00"),
                ),
                expect_llm=Reply(question=True, all_of=("{date:+3w sat}",)),
                expect_offline=Reply(total_of=THREE_WEEKS),
            ),
            Say(
                "{date:+3w sat}, like I said",
                commands=(set_("event_date", on("+3w sat")),),
                expect_llm=Reply(total_of=THREE_WEEKS),
            ),
            Say(
                "book it - Una Park, una.park@example.com, 600 W 5th St, Los Angeles 90012",
                commands=(
                    flow("book"),
                    *contact("Una Park", email="una.park@example.com"),
                    set_("address", "600 W 5th St, Los Angeles 90012"),
                ),
                expect=Reply(total_of=THREE_WEEKS),
            ),
            Say("yes", commands=(CONFIRM,)),
        ),
        bookings=(Booked(THREE_WEEKS, "17:00"),),
    ),
]
