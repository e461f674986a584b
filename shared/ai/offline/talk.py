"""Small talk and questions: whether a message greets, thanks or says goodbye, and whether
it asks something.

Read from the normalised text after Spanish was rewritten ("hola" is "hello", "gracias"
"thanks"), so one table serves both languages; Spanish question words stay Spanish.
A greeting must open the message ("hi there, 20 people..." greets; "say hi to the chef"
does not); a goodbye or thanks may stand anywhere, but a declining "no thanks" is an
answer, not thanks. When a message does several, the greeting that opens it wins, then a
goodbye (it closes the conversation), then thanks.
"""

from __future__ import annotations

import re
from typing import Literal

SmallTalk = Literal["greeting", "thanks", "goodbye"]

_GREETING = re.compile(
    r"^\W*(?:h+i+|hello+|hey+|heya|hiya|howdy|greetings|hi there|hey there|hello there|"
    r"good (?:morning|afternoon|evening|day)|morning(?=\W*$|[!,.])|evening(?=\W*$|[!,.])|"
    r"what'?s up|sup|aloha|hallo|ola)\b"
)
_GOODBYE = re.compile(
    r"\b(?:bye+|goodbye|good bye|bye bye|see (?:you|ya)|talk (?:to you )?soon|ttyl|take care|"
    r"have a (?:good|great|nice|wonderful|lovely|blessed) (?:day|night|evening|weekend|one)|"
    r"good ?night|^\W*later|(?:talk|see you|catch you|speak|chat) later|until next time)\b"
)
_THANKS = re.compile(
    r"(?<!\bno )(?<!\bno, )\b(?:thanks|thank you|thank u|thankyou|much appreciated|"
    r"appreciate (?:it|that|you|the help)|many thanks|cheers(?=\W*$))\b(?!,? but no\b)"
)
# A question without a question mark opens with a question word, or an auxiliary with
# its subject ("can we ...", "is there ..."); Spanish ones are written without accents.
_SUBJECT = (
    r"(?:you|u|we|i|it|there|the|a|an|my|our|this|that|these|those|he|she|they|someone|"
    r"anyone|somebody|y'all|ya|your)"
)
_QUESTION = re.compile(
    r"(?:^|[.!;,:]\s*|\b(?:and|also|but|so|ok|okay|hi|hello|hey)\s+)"
    r"(?:(?:how|what|what's|whats|when|when's|where|where's|which|who|who's|why|whose)\b"
    r"|(?!have an? (?:good|great|nice|wonderful|lovely|blessed|safe)\b)"
    r"(?:can|could|would|will|do|does|did|is|are|am|should|shall|may|have|has|was|were|"
    r"isn't|aren't|don't|doesn't|won't|can't)\s+" + _SUBJECT + r"\b"
    r"|(?:any|anything|anyone)\s+\w+\s+\w+|i (?:was )?wonder(?:ing)?\b|do you know\b|"
    r"(?:please )?(?:tell|let) (?:me|us) (?:know )?(?:how|what|when|where|which|if|whether)\b"
    r"|i'?d like to know\b|i want to know\b|curious (?:if|whether|how|what)\b"
    r"|(?:que|cual|cuales|cuanto|cuanta|cuantos|cuantas|cuando|donde|como|quien|quienes|"
    r"puedo|puede|pueden|podemos|podrian|tienen|tiene|hay|aceptan|incluye|incluyen|"
    r"es posible|se puede)\b)"
)


def find_smalltalk(text: str) -> SmallTalk | None:
    """The small talk normalised `text` opens with or holds, or None."""
    if _GREETING.search(text):
        return "greeting"
    if _GOODBYE.search(text):
        return "goodbye"
    if _THANKS.search(text):
        return "thanks"
    return None


# An auxiliary opening the message asks even before a noun: "is lobster extra".
_OPENING_AUXILIARY = re.compile(
    r"^\W*(?:is|are|does|can|could|would|should|was|were|will)\s+"
    r"(?!(?:do|be|have|love|like|need|want|work|great|good|fine|nice|perfect|awesome)\b)\w"
)


def is_question(text: str) -> bool:
    """Whether normalised `text` asks something: a question mark or a question's form."""
    return "?" in text or bool(_QUESTION.search(text) or _OPENING_AUXILIARY.search(text))
