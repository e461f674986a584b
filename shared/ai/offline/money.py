"""Prices and budgets: masked so "$550" or "a budget of 1200" never becomes a count or a zip."""

from __future__ import annotations

import re

from shared.ai.offline.text import MASK

_AMOUNT = r"\d[\d,]*(?:\.\d+)?\s*k?"
_MONEY = re.compile(
    rf"\$\s*{_AMOUNT}\b"
    rf"|\b{_AMOUNT}\s*(?:dollars?|bucks|usd|\$)(?![a-z])"
    rf"|\b\d[\d,]*(?:\.\d+)?\s*(?:per|/|a|an|each)\s*(?:person|head|guest|plate|adult|kid|child)\b"
    r"|\b(?:budget|spend|spending|pay|paying|cost|costs|price|total cost)\s+"
    r"(?:is\s+|of\s+|of\s+about\s+|around\s+|about\s+|under\s+|max\s+|up\s+to\s+)?"
    r"\d[\d,]*(?:\.\d+)?k?\b"
)


def mask_money(text: str) -> str:
    return _MONEY.sub(MASK, text)
