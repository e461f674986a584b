"""Spanish messages: which language a message is in, and its Spanish rewritten in the English
the other extractors read.

Detection counts words. A Spanish marker is a word common in Spanish and not in English
("somos", "quiero", "para", "gracias", "sábado"); an English marker the reverse ("the",
"we", "how"). A message is Spanish when it holds at least two different Spanish markers
and they outnumber the English ones (an accent adds one to the Spanish side), so one word
("sí", "gracias", "hola") and English sentences naming Spanish places or people ("we're in
Los Angeles", "Jose Garcia from San Jose") stay English: an article or "San" before a
capitalised word is part of a name, not Spanish.

Rewriting turns Spanish phrasing into the English one every extractor knows ("somos
quince" -> "we're 15", "el próximo sábado" -> "next saturday", "a las 6 de la tarde" ->
"at 6pm", "sin langosta" -> "without langosta"). It runs on any message with a Spanish
marker that English does not outweigh, so a short "somos 15" or "sí" is read too; menu
names stay Spanish, they are price-book aliases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from shared.ai.offline.text import fold_accents
from shared.ai.offline.vocab import word_list

Language = Literal["en", "es"]

# Folded (no accents). Words English shares ("a", "no", "me", "con", "sin", "solo", "son",
# "real", "mi", "tu", "y", "e", "o", "fin", "once", "soy") are not markers; "si" and "dale"
# are, so a lone "sí" or "dale" is read as yes (one marker never makes a message Spanish).
_SPANISH_WORDS = frozenset(
    word_list(
        """
    el la los las del al lo le les un una unos unas que de en es por para pero como mas
    muy esta este estos estas ese esa eso hay tiene tienen tengo tenemos somos seremos
    quiero queremos quisiera quisieramos necesito necesitamos podemos puedo puede pueden
    cuanto cuanta cuantos cuantas cuesta cuestan cuando donde quien cual cuales porque
    nosotros nuestra nuestro nuestros mis sus su ser estar estamos seria gracias hola
    buenas buenos dias tardes noches adios hasta luego favor porfa claro vale perfecto
    tambien todos todas todo nada algo otro otra otros otras personas persona gente adultos
    adulto ninos nino ninas nina bebes bebe invitados fiesta cumpleanos aniversario boda
    fecha hora manana hoy semana semanas mes sabado domingo lunes martes miercoles jueves
    viernes enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
    diciembre proximo proxima reservar reserva precio cotizacion langosta camarones pollo
    filete salmon bistec verduras dos tres cuatro cinco seis siete ocho nueve diez doce
    trece catorce quince veinte treinta cuarenta cincuenta tarde noche ano anos quisiera
    gustaria podria seria vamos sera ahora bien pues entonces tambien usted ustedes si dale
    mucho mucha muchos muchas adolescentes docena primero todavia aun reservalo reservala
    reservame reservanos confirmo confirmado confirmada hazlo traen trae traer traemos
    hacen hace cocinan cocina incluye incluyen parrilla mesas sillas platos afuera adentro
    """
    )
)
_ENGLISH_WORDS = frozenset(
    word_list(
        """
    the we i you our my your is are was were be been will would can could do does did have
    has had for and of to in on at it this that with how what when where who which please
    want need like just there here they them he she his her an from about if or but not
    yes yeah ok okay thanks thank hi hello hey much many people guests adults kids party
    we're i'm it's that's what's how's don't can't
    """
    )
)
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# An article or "San" before a capitalised word names a place or person: "Los Angeles".
_PARTICLE_NAME = re.compile(r"\b((?i:el|la|los|las|del|de|san|santa))\s+(?=[A-ZÀ-Þ])")
_ACCENTED = re.compile(r"[áéíóúñü¿¡]", re.IGNORECASE)


@dataclass(frozen=True)
class Markers:
    spanish: int
    distinct_spanish: int
    english: int
    accented: bool
    inverted: bool = False  # "¿" or "¡": only Spanish writes them

    @property
    def language(self) -> Language:
        spanish = self.spanish + (1 if self.accented and self.spanish else 0) + self.inverted
        distinct = self.distinct_spanish + self.inverted
        return "es" if distinct >= 2 and spanish > self.english else "en"

    @property
    def has_spanish(self) -> bool:
        """Worth rewriting: some Spanish, not outweighed by English."""
        return self.spanish >= 1 and self.spanish >= self.english


def markers(raw: str) -> Markers:
    """Spanish and English marker counts in the raw message (capitals tell names apart)."""
    tokens = _TOKEN.findall(fold_accents(raw).lower())
    spanish = [token for token in tokens if token in _SPANISH_WORDS]
    if spanish and (particles := _PARTICLE_NAME.findall(raw)):
        for particle in map(str.lower, particles):  # "Los Angeles": a name, not Spanish
            if particle in spanish:
                spanish.remove(particle)
    english = sum(token in _ENGLISH_WORDS for token in tokens)
    return Markers(
        len(spanish),
        len(set(spanish)),
        english,
        bool(_ACCENTED.search(raw)),
        inverted="¿" in raw or "¡" in raw,
    )


# --- numbers -----------------------------------------------------------------------------

_UNITS = {
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
}
_TEENS = {
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "veintiuno": 21,
    "veintiun": 21,
    "veintidos": 22,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiseis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
}
_TENS = {
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_NUMBER = re.compile(
    rf"\b(?:(?P<tens>{_alternation(_TENS)})(?:\s+y\s+(?P<unit>{_alternation(_UNITS)}))?"
    rf"|(?P<teen>{_alternation(_TEENS)})|(?P<single>{_alternation(_UNITS)})|(?P<cien>cien|ciento))\b"
)


def _number(m: re.Match[str]) -> str:
    if m["tens"]:
        return str(_TENS[m["tens"]] + (_UNITS[m["unit"]] if m["unit"] else 0))
    if m["teen"]:
        return str(_TEENS[m["teen"]])
    if m["single"]:
        return str(_UNITS[m["single"]])
    return "100"


# --- phrases -------------------------------------------------------------------------------

_MONTHS = {
    "enero": "january",
    "febrero": "february",
    "marzo": "march",
    "abril": "april",
    "mayo": "may",
    "junio": "june",
    "julio": "july",
    "agosto": "august",
    "septiembre": "september",
    "setiembre": "september",
    "octubre": "october",
    "noviembre": "november",
    "diciembre": "december",
}
_WEEKDAYS = {
    "lunes": "monday",
    "martes": "tuesday",
    "miercoles": "wednesday",
    "jueves": "thursday",
    "viernes": "friday",
    "sabado": "saturday",
    "domingo": "sunday",
}
_MONTH = _alternation(_MONTHS)
_WEEKDAY = _alternation(_WEEKDAYS)
_HOUR = r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?"
_HALF = r"(?:\s+y\s+(?P<half>media|cuarto))?"
_PART = r"(?:de|en|por) la (?P<part>manana|tarde|noche)\b"

Rewrite = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _clock(m: re.Match[str]) -> str:
    minute = m["minute"] or {"media": "30", "cuarto": "15"}.get(m["half"] or "", "00")
    part = m.groupdict().get("part")
    meridiem = "" if part is None else "am" if part == "manana" else "pm"
    lead = "at " if m.groupdict().get("lead") else ""
    return f" {lead}{m['hour']}:{minute}{meridiem} "


def _phrases(table: list[tuple[str, str | Callable[[re.Match[str]], str]]]) -> list[Rewrite]:
    return [(re.compile(pattern), replacement) for pattern, replacement in table]


# Order matters: longer phrases before the words inside them.
_REWRITES: list[Rewrite] = _phrases(
    [
        # Yes / no / small talk.
        (
            r"^\W*si\b(?=\W*$|[\s,.!]+(?:claro|por favor|porfa|gracias|perfecto|esta|dale|me|asi|"
            r"somos|seremos|queremos|quiero|reserva|adelante|de acuerdo))",
            "yes",
        ),
        (
            r"\bclaro que si\b|\bpor supuesto\b|\bde acuerdo\b|\bme parece bien\b|\besta bien\b"
            r"|\bsuena bien\b|\bperfecto\b|\badelante\b",
            "sounds good",
        ),
        (r"^\W*(?:claro|dale|vale|listo|okey|sale)\b", "yes"),
        (
            r"\b(?:confirmo|confirmado|confirmada|reservalo|reservala|reservame|reservanos|"
            r"hazlo)\b",
            "book it",
        ),
        (r"\bno,? gracias\b", "no thanks"),
        (r"\b(?:todavia|aun) no\b|\btodavia\s+no\b", "not yet"),
        (r"\bmuchas gracias\b|\bgracias\b", "thanks"),
        (r"\bbuenos dias\b", "good morning"),
        (r"\bbuenas tardes\b", "good afternoon"),
        (r"\bbuenas noches\b", "good evening"),
        (r"\bbuenas\b", "hello"),
        (r"\bhola\b", "hello"),
        (r"\badios\b|\bhasta luego\b|\bhasta pronto\b|\bnos vemos\b|\bchao\b|\bchau\b", "bye"),
        (r"\bun humano\b|\buna persona real\b|\bun agente\b", "a human"),
        # Corrections.
        (
            r"\ben realidad\b|\bde hecho\b|\bperdon\b|\bme equivoque\b|\bcorrijo\b|\bcorreccion\b",
            "actually",
        ),
        (r"\bquise decir\b|\bquiero decir\b", "i meant"),
        (r"\b(?:mejor )?que sean\b", "make it"),
        (
            r"\bcambia(?:r|lo|la)?(?: (?:el|la) \w+)? (?:a|por|para)\b",
            "change it to",
        ),
        # Times before dates: "de la manana" is morning, "manana" tomorrow.
        (
            rf"\b(?P<lead>a las?|para las?)\s+{_HOUR}{_HALF}\s+{_PART}",
            _clock,
        ),
        (rf"\b{_HOUR}{_HALF}\s+{_PART}", _clock),
        (rf"\b(?P<lead>a las?|para las?)\s+{_HOUR}{_HALF}\b", _clock),
        (r"\b(?:de|en|por) la manana\b", "in the morning"),
        (r"\b(?:de|en|por) la (?:tarde|noche)\b", "in the evening"),
        (r"\bal mediodia\b|\bmediodia\b", "noon"),
        # Dates.
        (r"\b(?:el )?primero de\b", "1 de"),
        (r"\bpasado manana\b", "day after tomorrow"),
        (r"\bmanana\b", "tomorrow"),
        (r"\bhoy\b", "today"),
        (r"\besta noche\b", "tonight"),
        (r"\b(?:este|esta) fin de semana\b", "this weekend"),
        (
            r"\b(?:el )?(?:proximo|siguiente) fin de semana\b|\bel fin de semana que viene\b",
            "next weekend",
        ),
        (r"\b(?:el )?fin de semana\b", "weekend"),
        (
            rf"\b(?:el )?(?:proximo|siguiente) (?P<d>{_WEEKDAY})\b"
            rf"|\b(?:el )?(?P<d2>{_WEEKDAY}) (?:que viene|proximo)\b",
            lambda m: f"next {_WEEKDAYS[m['d'] or m['d2']]}",
        ),
        (rf"\beste (?P<d>{_WEEKDAY})\b", lambda m: f"this {_WEEKDAYS[m['d']]}"),
        (r"\b(?:el )?(?:mes que viene|proximo mes|mes proximo|siguiente mes)\b", "next month"),
        (r"\b(?:la )?(?:semana que viene|proxima semana|semana proxima)\b", "next week"),
        (
            r"\b(?:en|dentro de)\s+(?P<n>\d+|una?)\s+(?P<unit>semanas?|dias?|mes(?:es)?)\b",
            lambda m: "in {} {}".format(
                "1" if m["n"] in ("un", "una") else m["n"],
                {"s": "weeks", "d": "days", "m": "months"}[m["unit"][0]],
            ),
        ),
        (
            rf"\b(?P<day>\d{{1,2}}) de (?P<m>{_MONTH})(?: (?:de|del) (?P<year>20\d\d))?\b",
            lambda m: f"{m['day']} of {_MONTHS[m['m']]}" + (f" {m['year']}" if m["year"] else ""),
        ),
        (
            rf"\b(?:a (?:principios|mediados|finales) de|en) (?P<m>{_MONTH})\b",
            lambda m: f"sometime in {_MONTHS[m['m']]}",
        ),
        (rf"\b(?P<d>{_WEEKDAY})\b", lambda m: _WEEKDAYS[m["d"]]),
        (
            r"\bel (?P<day>\d{1,2})\b(?!\s*(?:de|personas|adultos|ninos|:|\d))",
            lambda m: f"the {m['day']}th",
        ),
        # Counts.
        (r"\buna docena(?: de)?\b", "a dozen"),
        (r"\bun par de\b", "a couple of"),
        # "9 adultos y mis 3 hijos": a possessive before kids joins them to the party.
        (
            r"\b(?P<whose>mis|nuestros|nuestras)\b(?=\s+(?:\d{1,2}\s+)?(?:ninos|ninas|nenes|chicos|hijos)\b)",
            lambda m: "my" if m["whose"] == "mis" else "our",
        ),
        (
            r"\b(?P<kids>ninos|ninas|nenes|chicos|hijos)\s+(?:de|con)\s+(?P<ages>\d{1,2}(?:\s*(?:,|y)\s*\d{1,2})*)\s+anos\b",
            lambda m: f"kids ages {m['ages'].replace(' y ', ' and ')}",
        ),
        (r"\b(?:somos|vamos a ser|seremos|seriamos|seran)\b", "we're"),
        (r"\b(?:personas|gente|invitados)\b", "people"),
        (r"\bpersona\b", "person"),
        (r"\badultos\b|\bmayores\b", "adults"),
        (r"\badulto\b", "adult"),
        (r"\b(?:ninos|ninas|nenes|chicos|hijos)\b", "kids"),
        (r"\b(?:nino|nina|nene|chico|hijo)\b", "kid"),
        (r"\b(?:bebes|bebitos)\b", "babies"),
        (r"\b(?:bebe|bebito)\b", "baby"),
        (r"\badolescentes\b", "teens"),
        (r"\b(?:para|por) todos(?: nosotros)?\b|\bpara todo el mundo\b", "for everyone"),
        (
            r"\b(?:para )?(?:los|las) (?:otros|otras|demas) (?P<n>\d+)\b",
            lambda m: f"for the other {m['n']}",
        ),
        (r"\b(?:para )?(?:los|las) (?:demas|otros|otras)\b", "for the rest"),
        (r"\b(?:para|por) el resto\b", "for the rest"),
        (r"\bel resto\b", "the rest"),
        (r"\bla mitad(?: de nosotros)?\b", "half of us"),
        (r"\bde nosotros\b", "of us"),
        (r"\btercera proteina\b|\bproteina extra\b|\bproteina adicional\b", "3rd protein"),
        (r"\bterceras proteinas\b|\bproteinas extra\b|\bproteinas adicionales\b", "3rd proteins"),
        (r"\bproteinas?\b", "protein"),
        # Allergies and diets (read before "sin" becomes "without").
        (r"\bsin gluten\b", "gluten-free"),
        (r"\bsin (?:lactosa|lacteos)\b", "dairy-free"),
        (r"\b(?:alergic[oa]s?|alergias?)\b", "allergic"),
        (r"\bmariscos\b", "shellfish"),
        (r"\b(?:mani|cacahuates?|cacahuetes?)\b", "peanuts"),
        (r"\bnueces\b", "nuts"),
        (r"\blacteos\b|\blactosa\b", "dairy"),
        (r"\bhuevos?\b", "eggs"),
        (r"\bpescados?\b", "fish"),
        (r"\b(?:soya|soja)\b", "soy"),
        (r"\b(?:ajonjoli|sesamo)\b", "sesame"),
        (r"\bceliac[oa]s?\b", "celiac"),
        (r"\bvegan[oa]s?\b", "vegan"),
        (r"\bvegetarian[oa]s?\b", "vegetarian"),
        # "soy Ana": I am, unless it is the bean.
        (r"\bsoy\b(?!\s+(?:sauce|milk|free|beans?|protein)\b)(?=\s+[a-z])", "i'm"),
        (r"\b(?:quiero|quisiera|queremos|me gustaria|nos gustaria) saber\b", "i want to know"),
        # Menu changes.
        (r"\bsin\b", "without"),
        (r"\bno queremos\b|\bno quiero\b", "no"),
        (
            r"\b(?:quita|quitar|quitale|quite|elimina|eliminar|cancela|cancelar)(?:r)?\s+(?:el|la|los|las)\b",
            "drop the",
        ),
        (r"\b(?:agrega|agregar|anade|anadir|suma|sumar)\b", "add"),
        (r"\bpara (?P<n>\d+)\b", lambda m: f"for {m['n']}"),
        (r"\bpara\b", "for"),
        (r"\by\b", "and"),
        (r"\buna?\b", "a"),
        (r"\ba las\b|\bel\b|\bla\b|\blos\b|\blas\b", " "),
    ]
)


def to_english(text: str) -> str:
    """Normalised (accent-folded) `text` with Spanish phrasing rewritten as English."""
    text = _NUMBER.sub(_number, text)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())
