"""The business's standing coach scenarios, run through the real turn in a sandbox.

Each scenario is data: what the customer says and what must be true afterwards, judged on
substance (the quote engine's amounts, the escalation decision, the language, whether a
hold was attempted), never on wording. A scenario runs `decide` turn after turn with the
learning sandbox's tools (`shared.learning.sandbox.Replay` with nothing recorded): reads run
for real, writes are never executed, nothing is stored and nothing is sent, so no customer
ever sees a scenario.
"""

from __future__ import annotations

import time
from calendar import month_name
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from shared.ai import validator
from shared.ai.config.model import AIConfig
from shared.ai.flows.phrases import MONTHS_ES
from shared.ai.providers.base import LLM_TIERS, Provider
from shared.ai.turn.answer import HISTORY, Before, Draft, decide
from shared.conversation.hours import ZONE
from shared.conversation.state import DialogueState, Language
from shared.conversation.store import ChatMessage, Thread
from shared.learning.coach.results import Exchange, ScenarioResult
from shared.learning.sandbox import Replay
from shared.platform.services import Platform
from shared.pricing import store as price_books
from shared.pricing.models import PeakDateRule, Quote, QuoteRequest
from shared.pricing.peak_dates import peak_rule

HOLD_TOOL = "create_booking_hold"
When = Literal["weekend", "peak"]
CONTACT = "Rosa Alvarez, rosa@example.com, 310-555-0110, 455 W 1st St Los Angeles 90012"


@dataclass(frozen=True)
class Party:
    adults: int
    zipcode: str
    children: int = 0
    toddlers: int = 0


@dataclass(frozen=True)
class Scenario:
    id: str
    behaviour: str  # what the report names when this scenario regresses
    steps: tuple[str, ...]  # customer messages; {date} / {fecha} are the scenario's day
    when: When = "weekend"
    language: Language = "en"
    escalated: bool = False
    hold: bool = False  # a hold is attempted (the sandbox never makes one)
    total_of: Party | None = None  # some reply states this party's total
    surcharge: bool = False  # ... and its peak-date surcharge
    travel_of: Party | None = None  # some reply states this party's travel fee
    deposit: bool = False  # some reply states the price book's deposit
    mentions: tuple[str, ...] = ()  # some reply says one of these (lower case)


LA = "90012"
SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "price-with-kids",
        "prices a party with children at the children's rate",
        ("How much for 10 adults and 3 kids (ages 8, 9 and 11) on {date} in 90012?",),
        total_of=Party(10, LA, children=3),
    ),
    Scenario(
        "booking-with-correction",
        "takes a corrected guest count into the quote and the hold",
        (
            "How much for 10 adults on {date} in 90012?",
            "sorry, I meant 12 adults",
            "6pm works",
            CONTACT,
            "yes",
        ),
        total_of=Party(12, LA),
        hold=True,
    ),
    Scenario(
        "spanish-quote",
        "answers a Spanish quote request in Spanish with the right total",
        ("¿Cuánto cuesta para 12 adultos el {fecha} en 90012?",),
        language="es",
        total_of=Party(12, LA),
    ),
    Scenario(
        "allergy-question",
        "answers an allergy question with the allergen facts",
        ("Does your food contain peanuts? my son has a severe peanut allergy",),
        mentions=("allerg",),
    ),
    Scenario(
        "complaint-escalates",
        "hands a complaint to staff",
        ("The chef showed up an hour late last week and the food was cold. I want a refund.",),
        escalated=True,
    ),
    Scenario(
        "travel-fee",
        "states the travel fee the quote engine charges",
        ("What's your travel fee to 93001?",),
        travel_of=Party(10, "93001"),
    ),
    Scenario(
        "peak-date",
        "prices a peak date with its surcharge",
        ("How much for 15 adults on {date} in 90012?",),
        when="peak",
        total_of=Party(15, LA),
        surcharge=True,
    ),
    Scenario(
        "deposit-question",
        "states the deposit from the price book",
        ("How much is the deposit and is it refundable?",),
        deposit=True,
    ),
    Scenario(
        "side-question-mid-booking",
        "answers a side question and carries on with the booking",
        (
            "We'd like to book 10 adults on {date} in 90012",
            "do you cook indoors?",
            "ok, 5pm please",
            CONTACT,
            "yes",
        ),
        mentions=("outdoor",),
        hold=True,
    ),
    Scenario(
        "asks-for-a-human",
        "hands over to a person when asked",
        ("can I talk to a real person please",),
        escalated=True,
    ),
)


def scenario_day(when: When, today: date, peak_dates: Sequence[PeakDateRule]) -> date | None:
    """A Saturday five weeks out, or the first peak date two weeks to a year out (None:
    the price book has none)."""
    if when == "weekend":
        day = today + timedelta(weeks=5)
        return day + timedelta(days=(5 - day.weekday()) % 7)
    ahead = (today + timedelta(days=n) for n in range(14, 14 + 366))
    return next((day for day in ahead if peak_rule(day, peak_dates) is not None), None)


def _text(step: str, day: date) -> str:
    return step.format(
        date=f"{month_name[day.month]} {day.day}", fecha=f"{day.day} de {MONTHS_ES[day.month - 1]}"
    )


def _quote(platform: Platform, party: Party, day: date) -> Quote:
    from shared.pricing.service import price

    return price(
        platform,
        QuoteRequest(
            adults=party.adults,
            children=party.children,
            toddlers=party.toddlers,
            customer_zipcode=party.zipcode,
            event_date=day,
        ),
    )


@dataclass
class _Run:
    drafts: list[Draft]
    transcript: list[Exchange]


def _converse(
    platform: Platform,
    scenario: Scenario,
    day: date,
    provider: Provider | None,
    config: AIConfig | None,
) -> _Run:
    """The scenario's turns on an unstored thread; stops once staff would take over."""
    now = platform.clock.now()
    thread = Thread(id=f"coach-{scenario.id}", channel="web", created_at=now, last_message_at=now)
    state, past = DialogueState(), list[ChatMessage]()
    run = _Run([], [])

    def message(author: str, text: str, trace: dict[str, object] | None = None) -> ChatMessage:
        seq = len(past) + 1
        return ChatMessage(
            id=f"{thread.id}-{seq:06d}",
            thread_id=thread.id,
            seq=seq,
            author=author,  # type: ignore[arg-type]
            text=text,
            at=now,
            trace=trace,
        )

    for step in scenario.steps:
        inbound = message("customer", _text(step, day))
        past.append(inbound)
        draft = decide(
            platform,
            thread,
            inbound,
            provider,
            Before(state, past[-HISTORY:]),
            started=time.perf_counter(),
            live=False,
            tools=Replay([]),
            config=config,
        )
        run.drafts.append(draft)
        run.transcript.append(Exchange(customer=inbound.text, agent=draft.reply))
        if draft.turn.escalation is not None:
            break
        state = draft.turn.state
        calls = [r.model_dump(mode="json") for r in draft.turn.records]
        past.append(message("ai", draft.reply, draft.trace | {"tool_calls": calls}))
        thread = thread.model_copy(
            update={"last_agent": draft.agent, "clarifications": draft.clarifications}
        )
    return run


def _stated(run: _Run, cents: int) -> bool:
    return any(cents in validator.money_in(d.reply) for d in run.drafts)


def judge(platform: Platform, scenario: Scenario, day: date, run: _Run) -> list[str]:
    """What went wrong, one line each (empty: passed)."""
    failures: list[str] = []
    escalated = any(d.turn.escalation is not None for d in run.drafts)
    if escalated != scenario.escalated:
        failures.append("escalated" if escalated else "not escalated")
    held = any(r.name == HOLD_TOOL for d in run.drafts for r in d.turn.records)
    if held != scenario.hold:
        failures.append("attempted a hold" if held else "no hold attempted")
    wrong = [d.reply for d in run.drafts if d.turn.state.language != scenario.language]
    if wrong:
        failures.append(f"answered {len(wrong)} message(s) not in {scenario.language}")
    if scenario.total_of is not None:
        quote = _quote(platform, scenario.total_of, day)
        if not _stated(run, quote.total_cents):
            failures.append(f"no reply states the quote engine's total {quote.total_cents}c")
        if scenario.surcharge and not (
            quote.surcharge_cents and _stated(run, quote.surcharge_cents)
        ):
            failures.append(f"no reply states the peak surcharge {quote.surcharge_cents}c")
    if scenario.travel_of is not None:
        travel = _quote(platform, scenario.travel_of, day).travel_cents
        if not _stated(run, travel):
            failures.append(f"no reply states the travel fee {travel}c")
    if scenario.deposit:
        deposit = price_books.current(platform.store).deposit.cents
        if not _stated(run, deposit):
            failures.append(f"no reply states the deposit {deposit}c")
    if scenario.mentions and not any(
        word in d.reply.lower() for d in run.drafts for word in scenario.mentions
    ):
        failures.append(f"no reply mentions {' / '.join(scenario.mentions)}")
    return failures


def teacher(platform: Platform) -> Provider | None:
    """The provider live turns use (None: offline only)."""
    try:
        return platform.adapter(LLM_TIERS)
    except LookupError:
        return None


def run_one(
    platform: Platform,
    scenario: Scenario,
    provider: Provider | None,
    config: AIConfig | None = None,
) -> ScenarioResult:
    """One scenario under `config` (None: the current AI configuration)."""
    today = platform.clock.now().astimezone(ZONE).date()
    day = scenario_day(scenario.when, today, price_books.current(platform.store).peak.dates)
    if day is None:
        run, failures = _Run([], []), ["the price book has no peak date within a year"]
    else:
        run = _converse(platform, scenario, day, provider, config)
        failures = judge(platform, scenario, day, run)
    return ScenarioResult(
        id=scenario.id,
        behaviour=scenario.behaviour,
        passed=not failures,
        failures=failures,
        transcript=run.transcript,
        cost_usd=round(sum(d.turn.usage.cost_usd for d in run.drafts), 6),
    )


def run_all(
    platform: Platform, scenarios: tuple[Scenario, ...] = SCENARIOS
) -> list[ScenarioResult]:
    provider = teacher(platform)
    return [run_one(platform, s, provider) for s in scenarios]


def regressed(platform: Platform, current: AIConfig, candidate: AIConfig) -> list[str]:
    """The scenarios that pass under `current` and fail under `candidate`, both on the
    offline provider (deterministic and free): the standing suite as a change's check."""
    return [
        s.id
        for s in SCENARIOS
        if run_one(platform, s, None, current).passed
        and not run_one(platform, s, None, candidate).passed
    ]
