"""Objections in the customer's own words, English and Spanish, as phrase families.

Each category has phrasings that raise it ("that's too expensive", "es muy caro") and
phrasings that take it back ("the price is fine", "el precio está bien"); "never mind" /
"olvídalo" takes back everything said before it. A raising phrase right after a negation
("it's not too expensive", "no es caro") raises nothing. Matching runs on the offline
extractors' normalised text (lower case, accents folded, texting shorthand expanded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from shared.ai.offline.text import normalise

Objection = Literal["price", "minimum", "travel_fee", "availability", "requirements", "competition"]
OBJECTIONS: tuple[Objection, ...] = (
    "price",
    "minimum",
    "travel_fee",
    "availability",
    "requirements",
    "competition",
)

_RAISE: dict[Objection, tuple[str, ...]] = {
    "price": (
        r"too (expensive|pricey|much|steep|high|costly)",
        r"(so|very|really|kind of|kinda|a bit|a little|pretty|quite) (expensive|pricey|steep)",
        r"(a bit|a little|kind of|kinda) much",
        r"expensive|pricey|overpriced|costly",
        r"(over|out of|above|beyond|outside( of)?) (our|my|the) (price range|budget)",
        r"more than (we|i) (want|wanted|can|could|planned|were planning|hoped) to (spend|pay)",
        r"can'?t afford|cannot afford|not (in|within) (our|my|the) budget",
        r"cheaper|any discounts?|a discount",
        r"(muy|demasiado|bastante|algo|un poco|es|esta|sale|salio) car[oa]s?",
        r"mas de lo que (queremos|queriamos|podemos|pensabamos|planeabamos) (gastar|pagar)",
        r"(fuera de|excede|sobrepasa|se pasa de) (nuestro|mi|el) presupuesto",
        r"no (me|nos) alcanza",
        r"mas barat[oa]|descuento",
        r"no (podemos|puedo) pagar",
    ),
    "minimum": (
        r"minimums?",
        r"(we'?re|we are|there'?s|there are) (only|just) \d+",
        r"(only|just) \d+ (of us|people|guests|adults)",
        r"minimo",
        r"(solo|solamente) somos \d+|somos (solo|solamente) \d+|somos pocos",
        r"(solo|solamente) \d+ personas",
    ),
    "travel_fee": (
        r"travel (fee|charge|cost|surcharge)s?",
        r"mileage|too far",
        r"(distance|trip|driving|drive) (fee|charge)s?",
        r"(cargo|tarifa|costo|cobro) (de|por|del) (viaje|traslado|distancia|transporte)",
        r"muy lejos|cobran por (la distancia|venir|el viaje)",
    ),
    "availability": (
        r"not available|unavailable|no availability",
        r"(you'?re|you are|you guys are|they'?re|all|fully) (all )?booked( up)?",
        r"booked (up|solid)",
        r"no (openings|slots|chefs? available|dates? (left|available))",
        r"(that|this|the) (date|day|time) is (taken|gone|full)",
        r"(another|other|different) (date|day|time)",
        r"no (hay|tienen|tienes) (disponibilidad|fechas|lugar)",
        r"no (esta|estan|estas) disponibles?",
        r"otra (fecha|hora)|otro dia",
        r"(estan|esta) (ocupad[oa]s?|llen[oa]s?)|ocupad[oa]s ese dia",
        r"ya no hay (fechas|lugar)",
    ),
    "requirements": (
        r"vegan|vegetarian|gluten[- ]free|celiac|allerg\w*|kosher|halal|dietary",
        r"(nut|dairy|shellfish)[- ]free|no (shellfish|nuts|pork|dairy)",
        r"indoors?|inside (the|our|my) (house|home|apartment|condo)",
        r"(no|not enough|don'?t have (a|an|the|enough)?) ?(space|room|backyard|yard|patio)",
        r"apartment|condo|balcony",
        r"(hoa|building|landlord) (doesn'?t|does not|won'?t) (allow|let)",
        r"(no|can'?t use) (propane|open flames?|grills?)",
        r"vegan[oa]s?|vegetarian[oa]s?|sin gluten|celiac[oa]s?|alergi\w*|alergic[oa]s?",
        r"(no tenemos|no hay|sin) (espacio|patio|jardin|lugar)",
        r"adentro|dentro de (la|mi|nuestra) casa|departamento|apartamento",
        r"no (se permite|permiten|dejan) (el )?(fuego|propano|asador|cocinar)",
    ),
    "competition": (
        r"(found|hired|booked|went with|going (to go )?with|go with|chose|decided (to go )?"
        r"(on|with)|picked) (another|a different|a cheaper|someone else|somebody else|other)",
        r"another (caterer|company|vendor|hibachi)",
        r"other (caterers|companies|vendors|quotes)",
        r"competitors?|better (deal|price|offer) (elsewhere|somewhere else)",
        r"(vamos|iremos|nos vamos|nos quedamos) con otr[oa]",
        r"(encontramos|contratamos|elegimos|escogimos|reservamos( con)?) (a )?"
        r"(otr[oa]|alguien mas)",
        r"otra (compania|empresa)|otro (proveedor|servicio)|la competencia",
        r"(mejor precio|mas barato) en otro (lado|lugar)",
    ),
}

_TAKE_BACK: dict[Objection, tuple[str, ...]] = {
    "price": (
        r"(the )?price (is|looks|seems|sounds) (fine|ok|okay|good|great|reasonable|fair)",
        r"price (isn'?t|is not) (a|an) (problem|issue)",
        r"worth it|we'?ll pay it|we can (afford it|make it work|do the price)",
        r"(el )?precio (esta|me parece|nos parece) (bien|bueno|razonable|justo)",
        r"vale la pena|si (nos|me) alcanza|podemos pagarlo",
    ),
    "minimum": (
        r"(we'?ll|we will|we can) (pay|meet|do) the minimum|minimum is (fine|ok|okay)",
        r"(el )?minimo esta bien",
    ),
    "travel_fee": (
        r"(travel )?fee is (fine|ok|okay)|no problem with the (travel )?fee",
        r"(el )?(cargo|costo) (de|del) viaje esta bien",
    ),
    "availability": (
        r"(that|the other|another) (date|day|time) (works|is fine)",
        r"(esa|otra) fecha (esta bien|funciona)|ese dia (esta bien|funciona)",
    ),
}
_NEVER_MIND = (
    r"never ?mind|forget (what i said|that|it)|scratch that|ignore (that|my last message)"
    r"|(i|we) take (it|that) back|olvid(a|alo|elo|e|en)|no importa|mejor no dije nada"
)
_NEGATED = re.compile(r"(\b(not|isn'?t|aren'?t|wasn'?t|never|no|nada)( \w+)?|n'?t( \w+)?) $")


def _compile(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(" + "|".join(phrases) + r")(?![a-z])")


_RAISING = {name: _compile(p) for name, p in _RAISE.items()}
_TAKING_BACK = {name: _compile(p) for name, p in _TAKE_BACK.items()}
_NEVER_MIND_PATTERN = _compile([_NEVER_MIND])


@dataclass(frozen=True)
class Mention:
    """A phrase at `start`: raising `category`, or taking it back (None: everything)."""

    start: int
    category: Objection | None
    raised: bool


def mentions(text: str) -> list[Mention]:
    """Every raising and taking-back phrase in `text`, in reading order. A raising phrase
    inside a taking-back one ("the minimum is fine") or right after a negation is none."""
    plain = normalise(text)
    found = [Mention(m.start(), None, False) for m in _NEVER_MIND_PATTERN.finditer(plain)]
    spans: list[tuple[int, int, Objection]] = []
    for category, pattern in _TAKING_BACK.items():
        for m in pattern.finditer(plain):
            found.append(Mention(m.start(), category, False))
            spans.append((m.start(), m.end(), category))
    for category, pattern in _RAISING.items():
        for m in pattern.finditer(plain):
            taken_back = any(s <= m.start() < e and c == category for s, e, c in spans)
            negated = _NEGATED.search(plain[max(0, m.start() - 20) : m.start()])
            if not taken_back and not negated:
                found.append(Mention(m.start(), category, True))
    return sorted(found, key=lambda f: f.start)


def standing(texts: Sequence[str]) -> dict[Objection, int]:
    """The objections still standing after the customer's messages in order, each with the
    index of the message that last raised it."""
    held: dict[Objection, int] = {}
    for index, text in enumerate(texts):
        for mention in mentions(text):
            if mention.raised and mention.category is not None:
                held[mention.category] = index
            elif mention.category is None:
                held.clear()
            else:
                held.pop(mention.category, None)
    return held


def objections_in(text: str) -> list[Objection]:
    """The objections one message raises and does not take back, in a fixed order."""
    held = standing([text])
    return [name for name in OBJECTIONS if name in held]
