"""Greetings and thanks are small talk: answered warmly, never escalated, never silent."""

from tests.conversations.spec import Case, Party, Reply, Say, flow, kb, on, set_, smalltalk

TWELVE = Party(adults=12, zipcode="95814", date=on("+2w sat"))
EIGHTEEN = Party(adults=18, zipcode="90012", date=on("+3w sat"))

# Greeted back (or offered help), not treated as a complaint or a travel-fee question.
GREETED = Reply(
    any_of=("hi", "hello", "hey", "welcome", "good morning", "help", "glad", "happy"),
    none_of=("complaint", "travel fee", "sorry", "road miles"),
)
THANKED = Reply(
    any_of=("welcome", "pleasure", "glad", "anytime", "thank", "happy"),
    none_of=("complaint", "sorry"),
)

CASES = [
    Case(
        id="hello-again",
        note="'hello again' was routed as a complaint, escalated, then answered with ''.",
        steps=(
            Say("hello again", commands=(smalltalk("greeting"),), expect=GREETED),
            Say(
                "how much for 12 adults on {date:+2w sat} in 95814?",
                commands=(
                    flow("quote"),
                    set_("adults", 12),
                    set_("event_date", on("+2w sat")),
                    set_("zipcode", "95814"),
                ),
                expect=Reply(total_of=TWELVE),
            ),
        ),
        quoted=(TWELVE,),
    ),
    Case(
        id="hi-there",
        note="'hi there' went to the travel-fee agent.",
        steps=(
            Say("hi there", commands=(smalltalk("greeting"),), expect=GREETED),
            Say(
                "what's included in the party?",
                commands=(kb("what is included in a party"),),
                expect=Reply(any_of=("rice", "protein", "vegetables", "salad")),
            ),
        ),
    ),
    Case(
        id="good-morning-then-quote-then-thanks",
        steps=(
            Say("Good morning :)", commands=(smalltalk("greeting"),), expect=GREETED),
            Say(
                "We're thinking 18 people, Saturday {date:+3w sat}, LA 90012",
                commands=(
                    flow("quote"),
                    set_("adults", 18),
                    set_("event_date", on("+3w sat")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=EIGHTEEN),
            ),
            Say("thanks so much!", commands=(smalltalk("thanks"),), expect=THANKED),
            Say("bye!", commands=(smalltalk("goodbye"),)),
        ),
        quoted=(EIGHTEEN,),
    ),
    Case(
        id="hey-emoji",
        steps=(
            Say("heyyy 👋", commands=(smalltalk("greeting"),), expect=GREETED),
            Say("hi again, you there?", commands=(smalltalk("greeting"),), expect=GREETED),
        ),
    ),
    Case(
        id="hello-again-mid-thread",
        steps=(
            Say(
                "how much for 18 adults on {date:+3w sat}, 90012?",
                commands=(
                    flow("quote"),
                    set_("adults", 18),
                    set_("event_date", on("+3w sat")),
                    set_("zipcode", "90012"),
                ),
                expect=Reply(total_of=EIGHTEEN),
            ),
            Say("hello again! sorry, got busy", commands=(smalltalk("greeting"),), expect=GREETED),
            Say(
                "what are your hours btw",
                commands=(kb("business hours"),),
                expect=Reply(any_of=("11",)),
            ),
        ),
        quoted=(EIGHTEEN,),
    ),
]
