"""Yes or no to the question the assistant last asked, from the customer's wording.

An answer word must open the message ("yes, 20 adults", "nope") or be a phrase that is
an answer wherever it stands ("sounds good", "book it", "no thanks", "not now"). "No"
followed by a thing ("no shrimp", "no problem") answers nothing. Short acknowledgements
("ok", "k", "👍") count as yes only in a short message without a question. When a
message holds both a yes and a no, it holds neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YES_OPENING = re.compile(
    r"^\W*(?:yes+|yess*ir|yeah|yea|ya|yah|yep|yup|sure|absolutely|definitely|certainly|"
    r"correct|confirmed|of course|perfect|please do|yes please|affirmative|bet)\b"
)
_YES_ANYWHERE = re.compile(
    r"(?<!not )(?<!n't )(?<!don't )\b(?:sounds? (?:good|great|perfect|fine)|book it|"
    r"let'?s do it|let'?s do this|let'?s book|go ahead|that works|works for me|lock it in|"
    r"i'?ll take it|we'?ll take it|that'?s (?:correct|right)|all good)\b"
)
_ACKNOWLEDGEMENT = re.compile(
    r"^\W*(?:ok+|okay|okey|k+|alright|all right|cool|great|deal|y|👍|👌)(?!\w)"
)
_SHORT_WORDS = 4
_NO_OPENING = re.compile(
    r"^\W*(?:no+|nope|nah|negative|n|👎)(?!\.?\s*of\b)"
    r"(?=\W*$|[\s,.!]+(?:thanks|thank|sorry|not|i|we|it|that|actually|just|need|way|"
    r"never|maybe|wrong|please|make|change)\b|[,.!]+)"
)
_NO_ANYWHERE = re.compile(
    r"\b(?:no thanks|no thank you|not now|not yet|not really|not interested|not at this time|"
    r"maybe later|maybe another time|i'?ll pass|we'?ll pass|never ?mind|nvm|don'?t book|"
    r"do not book|no longer (?:need|interested)|(?:doesn'?t|does not|won'?t|will not) work)\b"
)


@dataclass(frozen=True)
class Reply:
    yes: bool = False
    no: bool = False


def find_reply(text: str) -> Reply:
    """Whether normalised `text` says yes or no."""
    short = len(text.split()) <= _SHORT_WORDS and "?" not in text
    yes = bool(
        _YES_OPENING.search(text)
        or _YES_ANYWHERE.search(text)
        or (short and _ACKNOWLEDGEMENT.search(text))
    )
    no = bool(_NO_OPENING.search(text) or _NO_ANYWHERE.search(text))
    return Reply() if yes and no else Reply(yes, no)
