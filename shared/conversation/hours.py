"""When staff answer conversations: the one place the team's hours live, and the "roughly
when" a customer is told after a handoff."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("America/Los_Angeles")
OPENS, CLOSES = time(9), time(18)
DAYS = (0, 1, 2, 3, 4, 5, 6)  # staff answer every day
FIRST_REPLY_MINUTES = 30


def eta(now: datetime, lang: str = "en") -> str:
    """'within about 30 minutes' in hours, else when the team is next in."""
    local = now.astimezone(ZONE)
    if local.weekday() in DAYS and OPENS <= local.time() < CLOSES:
        if lang == "es":
            return f"en unos {FIRST_REPLY_MINUTES} minutos"
        return f"within about {FIRST_REPLY_MINUTES} minutes"
    day = local.date() if local.time() < OPENS else local.date() + timedelta(days=1)
    while day.weekday() not in DAYS:
        day += timedelta(days=1)
    same = day == local.date()
    hour = OPENS.hour % 12 or 12
    if lang == "es":
        return f"a partir de las {hour} a. m. {'de hoy' if same else 'de mañana'}"
    return f"after we open at {hour} am {'today' if same else 'tomorrow'}"
