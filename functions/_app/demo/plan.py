"""The demo quarter as data: who writes on which channel when, and how far each story goes.

Pure and deterministic: the same `now` and seed give the same stories. Outcomes are fixed
quotas (so every booking state is always present) dealt out by a seeded shuffle; times are
drawn so each outcome is possible at `now` (a completed event lies in the past, a
confirmed one ahead, a live hold within its minutes).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Literal

from functions._app.demo import words
from shared.booking.policy import HOLD_FOR
from shared.conversation.store import Channel
from shared.platform.analytics import Occasion

Language = Literal["en", "es"]
Outcome = Literal[
    "question",  # asks something, never gets a quote
    "quote",  # priced, does not book
    "expired",  # held, never paid: the hold lapsed
    "held",  # held minutes ago, deposit still open
    "confirmed",  # deposit paid, event ahead
    "completed",  # event done
    "reviewed",  # event done, then reviewed
    "cancelled",  # deposit paid, then cancelled (refunded as the policy says)
]
BOOKED: tuple[Outcome, ...] = (
    "expired",
    "held",
    "confirmed",
    "completed",
    "reviewed",
    "cancelled",
)
PAID: tuple[Outcome, ...] = ("confirmed", "completed", "reviewed", "cancelled")
QUOTED: tuple[Outcome, ...] = ("quote", *BOOKED)

QUARTER = timedelta(days=89)  # all of it inside the reports' "90d" period
# Per 320 stories; `plan` scales them to the size asked.
QUOTAS: dict[Outcome, int] = {
    "question": 50,
    "quote": 80,
    "expired": 30,
    "held": 4,
    "confirmed": 45,
    "completed": 50,
    "reviewed": 40,
    "cancelled": 21,
}
CHANNELS: dict[Channel, int] = {
    "web": 30,
    "sms": 20,
    "whatsapp": 10,
    "messenger": 10,
    "instagram": 10,
    "email": 10,
    "voice": 10,
}
# Phones are 555-01XX (reserved for fiction): story i gets line i % 100 and its market's
# area code number i // 100, so no two stories share a number (up to 400 stories).
AREA_CODES = {
    "la": ("213", "310", "323", "818"),
    "sacramento": ("916", "279", "530", "209"),
    "miami": ("305", "786", "954", "754"),
}
STARTS = (time(12), time(13), time(16), time(17), time(17, 30), time(18), time(18, 30))
PROTEINS = ("chicken", "ny strip", "shrimp", "filet mignon", "salmon", "lobster tail")
ADDONS = ("sake", "extended performance", "custom menu")
ESCALATION_EVERY = 12  # one story in 12 asks for a person
OPEN_ESCALATIONS = 3  # the newest few still wait in the queue
OPEN_FOR = timedelta(days=2)
SEED = 12  # issue 12: any fixed number makes the quarter repeatable


@dataclass(frozen=True)
class Story:
    index: int
    channel: Channel
    language: Language
    started: datetime
    outcome: Outcome
    name: str
    phone: str
    email: str
    social_id: str
    market: str
    zipcode: str
    city: str
    address: str
    occasion: Occasion | None
    occasion_text: str
    adults: int
    children: int
    proteins: dict[str, int] = field(default_factory=dict)
    addons: tuple[str, ...] = ()
    event_date: date = date.min
    start_time: time = time(18)
    escalated: bool = False
    rating: int | None = None

    @property
    def handle(self) -> str:
        """The sender as the channel knows it (web: a chat session id)."""
        if self.channel in ("sms", "voice"):
            return self.phone
        if self.channel == "whatsapp":
            return self.phone.lstrip("+")
        if self.channel == "email":
            return self.email
        if self.channel == "web":
            return f"demo-session-{self.index:04d}"
        return self.social_id


def _outcomes(count: int, rng: random.Random) -> list[Outcome]:
    scale = count / sum(QUOTAS.values())
    dealt: list[Outcome] = [o for o, n in QUOTAS.items() for _ in range(max(1, round(n * scale)))]
    rng.shuffle(dealt)
    return dealt[:count] if len(dealt) >= count else dealt + ["question"] * (count - len(dealt))


def _started(outcome: Outcome, now: datetime, rng: random.Random) -> datetime:
    if outcome == "held":
        return now - HOLD_FOR + timedelta(minutes=rng.uniform(8, 20))
    latest = now - timedelta(days=7) if outcome in ("completed", "reviewed") else now
    latest -= timedelta(hours=1)
    earliest = now - QUARTER
    return earliest + (latest - earliest) * rng.random()


def _event_date(outcome: Outcome, started: datetime, now: datetime, rng: random.Random) -> date:
    """A Tuesday-to-Sunday date (chefs rest on Mondays) at least 3 days after the inquiry;
    before today for an event that happened, after it for one still ahead."""
    if outcome in ("completed", "reviewed"):
        first, last = started.date() + timedelta(days=3), now.date() - timedelta(days=3)
    elif outcome in ("confirmed", "held"):
        first = max(started.date(), now.date()) + timedelta(days=3)
        last = first + timedelta(days=40)
    else:
        first = started.date() + timedelta(days=3)
        last = first + timedelta(days=45)
    day = first + timedelta(days=rng.randrange(max(1, (last - first).days + 1)))
    return day + timedelta(days=1) if day.weekday() == 0 else day


def _phone(market: str, index: int) -> str:
    codes = AREA_CODES[market]
    return f"+1{codes[index // 100 % len(codes)]}55501{index % 100:02d}"


def _rating(rng: random.Random) -> int:
    return rng.choices((5, 4, 3, 2, 1), weights=(60, 25, 8, 4, 3))[0]


def plan(now: datetime, count: int = 320, seed: int = SEED) -> list[Story]:
    """`count` stories over the quarter ending at `now`, oldest first."""
    rng = random.Random(seed)
    stories: list[Story] = []
    channels, weights = zip(*CHANNELS.items(), strict=True)
    for index, outcome in enumerate(_outcomes(count, rng)):
        language: Language = "es" if rng.random() < 0.2 else "en"
        market = rng.choice(tuple(words.ZIPS))
        zipcode, city = rng.choice(words.ZIPS[market])
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        occasion = rng.choice(tuple(words.OCCASION_WORDS[language]))
        adults, children = rng.randint(6, 30), rng.choice((0, 0, 2, 3, 5))
        started = _started(outcome, now, rng)
        upgrades = rng.sample(PROTEINS, 2) if rng.random() < 0.35 else []
        stories.append(
            Story(
                index=index,
                channel=rng.choices(channels, weights)[0],
                language=language,
                started=started,
                outcome=outcome,
                name=f"{first} {last}",
                phone=_phone(market, index),
                email=f"{first}.{last}.{index}@example.com".lower(),
                social_id=str(rng.randrange(10**15, 10**16)),
                market=market,
                zipcode=zipcode,
                city=city,
                address=f"{rng.randint(100, 9899)} {rng.choice(words.STREETS)}, {city}",
                occasion=occasion,
                occasion_text=rng.choice(words.OCCASION_WORDS[language][occasion]),
                adults=adults,
                children=children,
                proteins={p: adults for p in upgrades},
                addons=(rng.choice(ADDONS),) if rng.random() < 0.25 else (),
                event_date=_event_date(outcome, started, now, rng),
                start_time=rng.choice(STARTS),
                escalated=index % ESCALATION_EVERY == ESCALATION_EVERY - 1,
                rating=_rating(rng) if rng.random() < 0.3 else None,
            )
        )
    stories = _newest_escalations_open(stories, now)
    return sorted(stories, key=lambda s: s.started)


def _newest_escalations_open(stories: list[Story], now: datetime) -> list[Story]:
    """Move a few escalated inquiries into the last two days, so the queue has some waiting."""
    waiting = [s for s in stories if s.escalated and s.outcome in ("question", "quote")]
    moved = {}
    for i, story in enumerate(waiting[:OPEN_ESCALATIONS]):
        day = now.date() + timedelta(days=10 + i)
        moved[story.index] = replace(
            story,
            started=now - timedelta(hours=6 + 12 * i),
            event_date=day + timedelta(days=1) if day.weekday() == 0 else day,
        )
    return [moved.get(s.index, s) for s in stories]


def waiting_for_staff(story: Story, now: datetime) -> bool:
    """An escalation from the last two days is still open; older ones staff handled."""
    return story.escalated and now - story.started < OPEN_FOR
