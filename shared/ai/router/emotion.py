"""How the customer feels and how soon they need an answer, from the words they use.

A weighted lexicon per emotion (phrases and emoji) picks the emotion; shouting (several
all-caps words), repeated `!`/`?` and the weight of the matches set the intensity. Tone
and channel rules downstream read these, so the lexicon leans to what customers of a
catering business actually write ("where is the chef", "still no refund", "can't wait").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from shared.ai.router.model import Emotion, Urgency

_LEXICON: dict[Emotion, tuple[tuple[str, float], ...]] = {
    "frustrated": (
        (r"unacceptable|ridiculous|outrageous|disgusting|pathetic|incompetent", 1.2),
        (r"worst|terrible|horrible|awful|disaster|ruined|nightmare|scam|rip ?off", 1.0),
        (r"furious|angry|pissed|livid|fed up|sick of|had enough|wtf|wth|smh", 1.2),
        (r"disappoint\w*|frustrat\w*|upset|annoy\w*|unhappy|not (happy|ok|okay|cool)", 0.8),
        (r"rude|unprofessional|never again|waste of|no one (answers|responds|replies)", 0.8),
        (r"(still|been) (no|waiting|on hold)|nobody (showed|came|answers)", 0.9),
        (r"never (showed|came|arrived)|no.?show", 0.9),
        (r"where (is|tf is|the hell is) (the|my|our) chef|(chef|he|she) (is|was) late", 0.7),
        (r"refund|charged twice|overcharged|complain\w*|cold food|food was cold", 0.4),
        (r"seriously|come on|again\?", 0.3),
        ("😡|😤|🤬|😠|🙄|👎|💢", 1.0),
    ),
    "anxious": (
        (r"worried|nervous|anxious|concerned|scared|afraid|stress\w*|panic\w*|freaking out", 1.0),
        (r"just (making|want to make) sure|double.?check\w*|hope (that|it|this|you)", 0.5),
        (r"is (it|that|this) (safe|ok|okay)|will (it|that) be (ok|okay|safe)", 0.5),
        (r"severe|life.?threatening|epi.?pen|anaphyla\w*|last.?minute|running out of time", 0.7),
        (r"please (hurry|help|respond|answer)|asap|urgent\w*", 0.5),
        ("😬|😰|😟|😥|😨|😧|🥺|😅|🙏", 0.7),
    ),
    "happy": (
        (r"amazing|awesome|fantastic|wonderful|incredible|perfect|excellent|outstanding", 1.0),
        (r"thank(s| you)|thx|ty\b|appreciate\w*|grateful", 0.6),
        (r"love[ds]?|loved it|excited|can'?t wait|so (fun|good)|had a blast|the best", 0.9),
        (r"great|yay|woo+|nice|sweet|delicious|yum+", 0.5),
        ("😊|😍|🎉|🥳|❤️|❤|😁|🙌|👍|🔥|😀|😃|🤩|💕|🍤", 0.7),
    ),
}

_URGENT = re.compile(
    r"\b(today|tonight|tmrw|tmr|tomorrow|asap|urgent\w*|emergency|right now|immediately"
    r"|this (evening|afternoon)|in (an|1|one|half an) hours?|in \d+ ?(min\w*|hours?|hrs?)"
    r"|last.?minute|guests are (here|arriving)|party (started|starts in))\b"
    r"|where (is|tf is|the hell is) (the|my|our) chef"
    r"|chef (is|was|'s) (\w+ ){0,3}(late|not here|missing)|running late"
    r"|(chef|he|she) (hasn'?t|has not|never) (shown|showed|arrived|come)"
)
_NOT_URGENT = re.compile(
    r"\b(no rush|no hurry|whenever|just curious|planning ahead|for the future|down the road"
    r"|next year|someday|eventually|in (a few|a couple of?|several|\d+) months"
    r"|months (away|from now|out))\b"
)
_COMPILED = {
    emotion: tuple((re.compile(rf"(?<![a-z])(?:{p})(?![a-z])"), w) for p, w in entries)
    for emotion, entries in _LEXICON.items()
}
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_ACRONYMS = frozenset({"NYE", "BBQ", "LOL", "FYI", "ASAP", "USA", "BBB", "DIY", "OMG", "VIP"})


@dataclass(frozen=True)
class Feeling:
    emotion: Emotion
    intensity: float  # 0..1; 0 for neutral


def detect_emotion(text: str) -> Feeling:
    """The strongest emotion in `text`, or neutral when nothing in it shows one."""
    lowered = text.lower()
    totals = {
        emotion: sum(w * len(pattern.findall(lowered)) for pattern, w in patterns)
        for emotion, patterns in _COMPILED.items()
    }
    shouting = sum(1 for word in _CAPS_WORD.findall(text) if word not in _ACRONYMS)
    emotion = max(totals, key=lambda e: totals[e])
    if totals[emotion] == 0:
        if shouting < 2:
            return Feeling("neutral", 0.0)
        emotion = "frustrated"  # shouting with no other cue reads as anger
    boost = 0.4 * min(shouting, 3) + 0.25 * min(len(re.findall(r"[!?]{2,}", text)), 3)
    raw = totals[emotion] + (boost if emotion != "anxious" else boost / 2)
    return Feeling(emotion, round(1 - math.exp(-raw / 2), 3))


def detect_urgency(text: str) -> Urgency:
    """High for same-day/next-day and chef-missing cues, low for "no rush" and far-off dates."""
    lowered = text.lower()
    if _URGENT.search(lowered):
        return "high"
    if _NOT_URGENT.search(lowered):
        return "low"
    return "normal"
