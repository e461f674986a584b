"""Messages that are nothing but a greeting, thanks or goodbye ("hello again", "thanks so
much", "hola, ¿cómo están?").

They go to the front desk whatever the embedding says: the English-centric embedder puts
a bare "hello again" anywhere (it was once routed as a complaint and escalated), and a
greeting must never reach care or a human. A message with anything more in it ("hi, how
much for 12?") is not small talk and is routed by meaning as usual.
"""

from __future__ import annotations

import re
import unicodedata

from shared.ai.router.model import SmallTalk

_GREETING = (
    r"hi+|hello+|hey+|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day)|morning"
    r"|how are (you|u|ya)( doing)?|how'?s it going|what'?s up|sup|hola+|buen(os|as)? (dias"
    r"|tardes|noches|dia)|buenas|saludos|que tal|que onda|como (estas|estan|esta|le va)"
)
_THANKS = (
    r"thanks?( you| u| ya)?|thank u|ty|thx|tysm|appreciate (it|that|you|the help)|much "
    r"appreciated|gracias|muchas gracias|muchisimas gracias|mil gracias"
)
_GOODBYE = (
    r"bye+|goodbye|bye bye|see (you|ya|u)( (later|soon|then|on \w+day|\w+day))?"
    r"|talk (to you )?(later|soon)|later"
    r"|good ?night|have a (good|great|nice) (day|night|evening|one|weekend)|take care"
    r"|adios|hasta (luego|pronto|manana)|nos vemos|chao|chau|bonito dia|buen fin"
)
_FILLER = (
    r"again|there|everyone|everybody|all|guys|folks|y'?all|team|so much|very much|a lot"
    r"|a bunch|a ton|so|really|ok|okay|great|perfect|awesome|cool|sounds good|and|for (the|your)"
    r" (help|info|information|time)|for everything|it'?s me( again)?|me again|oh|ah|wow|again"
    r"|todos|amigos|de nuevo|otra vez|por todo|por la ayuda|por (su|tu) (ayuda|tiempo)|y"
    r"|muy amables?|perfecto|genial|vale|ok|(is )?(anyone|anybody|someone) (there|around|home)"
    r"|(you|you guys|y'?all) (are|rock)( (great|awesome|amazing|the best))?|you'?re (great"
    r"|awesome|amazing|the best)"
)
_PART = re.compile(rf"(?:{_GREETING}|{_THANKS}|{_GOODBYE}|{_FILLER})")
_KINDS: tuple[tuple[SmallTalk, re.Pattern[str]], ...] = (
    ("goodbye", re.compile(rf"\b(?:{_GOODBYE})\b")),
    ("thanks", re.compile(rf"\b(?:{_THANKS})\b")),
    ("greeting", re.compile(rf"\b(?:{_GREETING})\b")),
)
_WHOLE = re.compile(rf"(?:{_PART.pattern})(?: (?:{_PART.pattern}))*")


def small_talk(text: str) -> SmallTalk | None:
    """The kind of small talk when the message is only that, else None."""
    words = _words(text)
    if not words or len(words) > 80 or not _WHOLE.fullmatch(words):
        return None
    for kind, pattern in _KINDS:
        if pattern.search(words):
            return kind
    return None  # only filler ("ok great"): a reply to something, not small talk


def _words(text: str) -> str:
    """Lower case, accents folded, everything but letters and apostrophes a single space."""
    folded = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z']+", " ", letters).split())
