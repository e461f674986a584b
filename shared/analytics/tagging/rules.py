"""The deterministic tagger: a conversation's tags, objections and loss reason from its
customer's words in English and Spanish, with no model (the offline default and the
fallback whenever an LLM's answer is unusable).

Confidences are fixed per kind of evidence: a phrase that names the thing outright (an
occasion, "too expensive") is surer than one that hints at it (asking the price).
"""

from __future__ import annotations

import re

from shared.ai.offline.text import normalise
from shared.ai.router.emotion import detect_urgency
from shared.ai.router.party_size import party_size
from shared.analytics.occasion import detect as occasion_of
from shared.analytics.tagging import sentiment
from shared.analytics.tagging.model import (
    Conversation,
    LossReading,
    Raised,
    Reading,
    Said,
    Tag,
)
from shared.analytics.tagging.phrases import OBJECTIONS, objections_in, standing

LARGE_PARTY, SMALL_PARTY = 30, 10  # guests


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(" + "|".join(phrases) + r")(?![a-z])")


_BOOKING = _words(
    r"book( it| us)?|reserve|reservation|deposit|lock (it|us|the date) in|sign us up",
    r"let'?s do it|we'?ll take it|go ahead|reservar|reserva|apartar|deposito|confirmar",
    r"lo queremos|hagamoslo",
)
_PRICE_QUESTION = _words(r"how much|price|pricing|cost|quote|rates?|cuanto|precio|costo|cuesta")
_COMPARING = _words(r"comparing|shopping around|other quotes|cheapest|comparando|cotizando")
_UPGRADE = _words(
    r"filet( mignon)?|lobster|scallops?|wagyu|upgrades?|add[- ]ons?|extra (protein|meat|shrimp)",
    r"third protein|langosta|filete|vieiras|camarones extra",
)
_BUDGET_STATED = _words(
    r"budget (is |of |around |about )?\$?\d+",
    r"\$\d+ (budget|max|tops)",
    r"presupuesto (es )?(de )?\$?\d+",
)
_BUDGET_WORDS = _words(r"budget|cheap|affordable|presupuesto|economico|barato")
_PREMIUM = _words(
    r"money is no object|whatever it costs|the best you have|top of the line",
    r"lo mejor que tengan|sin importar el precio",
)
_KIDS = _words(r"kids?|children|child|toddlers?|ninos|ninas|hijos")
_FIRST_TIME = _words(r"first time|never (had|tried|done) (a )?hibachi|primera vez|nunca hemos")
_RETURNING = _words(
    r"last time|last year|used you before|booked (you|with you) before|you guys again",
    r"otra vez|de nuevo|el ano pasado|la vez pasada",
)
_URGENT = _words(
    r"this (weekend|friday|saturday|sunday)|urgente|lo antes posible|cuanto antes|manana",
    r"hoy|esta noche|este fin de semana|ultimo minuto",
)


def _intent(plain: str, raised_price: bool) -> list[Tag]:
    tags = []
    if _BOOKING.search(plain):
        tags.append(Tag(family="intent", tag="high_intent", confidence=0.8))
    elif _COMPARING.search(plain):
        tags.append(Tag(family="intent", tag="price_shopping", confidence=0.8))
    elif _PRICE_QUESTION.search(plain) or raised_price:
        tags.append(Tag(family="intent", tag="price_shopping", confidence=0.6))
    if _UPGRADE.search(plain):
        tags.append(Tag(family="intent", tag="upgrade_likely", confidence=0.7))
    return tags or [Tag(family="intent", tag="browsing", confidence=0.5)]


def _budget(plain: str, raised_price: bool) -> list[Tag]:
    tags = []
    if _BUDGET_STATED.search(plain):
        tags.append(Tag(family="budget", tag="budget_stated", confidence=0.9))
    if raised_price or _BUDGET_WORDS.search(plain):
        tags.append(
            Tag(family="budget", tag="budget_sensitive", confidence=0.8 if raised_price else 0.6)
        )
    elif _PREMIUM.search(plain) or _UPGRADE.search(plain):
        tags.append(Tag(family="budget", tag="premium", confidence=0.6))
    return tags


def _party(texts: list[str], plain: str) -> list[Tag]:
    tags = []
    occasion = next((o for t in texts if (o := occasion_of(t))), None)
    if occasion:
        tags.append(Tag(family="party_type", tag=occasion, confidence=0.9))
    if _KIDS.search(plain):
        tags.append(Tag(family="party_type", tag="kids", confidence=0.7))
    sizes = [n for t in texts if (n := party_size(t))]
    if sizes and sizes[-1] >= LARGE_PARTY:
        tags.append(Tag(family="party_type", tag="large_party", confidence=0.8))
    elif sizes and sizes[-1] <= SMALL_PARTY:
        tags.append(Tag(family="party_type", tag="small_party", confidence=0.8))
    return tags


def _behaviour(texts: list[str], plain: str) -> list[Tag]:
    tags = []
    if _FIRST_TIME.search(plain):
        tags.append(Tag(family="behaviour", tag="first_time", confidence=0.9))
    elif _RETURNING.search(plain):
        tags.append(Tag(family="behaviour", tag="returning", confidence=0.7))
    if _URGENT.search(plain) or any(detect_urgency(t) == "high" for t in texts):
        tags.append(Tag(family="behaviour", tag="urgency", confidence=0.7))
    return tags


def _loss(conversation: Conversation) -> LossReading | None:
    """The objection raised last and never taken back; else `no_reply` when the customer
    said nothing after the quote, else `other` (they answered but named no reason)."""
    if conversation.lost_at is None:
        return None
    said = conversation.customer(before=conversation.lost_at)
    held = standing([m.text for m in said])
    if held:
        last = max(held.values())
        reason = next(o for o in OBJECTIONS if held.get(o) == last)
        return LossReading(reason=reason, evidence_id=said[last].id, confidence=0.8)
    after = [m for m in said if conversation.quoted_at and m.at > conversation.quoted_at]
    if not after:
        return LossReading(reason="no_reply", confidence=0.9)
    return LossReading(reason="other", evidence_id=after[-1].id, confidence=0.3)


def raised(messages: list[Said]) -> list[Raised]:
    """Each customer message's objections, as said (a later "never mind" does not unsay it)."""
    return [
        Raised(message_id=m.id, objection=o)
        for m in messages
        if m.author == "customer"
        for o in objections_in(m.text)
    ]


def read(conversation: Conversation) -> Reading:
    """The rules' reading of one conversation."""
    said = conversation.customer(before=conversation.lost_at)
    texts = [m.text for m in said]
    plain = " ; ".join(normalise(t) for t in texts)
    standing_objections = standing(texts)
    raised_price = "price" in standing_objections
    tags = [
        *_intent(plain, raised_price),
        *_budget(plain, raised_price),
        *(
            Tag(family="objections", tag=o, confidence=0.8)
            for o in OBJECTIONS
            if o in standing_objections
        ),
        *_party(texts, plain),
        *_behaviour(texts, plain),
    ]
    return Reading(
        tags=tags,
        objections=raised(conversation.messages),
        loss=_loss(conversation),
        sentiment=sentiment.of_messages(texts),
        tagger="rules",
    )
