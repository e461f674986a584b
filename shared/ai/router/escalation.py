"""Messages a human must take over, whatever the agent: checked on every inbound message.

Recall comes first (a missed allergic reaction or legal threat costs far more than a
needless hand-off), so the patterns are broad; precision comes from the few contexts that
make a word harmless: a question about allergens is not an incident ("what if someone has
a reaction?"), a sick child is not food poisoning unless the food is blamed, "Sue" may be
the host, a dispute "with our venue" is not one with a bank, and "is the chef a real
person?" asks about the chef. Spanish is read too, after accents are folded ("quiero hablar
con una persona", "¿me puede llamar alguien?"). Out-of-area addresses are the quote
engine's call, not this module's.
"""

from __future__ import annotations

import re
import unicodedata

from shared.ai.router.model import EscalationReason
from shared.ai.router.party_size import party_size

CUSTOM_EVENT_OVER = 60  # guests; larger parties are quoted by a person

_SENTENCES = re.compile(r"(?<=[.!?\n])\s+|\s+-\s+|;\s*")
_HYPOTHETICAL = re.compile(
    r"\b(if|what if|in case|would|could|should|what happens|how do you|do you|does|do chefs"
    r"|prevent\w*|avoid\w*|handle|risk of|worried|concerned|is it safe"
    r"|que pasa si|en caso de|y si|como (evitan|previenen|manejan))\b"
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
    r"|\b(tuvo|tuvieron|le dio|les dio|esta teniendo|le esta dando) (una )?(fuerte |grave )?"
    r"reaccion( alergica)?\b|\breaccion alergica\b.{0,40}\b(despues|por|desde)\b"
    r"|\b(ronchas|urticaria|se le hincho|se le cerro la garganta|no (puede|podia) respirar)\b"
)
_POISONING = re.compile(
    r"\b(food poisoning|poisoned|salmonella|e\.? ?coli|norovirus|intoxica(cion|do|dos|da|das))\b"
)
_SICK = re.compile(
    r"\b(sick|nauseous|nausea|throwing up|threw up|vomit\w*|diarrh\w*|puk\w*|stomach (ache|"
    r"pain|cramps?|bug)|(got|get|fell|feel|feeling|felt|are|is|was|were) ill|(er|emergency "
    r"room|hospital|urgent care|ambulance|911)|enferm\w+|vomit\w+|diarrea"
    r"|urgencias)\b"
)
_FOOD = (
    r"food|dinner|meal|lunch|party|event|hibachi|chef|shrimp|chicken|steak|filet|rice|noodles"
    r"|sauce|scallops|seafood|lobster|fish|salmon|it"
)
_BLAMES_FOOD = re.compile(
    rf"\b(after|from|since)\W+(\w+\W+){{0,3}}?({_FOOD})\b|\b(ate|eaten|eating|raw|undercooked)\b"
    r"|\b(despues de|por)\W+(\w+\W+){0,3}?(comida|cena|fiesta|evento|hibachi|camarones?|pollo"
    r"|carne|arroz|mariscos|pescado)\b|\b(comer|comimos|comieron|crudo|cruda)\b"
)
_FOREIGN_OBJECT = re.compile(
    r"\b(found|there was|there's|was|had|got) (a |an |some )?((small |little )?(piece|pieces|"
    r"bits?|shards?) of )?(plastic|glass|metal|hair|bugs?|insects?|bandage|band-?aid|wire|"
    r"cockroach|roach)\b"
    r"|\b(encontr\w+|habia|hay|tenia|venia|salio) (un |una |unos |unas )?((pedazo|pedacito|trozo"
    r"|pedazos|trozos) de )?(plastico|vidrio|metal|pelo|cabello|bichos?|insectos?|cucarachas?"
    r"|curita|alambre)\b"
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
    r"|\blawyer(ing)? up\b|\b(mi|nuestro|un) (abogado|abogada)\b"
)
_SUE = re.compile(
    r"\b(will|'ll|gonna|going to|to|can|could|should|might|may) (\w+ )?(sue|suing)\b"
    r"|\b(sue|suing) (you|u|ya|y'?all|your|ur|the company|them)\b|\bsued\b"
    r"|\b(demandar\w*|demanda legal|una demanda|los voy a demandar)\b"
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
    r"|\b(get|give) me (the |a |your )?(owner|manager|supervisor|boss|human|person)\b"
    r"|\b(i|we|i'd|we'd) (really |just )?(need|want|prefer|like|am requesting) (to have )?"
    r"(a |an )?(real |actual |live )?(human|person|manager|supervisor|representative)\b"
    r"(?! (count|per|minimum|limit|to (cook|serve|help|watch|clean)))"
    r"|\bnot (a |to a |talking to a |with a )?(bot|robot|machine|ai|computer)\b"
    r"|\b(stop|no more|enough with) (the |this )?(bot|robot|automated|ai)\b"
    r"|\b(don'?t|do not|dont) want (to (talk|chat|speak) (to|with) )?(a |an |the |this )?"
    r"(bot|robot|ai|machine|computer)\b"
    r"|\b(someone|somebody|anyone|a person|a human)\b.{0,30}\b(call|phone|ring|contact) me\b"
    r"|\b(is there|can i get) (someone|somebody|a number|a phone number) (i|to) (can )?call\b"
    # a person asked to do the task: "can someone on your team just do it for me?"
    r"|\b(someone|somebody|one of you|a person|a human|a team member|a staff member|anyone)"
    r"( (on|from|at) (your|the) (team|staff|office|company))?( please)?( just)? "
    r"(do|handle|book|finish|sort|take care of|take over|fill)( out)? (it|this|that|the \w+"
    r"|everything)( out)? for (me|us)\b"
    r"|^\W*(agent|human|humans|representative|rep|operator|manager|supervisor|a person"
    r"|real person|person)(\W+(please|pls|plz|now|asap|right now|already))*\W*$"
    # Spanish (accents folded)
    r"|\b(hablar|comunicarme|platicar|chatear|pasame|paseme|comuniqueme|comunicame)"
    r" (con )?(una |un |el |la |algun |alguna |)(persona|humano|ser humano|agente|asesor\w*"
    r"|representante|gerente|encargad[oa]|supervisor\w*|duen[oa]|alguien)\b"
    r"|\b(persona|humano|agente) (real|de verdad)\b"
    r"|\b(quiero|necesito|prefiero) (a )?(una persona|un humano|un agente|alguien|el gerente)\b"
    r"|\bno (quiero|me gusta) (hablar con )?(un |una |el |la |este |esta )?(bot|robot|maquina)\b"
    r"|\bme (puede|podria|pueden|podrian) (llamar|marcar|contactar|hablar)\b"
    r"|\b(alguien|una persona) (que )?me (llame|marque|contacte|hable|puede llamar)\b"
    r"|\bque me (llame|llamen|marque|contacte)\b|\bllamen?me\b"
)
# "is there a real person there" asks for one; "is the chef a real person?" asks about him.
_REAL_PERSON = re.compile(r"\b(real|actual|live) (person|human|people|agent)\b")
_ABOUT_THE_CHEF = re.compile(
    r"\b(chefs?|cooks?|performers?)\b[^.?!]{0,25}\b(real|actual|live) (person|human|people)\b"
)


def must_escalate(text: str) -> EscalationReason | None:
    """The reason a person must take this message over, or None."""
    lowered = _folded(text)
    if _safety_incident(lowered):
        return "safety_incident"
    if _legal_threat(lowered):
        return "legal_threat"
    if _human_requested(lowered.strip()):
        return "human_requested"
    size = party_size(lowered)
    if size is not None and size > CUSTOM_EVENT_OVER:
        return "custom_event"
    return None


def _folded(text: str) -> str:
    """Lower case, curly apostrophes straightened (phones), accents dropped (Spanish)."""
    lowered = text.lower().replace("\u2019", "'")
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _human_requested(text: str) -> bool:
    if _HUMAN.search(text):
        return True
    return any(
        _REAL_PERSON.search(sentence) and not _ABOUT_THE_CHEF.search(sentence)
        for sentence in _SENTENCES.split(text)
    )


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
