"""Messages a human must take over, whatever the agent: checked on every inbound message.

Recall comes first (a missed allergic reaction or legal threat costs far more than a
needless hand-off), so the patterns are broad; precision comes from the few contexts that
make a word harmless: a question about allergens is not an incident ("what if someone has
a reaction?"), a sick child is not food poisoning unless the food is blamed, "Sue" may be
the host, and a dispute "with our venue" is not one with a bank. Out-of-area addresses
are the quote engine's call, not this module's.
"""

from __future__ import annotations

import re

from shared.ai.router.model import EscalationReason
from shared.ai.router.party_size import party_size

CUSTOM_EVENT_OVER = 60  # guests; larger parties are quoted by a person

_SENTENCES = re.compile(r"(?<=[.!?\n])\s+|\s+-\s+|;\s*")
_HYPOTHETICAL = re.compile(
    r"\b(if|what if|in case|would|could|should|what happens|how do you|do you|does|do chefs"
    r"|prevent\w*|avoid\w*|handle|risk of|worried|concerned|is it safe)\b"
)

# A reaction counts when it happened ("had", "is having", "after"), not when it is a trait
# ("my son has a reaction to nuts") or a question ("do chefs carry an epipen?").
_REACTION = re.compile(
    r"\b(had|has had|having|got|suffered|went into|is having|are having)\b (a |an )?"
    r"(bad |severe |serious |allergic |anaphylactic )*(reaction|shock|anaphylaxis)\b"
    r"|\ballergic reaction\b.{0,40}\b(after|from|since|right now)\b"
    r"|\b(hives|swell(ed|ing)|swollen|throat (is )?(swell\w*|clos\w*|tight\w*)|(couldn'?t|"
    r"can'?t|could not|cannot|trouble|struggling to) breath\w*)\b"
    r"|\b(used?|using|gave|give|needed|administer\w*|inject\w*|grab\w*) (her |his |my |their "
    r"|an |the |our )?epi-?pens?\b"
)
_POISONING = re.compile(r"\b(food poisoning|poisoned|salmonella|e\.? ?coli|norovirus)\b")
_SICK = re.compile(
    r"\b(sick|nauseous|nausea|throwing up|threw up|vomit\w*|diarrh\w*|puk\w*|stomach (ache|"
    r"pain|cramps?|bug)|(got|get|fell|feel|feeling|felt|are|is|was|were) ill|(er|emergency "
    r"room|hospital|urgent care|ambulance|911))\b"
)
_FOOD = (
    r"food|dinner|meal|lunch|party|event|hibachi|chef|shrimp|chicken|steak|filet|rice|noodles"
    r"|sauce|scallops|seafood|lobster|fish|salmon|it"
)
_BLAMES_FOOD = re.compile(
    rf"\b(after|from|since)\W+(\w+\W+){{0,3}}?({_FOOD})\b|\b(ate|eaten|eating|raw|undercooked)\b"
)
_FOREIGN_OBJECT = re.compile(
    r"\b(found|there was|there's|was|had|got) (a |an |some )?((small |little )?(piece|pieces|"
    r"bits?|shards?) of )?(plastic|glass|metal|hair|bugs?|insects?|bandage|band-?aid|wire|"
    r"cockroach|roach)\b"
)
_UNSAFE_MEAT = re.compile(
    r"\b(raw|undercooked|pink|bloody)\b.{0,30}\b(chicken|pork)\b"
    r"|\b(chicken|pork)\b.{0,20}\b(raw|undercooked|pink)\b"
)
_INJURY = re.compile(
    r"\b(i|we|he|she|they|someone|somebody|guests?|kids?|child|son|daughter|wife|husband|mom|"
    r"dad|friend|people|everyone|chef)\b.{0,25}\b(got|was|were|been|is|are|getting) "
    r"(badly |seriously )?(burned|burnt|injured|hurt)\b"
    r"|\b(got|was|were) (badly )?cut (by|on|with)\b"
    r"|\b(caught (on )?fire|grill fire|fire (got|went) out of control|(was|got) scalded)\b"
)

_LAWYER = re.compile(
    r"\b(my|our|a|an|the) (lawyer|attorney)\b(?!'s|\s+(friend|buddy|pal|colleague))"
    r"|\blawyer(ing)? up\b"
)
_SUE = re.compile(
    r"\b(will|'ll|gonna|going to|to|can|could|should|might|may) (\w+ )?(sue|suing)\b"
    r"|\b(sue|suing) (you|u|ya|y'?all|your|ur|the company|them)\b|\bsued\b"
)
_LEGAL = re.compile(
    r"\b(legal action|lawsuit|law suit|legal (team|counsel|department)|small claims"
    r"|(take|taking) (you|this|it|ur|your \w+) to court|see you in court|charge ?-?backs?"
    r"|bbb|better business bureau|attorney general|consumer protection|health department"
    r"|report (you|this|ur|your \w+) to (the )?(state|police|authorities|county|city|yelp))\b"
)
_DISPUTE = re.compile(r"\bdisput\w*\b")
_MONEY_CHANNEL = re.compile(
    r"\b(charges?|transactions?|payments?|bank|card|credit|amex|american express|visa"
    r"|mastercard|discover|paypal|venmo|stripe)\b"
)

_HUMAN = re.compile(
    r"\b(talk|speak|chat|connect|transfer|put|get|send|pass)( me)?( through)? (to|with) "
    r"(a |an |the |your |some )?(real |actual |live )?(person|human|manager|supervisor|agent"
    r"|rep|representative|owner|someone|somebody|customer service|staff|employee|boss)\b"
    r"|\b(real|actual|live) (person|human|people|agent)\b"
    r"|\b(get|give) me (the |a |your )?(owner|manager|supervisor|boss|human|person)\b"
    r"|\bnot (a |to a |talking to a |with a )?(bot|robot|machine|ai|computer)\b"
    r"|\b(stop|no more|enough with) (the |this )?(bot|robot|automated|ai)\b"
    r"|\b(don'?t|do not|dont) want (to (talk|chat|speak) (to|with) )?(a |an |the |this )?"
    r"(bot|robot|ai|machine|computer)\b"
    r"|\b(someone|somebody|anyone|a person|a human)\b.{0,30}\b(call|phone|ring|contact) me\b"
    r"|\b(is there|can i get) (someone|somebody|a number|a phone number) (i|to) (can )?call\b"
    r"|^\W*(agent|human|representative|rep|operator|manager|supervisor|a person)"
    r"( please| pls| plz| now)?\W*$"
)


def must_escalate(text: str) -> EscalationReason | None:
    """The reason a person must take this message over, or None."""
    lowered = text.lower().replace("\u2019", "'")  # curly apostrophes from phones
    if _safety_incident(lowered):
        return "safety_incident"
    if _legal_threat(lowered):
        return "legal_threat"
    if _HUMAN.search(lowered.strip()):
        return "human_requested"
    size = party_size(lowered)
    if size is not None and size > CUSTOM_EVENT_OVER:
        return "custom_event"
    return None


def _safety_incident(text: str) -> bool:
    if _FOREIGN_OBJECT.search(text) or _UNSAFE_MEAT.search(text) or _INJURY.search(text):
        return True
    for sentence in _SENTENCES.split(text):
        for pattern in (_REACTION, _POISONING):
            match = pattern.search(sentence)
            if match and not _HYPOTHETICAL.search(sentence[: match.start()]):
                return True
        sick = _SICK.search(sentence)
        if sick and _BLAMES_FOOD.search(sentence) and not _HYPOTHETICAL.search(sentence):
            return True
    return False


def _legal_threat(text: str) -> bool:
    if _LAWYER.search(text) or _SUE.search(text) or _LEGAL.search(text):
        return True
    return any(
        _DISPUTE.search(sentence) and _MONEY_CHANNEL.search(sentence)
        for sentence in _SENTENCES.split(text)
    )
