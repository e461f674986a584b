"""The customer wants a person: escalated, told a person will answer here, never ignored."""

from tests.conversations.spec import Case, Party, Reply, Say, flow, handoff, on, set_

TOLD = Reply(any_of=("person", "team", "someone", "staff", "human"))
FOURTEEN = Party(adults=14, zipcode="95661", date=on("+2w sat"))

CASES = [
    Case(
        id="human-now",
        note="'HUMAN. NOW.' was not escalated.",
        escalated=True,
        steps=(
            Say("HUMAN. NOW.", commands=(handoff("customer asked for a person"),), expect=TOLD),
            Say("hello?? anyone there?", commands=(handoff("customer asked for a person"),)),
        ),
    ),
    Case(
        id="someone-on-your-team-do-it",
        note="'can someone on your team just do it for me please?' was not escalated.",
        escalated=True,
        steps=(
            Say(
                "Price for 14 adults on {date:+2w sat} in 95661?",
                commands=(
                    flow("quote"),
                    set_("adults", 14),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95661"),
                ),
                expect=Reply(total_of=FOURTEEN),
            ),
            Say(
                "can someone on your team just do it for me please?",
                commands=(handoff("customer wants staff to book for them"),),
                expect=TOLD,
            ),
            Say("thank you. how long will it take?", commands=(handoff("waiting for staff"),)),
        ),
        quoted=(FOURTEEN,),
    ),
    Case(
        id="real-person-please",
        escalated=True,
        steps=(
            Say(
                "this bot isn't helping, I want to talk to a real person",
                commands=(handoff("customer asked for a person"),),
                expect=TOLD,
            ),
            Say("ok", commands=()),
        ),
    ),
    Case(
        id="agent-pls-shorthand",
        escalated=True,
        steps=(
            Say("agent pls", commands=(handoff("customer asked for a person"),), expect=TOLD),
            Say("still waiting", commands=(handoff("customer asked for a person"),)),
        ),
    ),
]
