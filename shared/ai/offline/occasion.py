"""What the party celebrates, for the chef and the reply's tone: one of a fixed set.

Read from normalised, numeralised text after Spanish was rewritten ("cumpleaños" is
folded to "cumpleanos"). When a message names two occasions, the first one named wins.
"""

from __future__ import annotations

import re

# Occasion -> its phrasings; more specific ones (a baby shower, a bachelorette, a wedding
# anniversary) come first, so they win over "wedding" when both match at one spot.
_OCCASIONS = {
    "baby_shower": r"baby ?shower|baby sprinkle|gender reveal|sip and see|sip n see",
    "bachelorette": r"bachelorette|bachelor(?:ette)? party|bach party|stag (?:party|do|night)|"
    r"hen (?:party|do|night)|despedida de solter[ao]s?",
    "anniversary": r"(?:wedding )?anniversary|anniversaries|aniversario",
    "wedding": r"wedding|rehearsal dinner|engagement(?: party| dinner| celebration)?|"
    r"bridal shower|boda|casamiento|compromiso",
    "birthday": r"birthday|bday|b-day|birthdays|turning \d{1,3}|turns \d{1,3}|"
    r"\d{1,3}(?:st|nd|rd|th) (?:bday|b-day)|sweet 16|quinceanera|quinceaneras|cumpleanos|"
    r"cumple|bday party",
    "graduation": r"graduation|graduating|grad party|graduate|graduacion|graduado|graduada",
    "retirement": r"retirement|retiring|retire|jubilacion|jubila",
    "reunion": r"reunion|reunions|reencuentro",
    "corporate": r"corporate|(?:company|office|work|team|staff|department|dept)\s+(?:\w+\s+)?"
    r"(?:party|event|dinner|outing|gathering|function|lunch|celebration|building|"
    r"appreciation|offsite|off-site)|employees?(?: appreciation)?|client dinner|"
    r"coworkers|co-workers|colleagues|business (?:dinner|event)|"
    r"fiesta de (?:la )?(?:empresa|oficina|trabajo)|evento (?:corporativo|de empresa)",
    "holiday": r"christmas|holiday party|holiday dinner|holiday celebration|new year'?s?|"
    r"thanksgiving|friendsgiving|hanukkah|chanukah|navidad|nochebuena|ano nuevo|"
    r"fourth of july|4th of july|july 4th|super bowl|superbowl",
    "other": r"housewarming|house warming|going away|farewell|welcome home|promotion party|"
    r"bar mitzvah|bat mitzvah|mitzvah|baptism|christening|bautizo|first communion|"
    r"primera comunion|proposal|date night|baby'?s first",
}
_OCCASION = re.compile(
    r"\b(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _OCCASIONS.items()) + r")\b"
)


def find_occasion(text: str) -> str | None:
    """The first occasion named in `text`, or None."""
    match = _OCCASION.search(text)
    return match.lastgroup if match else None
