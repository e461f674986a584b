"""Must-escalate rules: every reason fires on its phrasings, and harmless look-alikes do not."""

from __future__ import annotations

import pytest

from shared.ai.router.escalation import CUSTOM_EVENT_OVER, must_escalate


@pytest.mark.parametrize(
    "text",
    [
        "My husband went into anaphylactic shock at the party",
        "the kids have had diarrhea since eating the chicken",
        "we think it was salmonella, 4 people are sick",
        "There was a hair in my son's noodles",
        "grill fire on our deck, the chef got burned",
        "the pork was still pink inside",
        "my mom's lips are swollen after the sauce",
        "we had to call 911 after dinner, she couldn't breathe",
        "guest threw up right after eating the scallops",
    ],
)
def test_safety_incidents(text: str) -> None:
    assert must_escalate(text) == "safety_incident"


@pytest.mark.parametrize(
    "text",
    [
        "My attorney will be in touch",
        "i'm going to sue",
        "we are suing you for the damage",
        "I've started a charge-back",
        "I already disputed the transaction with visa",
        "filing a complaint with the better business bureau",
        "I'll take you to small claims",
        "expect legal action",
    ],
)
def test_legal_threats(text: str) -> None:
    assert must_escalate(text) == "legal_threat"


@pytest.mark.parametrize(
    "text",
    [
        "Can I speak with someone?",
        "connect me to a live agent",
        "HUMAN",
        "operator pls",
        "is there a real person there",
        "i dont want to talk to a bot",
        "get me your supervisor",
        "could somebody please phone me back",
        "HUMAN!!! NOW",
        "agent. asap.",
        "can somebody from your office handle this for me",
        "could one of you just take care of it for us?",
        "I'd like a real person",
        "we need a manager",
        "are you a bot? i want to talk to someone",
    ],
)
def test_human_requests(text: str) -> None:
    assert must_escalate(text) == "human_requested"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("corporate gala, 61 guests", "custom_event"),
        ("ninety people for a quinceañera", "custom_event"),
        ("50 adults plus 15 kids", "custom_event"),
        ("about 70 to 90 ppl", "custom_event"),
        ("wedding for 100+", "custom_event"),
        ("two hundred and fifty attendees", "custom_event"),
        ("party of 60", None),
        ("40 adults and 20 children", None),
        ("we need 65 skewers for 20 people", None),
        ("for our 100th birthday bash we are 12", None),
        ("2 chefs, 30 people", None),
    ],
)
def test_custom_events_over_the_cap(text: str, expected: str | None) -> None:
    assert CUSTOM_EVENT_OVER == 60
    assert must_escalate(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Is your kitchen peanut free? my son has a reaction to nuts",
        "if someone has an allergic reaction what do you do",
        "how do you avoid food poisoning with raw seafood",
        "do your chefs carry an epipen?",
        "the rice was burnt and the show was cut short",
        "my daughter was sick all week, can we move the date",
        "I'll be there after work, she's feeling ill today",
        "my lawyer buddy said you were great",
        "we're a group of attorneys, 15 people",
        "sue will meet the chef at the door",
        "please ask sue for the gate code",
        "we had a dispute with the venue about the date",
        "who do I talk to about the menu, the chef or the office?",
        "the venue manager needs your insurance certificate",
        "our HR team is booking, 25 employees",
        "chargeable extras?",
        "is the chef a real person or a robot lol",
        "are your chefs real people? the video looked fake",
        "how many people can one chef handle",
        "we want a person count before the quote?",
        "we need a person to help serve drinks, do you offer that?",
        "can the chef do the onion volcano for us",
        "will someone from your team bring the grill?",
        "hi there",
        "thanks so much!",
        "¿cuántas personas puede atender el chef?",
        "mi mamá es enfermera y estará en la fiesta",
        "el pollo estuvo delicioso, gracias",
    ],
)
def test_look_alikes_do_not_escalate(text: str) -> None:
    assert must_escalate(text) is None


def test_safety_outranks_other_reasons() -> None:
    text = "my kid got hives after your shrimp, I want a manager and my lawyer"
    assert must_escalate(text) == "safety_incident"


def test_curly_apostrophes_from_phones() -> None:
    assert must_escalate("I\u2019ll sue you") == "legal_threat"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("quiero hablar con un humano", "human_requested"),
        ("¿puedo hablar con el encargado?", "human_requested"),
        ("pásame con una persona real", "human_requested"),
        ("¿me pueden llamar?", "human_requested"),
        ("llámenme por favor", "human_requested"),
        ("no quiero hablar con un bot", "human_requested"),
        ("mi hijo tuvo una reacción alérgica después de la fiesta", "safety_incident"),
        ("todos se enfermaron por los camarones", "safety_incident"),
        ("había un pelo en el arroz", "safety_incident"),
        ("los vamos a demandar", "legal_threat"),
        ("ya hablé con mi abogado", "legal_threat"),
        ("somos 90 invitados", "custom_event"),
        ("una fiesta de 75 personas", "custom_event"),
        ("somos 20 personas", None),
        ("10 adultos y 4 niños", None),
        ("¿qué pasa si alguien tiene una reacción alérgica?", None),
    ],
)
def test_spanish(text: str, expected: str | None) -> None:
    assert must_escalate(text) == expected
