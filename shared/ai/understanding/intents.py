"""Which flow a message asks for, from its wording (English and Spanish).

Slots come from extraction; this only reads what the customer wants done with them. Each
pattern names a request, not a topic: "is my booking confirmed?" asks for the status,
"move my booking a week later" asks to reschedule.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_I = re.I

STATUS = re.compile(
    r"\b(status|is (?:my|the|our|it) (?:booking |reservation |party |date )?(?:confirmed|booked|"
    r"held|set|still on|locked in|go(?:ing)? through)|(?:did|has) (?:it|my booking|the booking|"
    r"the payment|my deposit) (?:go through|gone through|been confirmed|confirm)|am i (?:booked|"
    r"confirmed|all set)|are we (?:booked|confirmed|all set|good)|my (?:booking|reservation) "
    r"(?:status|details)|bk_[0-9a-z]{6,}|estado de mi reserva|est[aá] confirmad[ao])",
    _I,
)
RESCHEDULE = re.compile(
    r"\b(reschedul\w*|move (?:my|the|our|it)\b|push (?:it|my booking|the booking|the party|us)\b|"
    r"postpone|change (?:the|my|our) (?:date|day|time)|switch (?:the|my) (?:date|time)|"
    r"different (?:date|day) instead|cambiar (?:la )?(?:fecha|hora)|mover (?:mi|la) reserva)",
    _I,
)
CANCEL = re.compile(
    r"\b(cancel(?:l?ed|l?ing|lation)?(?! policy)\b(?! fee)|call (?:it|the party) off|"
    r"cancelar|anular)",
    _I,
)
CANCEL_POLICY = re.compile(r"\b(cancel\w* policy|if i cancel|can i cancel|refund policy)\b", _I)
AVAILABILITY = re.compile(
    r"\b(what (?:start )?times?|which (?:start )?times?|available|availability|open (?:slots?|"
    r"times?)|free (?:slots?|times?)|times? (?:are|is) (?:free|open|available)|are you free|"
    r"when can|do you have (?:anything|a chef|chefs|openings?)|is .{1,25} (?:free|open)|"
    r"disponib\w+|qu[eé] horas?)",
    _I,
)
BOOK = re.compile(
    r"\b(book(?:ing)? (?:it|us|that|this|the|a|for|me)|let'?s book|i(?:'d| would) like to book|"
    r"want to book|ready to book|make (?:a|the) (?:booking|reservation)|reserve|hold (?:it|that|"
    r"the|a)|lock (?:it|that) in|sign (?:us|me) up|go ahead and book|(?:can|could) (?:we|i) "
    r"book(?! with)|book (?:for |at |on )?\d|reservar|reserve|apartar)",
    _I,
)
ANOTHER_BOOKING = re.compile(
    r"\b(another (?:booking|party|event|date|reservation)|second (?:booking|party|event)|"
    r"(?:a )?separate (?:booking|party|event)|book (?:one )?more)\b",
    _I,
)
# "How much" and "cuánto" ask a price unless time, room or food follows: "how much time
# does the chef need", "how much space", "¿cuánto dura la fiesta?", "¿cuánto tiempo?".
_NOT_MONEY = (
    r"(?!\s+(?:time|notice|space|room|food|meat|rice|propane|gas|longer|earlier|in advance|"
    r"advance|ahead|lead time|tiempo|dura|duran|tarda|tardan|antes|espacio|falta|comida)\b)"
)
PRICE = re.compile(
    r"\b(how much"
    + _NOT_MONEY
    + r"|price|pricing|quote|cost|total|estimate|rate|cu[aá]nto"
    + _NOT_MONEY
    + r"|precio|cotizaci[oó]n|presupuesto)\b",
    _I,
)
UPGRADE_PRICE = re.compile(
    r"\b(up-?charge|how much extra|how much more|how much (?:is|are|for|does|do|would)|"
    r"what(?:'s| is| does) (?:the )?(?:cost|price|"
    r"upgrade|charge)|upgrade (?:cost|price|charge|fee)|cost (?:extra|more)|extra for|"
    r"cu[aá]nto cuesta)\b",
    _I,
)
PAYMENT = re.compile(
    r"\b(deposit|venmo|zelle|cash ?app|paypal|pay (?:with|by|in|the|by)|payment|credit card|"
    r"card|dep[oó]sito|pagar|pago)\b",
    _I,
)
TRAVEL = re.compile(
    r"\b(travel (?:fee|cost|charge)|do you (?:come|travel|serve|cover)|service area|"
    r"how far|distance|come to)\b",
    _I,
)
SAME_TIME = re.compile(r"\b(same time|that time|misma hora)\b", _I)
ADVICE = re.compile(
    r"\b(better|recommend\w*|suggest\w*|difference|which (?:one|is)|prefer|vs\.?|versus|"
    r"mejor|recomienda\w*)\b",
    _I,
)

_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "un": 1, "una": 1, "dos": 2}
_SHIFT = re.compile(
    r"\b(?:(?:push|move|bump)\w*\s+(?:it\s+|us\s+|the party\s+)?(back|up|forward)\s+(?:by\s+)?"
    r"(a|one|two|three|four|\d+)\s+(day|week)s?"
    r"|(a|one|two|three|four|\d+)\s+(day|week)s?\s+(later|after|earlier|before|out|back))\b",
    _I,
)


def mentions_shift(text: str) -> bool:
    return _SHIFT.search(text) is not None


def shifted(text: str, start: date) -> date | None:
    """'a week later', '2 days earlier': a date relative to the booking's own date."""
    match = _SHIFT.search(text)
    if match is None:
        return None
    if match.group(1):
        direction, amount, unit = match.group(1), match.group(2), match.group(3)
    else:
        amount, unit, direction = match.group(4), match.group(5), match.group(6)
    count = _COUNT.get(amount.lower()) or int(amount)
    days = count * (7 if unit.lower() == "week" else 1)
    sign = -1 if direction.lower() in ("earlier", "before", "up", "forward") else 1
    return start + timedelta(days=sign * days)


# A question asked beside the message's main content ("6pm works. do you bring the grill?",
# "Ana Ruiz, 310-555-0101, and do we need tables?", "a las 6. ¿el chef trae la parrilla?").
_LEAD = (
    r"(?:and |also |but |oh |btw,? |quick question,? |one more thing,? |y |pero |"
    r"tambi[eé]n,? |otra pregunta,? )?"
)
_ASKS = (
    r"(?:¿|what|what's|whats|how|do|does|did|can|could|will|would|is|are|should|may|"
    r"qu[eé]|c[oó]mo|cu[aá]nt[oa]s?|cu[aá]l|pueden|puede|podr[ií]an|traen|trae|hay|incluye|"
    r"necesit\w+|tienen|el chef|los chefs)\b"
)
_CLAUSES = re.compile(rf"(?<=[.!?;:])\s+|\n+|,\s+(?={_LEAD}{_ASKS})", _I)
_QUESTION_CLAUSE = re.compile(rf"^{_LEAD}{_ASKS}|\?$|^¿", _I)
_CHECKING_BACK = re.compile(
    r"^(?:is|does|would|will|do|can|está|le parece)?\s*(?:that|this|it|eso|esto|you)?\s*"
    r"(?:ok|okay|fine|good|alright|work|works|right|bien|vale|funciona|see|hear me)\s*\??$",
    _I,
)
_ACTS = (STATUS, RESCHEDULE, CANCEL, AVAILABILITY, BOOK, PRICE, UPGRADE_PRICE, PAYMENT, TRAVEL)


def side_question(text: str) -> str | None:
    """The clause of a longer message that asks something on the side, if one does.

    Only a clause of its own counts, carrying no value (no digits) and asking for no
    flow (prices, times, bookings have flows): the rest of the message is answered as
    usual and this clause goes to the knowledge base."""
    clauses = [part.strip() for part in _CLAUSES.split(text) if part.strip()]
    if len(clauses) < 2:
        return None
    for clause in clauses:
        if (
            _QUESTION_CLAUSE.search(clause)
            and len(clause.split()) >= 3
            and not any(ch.isdigit() for ch in clause)
            and not _CHECKING_BACK.match(clause)
            and not any(act.search(clause) for act in _ACTS)
        ):
            return clause
    return None
