"""Whether a message corrects something said before, and its text without the old value.

A correction is announced ("actually", "make that 15", "I meant the 20th", "change the time
to 6pm", "wait, it's 95661", "scratch that", Spanish "en realidad" rewritten as "actually")
or shown by an old value set against the new one ("15 not 12", "15 instead of 12", "not 12
but 15"). The cue words and the old value are removed, so what is left reads as an ordinary
answer: "actually make that 15" leaves "15", a bare number the engine reads against its
last question, and "sorry, 15 not 12" leaves "15".
"""

from __future__ import annotations

import re

from shared.ai.offline.text import MASK
from shared.ai.offline.vocab import GUEST_NOUN, MONTH, WEEKDAY

# What a correction cue is followed by: a value, not an ordinary sentence ("make it fun").
_VALUE = (
    r"(?=\s*(?:\d|§|\$|the\s+\d|(?:on\s+|for\s+|at\s+)?"
    rf"(?:{WEEKDAY}|{MONTH}|noon|tomorrow|next\b|this\b)))"
)
_CUE = re.compile(
    r"(?:^|(?<=[\s,.;!]))(?:"
    # "actually" opens its clause ("how do I actually book?" corrects nothing).
    r"(?:(?<![\w'] )(?<![\w'])|(?<=[,.;!] ))"
    r"(?:(?:oh|oops|sorry|wait|no|ok|okay|hmm|um|so)[,!.]?\s+)*"
    r"(?:actually|correction|scratch that|my (?:bad|mistake)|i misspoke|typo)\b[\s,:.!-]*"
    rf"|(?:can (?:we|you)\s+|let'?s\s+|please\s+)?make (?:that|it)(?:\s+(?:for|on|at))?{_VALUE}"
    rf"|(?:can (?:we|you)\s+|let'?s\s+|please\s+|i'?d like to\s+|i want to\s+)?"
    r"(?:change|update|switch|move|bump|push)\s+(?:it|that|this|(?:the|our)\s+(?P<field>[\w\s]{1,20}?))"
    rf"\s+to{_VALUE}"
    r"|i meant(?: to say)?\b|i mean\b(?=,?\s*(?:\d|§|the\b))"
    rf"|(?:sorry|wait|oops|no)[\s,!.]+(?=(?:it'?s|its|that'?s|we'?re|we are|make|i meant|"
    r"(?:the\s+|my\s+)?(?:zip|zipcode|zip code|date|time|address|phone|number|email|name|"
    r"count|headcount|guest count)\b)\b|\d|§)"
    r")"
)
# Strings every cue or old-value pattern contains: most messages hold none of them.
_HINTS = (
    "actually",
    "correction",
    "scratch",
    "my bad",
    "my mistake",
    "misspoke",
    "typo",
    "make ",
    "change",
    "update",
    "switch",
    "move",
    "bump",
    "push",
    "meant",
    "mean",
    "sorry",
    "wait",
    "oops",
    "no",
    "instead",
    "rather",
)
_INSTEAD = re.compile(r"\s*\binstead\b(?!\s+of\b)")
# An old value set against the new one; both sides must be the same kind of thing.
_OLD = rf"(?:the\s+)?(?:\d{{1,5}}(?:st|nd|rd|th|:\d\d)?(?:\s*(?:am|pm|{GUEST_NOUN}))?|§)"
_NOT_OLD_AFTER = re.compile(rf"[\s,]*\b(?:not|instead of|rather than)\s+{_OLD}(?![\w/])")
_NOT_OLD_BEFORE = re.compile(rf"\bnot\s+{_OLD}[\s,]*(?:but|it'?s|its)\s+(?=\d|the\s+\d)")
_VALUE_BEFORE = re.compile(r"(?:\d|§)(?:\S*)\s*(?:[a-z]+\s*)?$")


def take_correction(text: str) -> tuple[bool, str]:
    """Whether normalised, numeralised `text` is a correction, and `text` without its cue
    words and old values."""
    if not any(word in text for word in _HINTS):
        return False, text
    cued = bool(_CUE.search(text))
    # "change the guest count to 15" keeps what it names: "guest count: 15".
    text = _CUE.sub(lambda m: f" {m['field']}: " if m["field"] else " ", text) if cued else text
    found = cued
    if _NOT_OLD_BEFORE.search(text):
        text, found = _NOT_OLD_BEFORE.sub(" ", text), True

    def old(m: re.Match[str]) -> str:
        nonlocal found
        if not _VALUE_BEFORE.search(m.string, 0, m.start()):
            return m.group()
        found = True
        return MASK if m.group().strip().startswith("§") else " "

    text = _NOT_OLD_AFTER.sub(old, text)
    if found:
        text = _INSTEAD.sub(" ", text)
    return found, " ".join(text.split())
