"""Run one conversation case against the real function app and grade its end state.

Each case gets a fresh seeded embedded platform. The scripted customer talks to POST /chat
in-process (as tests/integration/test_chat.py does); then, as in tau-bench, only the final
state is graded, read back through the admin endpoints with an owner token:
- the bookings the thread made (GET /admin-bookings, matched on `origin_thread_id`): how
  many, guests, date, start, zip, premium proteins, third proteins, add-ons, status, and a
  total equal to what POST /quote prices for the expected party;
- the thread's escalation (GET /admin-conversations);
- every reply: not empty, no internal names, in the case's language, and every money
  amount grounded (a price-book entry or an amount of a quote for a party the customer
  asked about).
Per-message checks (`Reply`) test substance (the deposit amount from the price book, a
total), never one fixed wording.

With `llm`, the platform's cascade is `openai:` pointed at the scripted command LLM
(CONTRACTS.md §3), which the harness tells what the current message is before each turn.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.conversations.spec import (
    Booked,
    Case,
    FullyBooked,
    Party,
    Reply,
    Say,
    StaffConfirms,
    book_cents,
    format_usd,
    render,
    resolve_date,
    resolve_json,
)
from tests.support.command_llm import TOOL, CommandLLM

Json = Any
ZONE = ZoneInfo("America/Los_Angeles")  # the seeded markets' run day (LA and Sacramento)
LLM_MODEL = "gpt-command-fake"

# Names that belong to code, not to a customer conversation.
INTERNAL_NAMES = (
    "protein_selections",
    "customer_zipcode",
    "third_protein_portions",
    "total_cents",
    "deposit_cents",
    "event_date",
    "start_time",
    "set_slot",
    "correct_slot",
    "start_flow",
    "clear_slot",
    TOOL,
)

_MONEY = re.compile(r"(?<![\w$])(?:US)?\$\s?(\d{1,3}(?:[,.]\d{3})+|\d+)(?:[.,](\d{2}))?(?![\d,]\d)")
_WORD = re.compile(r"[a-záéíóúñü¿¡]+")
_SPANISH = frozenset(
    [
        "el",
        "la",
        "los",
        "las",
        "de",
        "del",
        "para",
        "que",
        "su",
        "sus",
        "usted",
        "ustedes",
        "es",
        "son",
        "está",
        "están",
        "y",
        "con",
        "por",
        "una",
        "un",
        "hola",
        "gracias",
        "personas",
        "invitados",
        "fecha",
        "hora",
        "reserva",
        "depósito",
        "precio",
        "cuántos",
        "cuántas",
        "cuál",
        "qué",
        "dónde",
        "cuándo",
        "adultos",
        "niños",
        "código",
        "postal",
        "sí",
        "claro",
        "perfecto",
        "le",
        "les",
        "nos",
        "tiene",
        "puede",
        "quiere",
        "necesita",
        "incluye",
        "también",
        "más",
        "sábado",
        "domingo",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "for",
        "is",
        "are",
        "with",
        "we",
        "our",
        "please",
        "guests",
        "date",
        "time",
        "thanks",
        "to",
        "of",
        "it",
        "this",
        "that",
        "what",
        "when",
        "how",
        "would",
        "like",
        "can",
        "will",
        "be",
        "have",
        "has",
    ]
)


@dataclass
class Result:
    case: Case
    path: str
    replies: list[tuple[str, str]] = field(default_factory=list)  # (customer, AI)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures

    def report(self) -> str:
        lines = [f"{self.path}: {self.case.id}: {len(self.failures)} failed checks"]
        lines += [f"  - {f}" for f in self.failures]
        lines.append("  transcript:")
        for customer, ai in self.replies:
            lines += [f"    customer: {customer}", f"    agent:    {ai}"]
        return "\n".join(lines)


# -- money ----------------------------------------------------------------------------


def amounts(text: str) -> list[int]:
    """Every dollar amount a reply states, in cents ("$1,100", "$1.100" and "$55.00")."""
    found = []
    for m in _MONEY.finditer(text):
        found.append(int(re.sub(r"[,.]", "", m[1])) * 100 + int(m[2] or 0))
    return found


def cents_in(data: Json) -> set[int]:
    """Every amount in a price book or a quote: values of keys named `cents` or `*_cents`."""
    found: set[int] = set()
    if isinstance(data, Mapping):
        for key, value in data.items():
            if isinstance(value, int) and (key == "cents" or key.endswith("_cents")):
                found.add(value)
            else:
                found |= cents_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= cents_in(value)
    return found


def says(text: str, needle: str) -> bool:
    """`needle` starts a word in `text`: "rice" is not found in "price", "11" not in "211"."""
    return re.search(r"(?<![a-z0-9])" + re.escape(needle), text) is not None


def looks_spanish(text: str) -> bool:
    words = _WORD.findall(text.lower())
    return sum(w in _SPANISH for w in words) > sum(w in _ENGLISH for w in words)


# -- the app --------------------------------------------------------------------------


@functools.cache
def _client() -> Any:
    from tests.support.platform import app_client

    return app_client()


class Api:
    """JSON calls against the function app: (status, body)."""

    def __init__(self, platform: Any) -> None:
        self.platform = platform

    def call(
        self, method: str, path: str, body: Json = None, owner: bool = False
    ) -> tuple[int, Json]:
        from tests.support.platform import bearer

        headers = bearer(self.platform, "owner") if owner else {}
        kwargs: dict[str, Any] = {"headers": headers}
        kwargs["query_string" if method == "GET" else "json"] = body or (
            {} if method == "GET" else None
        )
        response = _client().open(path, method=method, **kwargs)
        data = response.get_data()
        return response.status_code, (json.loads(data) if data else None)


@contextmanager
def _env(values: Mapping[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@contextmanager
def _router_left_as_found() -> Iterator[None]:
    """An LLM cascade wires an LLM into the process-wide router; unhook it afterwards."""
    from shared.ai import routing

    router = routing._router()
    before = router.llm_fallback
    try:
        yield
    finally:
        router.llm_fallback = before


@functools.cache
def _seeded_data() -> Path:
    """One seeded data dir per process, copied for each case: seeding (the knowledge base's
    embeddings above all) costs far more than a case's turns. Every case's clock starts at
    the same instant, so a copy is what seeding that case's own store would have made."""
    from functions._app.seeding import seed_if_empty
    from tests.support.platform import local_platform

    seeded = Path(_TEMPLATE.name) / "seeded"
    with local_platform(seeded, rate_limit_enabled=False) as platform:
        seed_if_empty(platform)
    return seeded


_TEMPLATE = tempfile.TemporaryDirectory(prefix="conv-seeded-")  # removed at exit


@contextmanager
def _platform(llm: CommandLLM | None) -> Iterator[Any]:
    from functions._app.seeding import seed_if_empty
    from tests.support.platform import local_platform

    overrides: dict[str, Any] = {"rate_limit_enabled": False}
    env: dict[str, str] = {}
    if llm is not None:
        overrides["llm_cascade"] = f"openai:{LLM_MODEL}"
        env = {
            "HIBACHI_OPENAI_BASE_URL": llm.base_url,
            "OPENAI_BASE_URL": llm.base_url,  # the SDK's own default: never the real vendor
            "OPENAI_API_KEY": "test",
        }
    with tempfile.TemporaryDirectory(prefix="conv-") as tmp:
        data = shutil.copytree(_seeded_data(), Path(tmp) / "data")
        with _env(env), _router_left_as_found(), local_platform(data, **overrides) as platform:
            assert not seed_if_empty(platform), "the copied store was not seeded"
            yield platform


# -- running a case -------------------------------------------------------------------


class _Run:
    def __init__(self, case: Case, platform: Any, llm: CommandLLM | None) -> None:
        from shared.pricing import store as price_books

        self.case = case
        self.api = Api(platform)
        self.llm = llm
        self.today = platform.clock.now().astimezone(ZONE).date()
        self.price_book = price_books.current(platform.store)
        self.book: Json = self.price_book.model_dump(mode="json")
        self.result = Result(case, "llm" if llm else "offline")
        self.thread_id: str | None = None
        self.session = f"conv-{case.id}"
        self._quotes: dict[str, Json] = {}

    def fail(self, message: str) -> None:
        self.result.failures.append(message)

    def day(self, spec: Any) -> date:
        return resolve_date(spec, self.today)

    def quote(self, party: Party, on: Any = None) -> Json:
        request = party.quote_request(self.today)
        if on is not None:
            request["event_date"] = self.day(on).isoformat()
        key = json.dumps(request, sort_keys=True)
        if key not in self._quotes:
            status, body = self.api.call("POST", "/quote", request)
            assert status == 200, f"case {self.case.id}: /quote refused {request}: {body}"
            self._quotes[key] = body
        return self._quotes[key]

    # -- steps

    def setup(self, full: FullyBooked) -> None:
        """Book `start` through the public API until no chef is left for it."""
        day = self.day(full.date).isoformat()
        for n in range(20):
            status, body = self.api.call(
                "GET",
                "/availability",
                {"date": day, "guests": 10, "customer_zipcode": full.zipcode},
            )
            assert status == 200, body
            if full.start not in {s["local_time"] for s in body["starts"]}:
                return
            status, body = self.api.call(
                "POST",
                "/create-booking",
                {
                    "adults": 10,
                    "customer_zipcode": full.zipcode,
                    "event_date": day,
                    "start_time": full.start,
                    "contact": {"name": f"Other Host {n}", "phone": f"+1 916 555 01{n:02d}"},
                    "address": f"{100 + n} Other St",
                },
            )
            assert status == 201, f"setup booking refused: {body}"
        raise AssertionError(f"could not fill {day} {full.start}")

    def say(self, step: Say) -> None:
        text = render(step.text, self.today, self.book)
        if self.llm is not None:
            commands = (
                resolve_json(step.commands, self.today) if step.commands is not None else None
            )
            self.llm.expect(text, commands)
        status, body = self.api.call(
            "POST", "/chat", {"text": text, "thread_id": self.thread_id, "session_id": self.session}
        )
        if status != 200:
            self.fail(f"POST /chat {text!r} -> {status} {body}")
            self.result.replies.append((text, f"<HTTP {status}>"))
            return
        self.thread_id = body["thread_id"]
        reply = body["reply"] or ""
        self.result.replies.append((text, reply))
        path_only = step.expect_llm if self.llm else step.expect_offline
        for expect in (step.expect, path_only):
            if expect is not None:
                self.check_reply(text, reply, expect)

    def staff_confirms(self) -> None:
        mine = self.bookings()
        if not mine:
            self.fail("staff could not confirm: the thread has made no booking")
            return
        status, body = self.api.call(
            "POST",
            "/admin-bookings",
            {"action": "confirm", "booking_id": mine[-1]["id"], "reason": "deposit paid by Zelle"},
            owner=True,
        )
        if status != 200:
            self.fail(f"staff confirm refused: {status} {body}")

    # -- checks

    def check_reply(self, said: str, reply: str, want: Reply) -> None:
        low = reply.lower()
        where = f"reply to {said!r}"
        wanted = [render(s, self.today, self.book).lower() for s in want.any_of]
        if wanted and not any(says(low, w) for w in wanted):
            self.fail(f"{where}: expected one of {wanted}")
        for s in want.all_of:
            if not says(low, needed := render(s, self.today, self.book).lower()):
                self.fail(f"{where}: expected {needed!r}")
        for s in want.none_of:
            if says(low, banned := render(s, self.today, self.book).lower()):
                self.fail(f"{where}: must not say {banned!r}")
        stated = amounts(reply)
        for path in want.money:
            if book_cents(self.book, path) not in stated:
                self.fail(f"{where}: expected {format_usd(book_cents(self.book, path))} ({path})")
        if want.total_of is not None:
            total = self.quote(want.total_of)["total_cents"]
            if total not in stated:
                self.fail(f"{where}: expected the quoted total {format_usd(total)}")
        if want.question and "?" not in reply:
            self.fail(f"{where}: expected a question back to the customer")
        if want.no_money and stated:
            self.fail(f"{where}: expected no amounts, got {[format_usd(c) for c in stated]}")

    def bookings(self) -> list[Json]:
        found: list[Json] = []
        after = None
        while True:
            query = {"limit": 200, **({"after": after} if after else {})}
            status, page = self.api.call("GET", "/admin-bookings", query, owner=True)
            assert status == 200, page
            found += [b for b in page["bookings"] if b.get("origin_thread_id") == self.thread_id]
            if not (after := page.get("next_after")):
                break
        return sorted(found, key=lambda b: b["created_at"])

    def check_bookings(self) -> None:
        got = self.bookings() if self.thread_id else []
        want = self.case.bookings
        if len(got) != len(want):
            shown = [(b["status"], b["event_date"], b["adults"], b["children"]) for b in got]
            self.fail(
                f"expected {len(want)} booking(s) from this thread, found {len(got)}: {shown}"
            )
            return
        for booked, actual in zip(want, got, strict=True):
            self.check_booking(booked, actual)

    def check_booking(self, want: Booked, got: Json) -> None:
        party = want.party
        local = datetime.fromisoformat(got["start"]).astimezone(ZoneInfo(got["timezone"]))
        expected = {
            "status": want.status,
            "adults": party.adults,
            "children": party.children,
            "toddlers": party.toddlers,
            "event_date": self.day(want.final_date).isoformat(),
            "start date": self.day(want.final_date).isoformat(),  # the two must agree
            "start": want.final_start,
            "zipcode": party.zipcode,
            "premium proteins": self.premium(party.proteins),
            "third proteins": party.third,
            "add-ons": sorted(party.addons),
            "total": format_usd(self.quote(party, on=want.final_date)["total_cents"]),
        }
        actual = {
            "status": got["status"],
            "adults": got["adults"],
            "children": got["children"],
            "toddlers": got["toddlers"],
            "event_date": got["event_date"],
            "start date": local.date().isoformat(),
            "start": local.strftime("%H:%M"),
            "zipcode": got["customer_zipcode"],
            "premium proteins": self.premium(got["protein_selections"]),
            "third proteins": got["third_protein_portions"],
            "add-ons": sorted(self.addon_key(a) for a in got["addons"]),
            "total": format_usd(got["total_cents"]),
        }
        for name, value in expected.items():
            if actual[name] != value:
                self.fail(f"booking {got['id']}: {name} is {actual[name]!r}, expected {value!r}")

    def premium(self, selections: Mapping[str, int]) -> dict[str, int]:
        """Upgrade-priced proteins only (included ones do not change what is charged)."""
        out: dict[str, int] = {}
        for name, portions in selections.items():
            key = self.price_book.protein_key(name) or name
            if portions and self.book["proteins"].get(key, {}).get("upgrade_cents"):
                out[key] = out.get(key, 0) + portions
        return out

    def addon_key(self, name: str) -> str:
        return self.price_book.addon_key(name) or name

    def check_thread(self) -> None:
        if self.thread_id is None:
            self.fail("no turn was answered")
            return
        status, transcript = self.api.call(
            "GET", "/admin-conversations", {"thread_id": self.thread_id}, owner=True
        )
        assert status == 200, transcript
        thread = transcript["thread"]
        escalated = thread["status"] in ("escalated", "staff")
        if escalated != self.case.escalated:
            self.fail(
                f"thread status {thread['status']!r} (reason {thread['escalation_reason']!r}); "
                f"expected {'escalated' if self.case.escalated else 'answered by the AI'}"
            )

    def check_replies(self) -> None:
        allowed = cents_in(self.book)
        parties = [*self.case.quoted, *(b.party for b in self.case.bookings)]
        for party in parties:
            allowed |= cents_in(self.quote(party))
        for booked in self.case.bookings:
            if booked.moved_to is not None:
                allowed |= cents_in(self.quote(booked.party, on=booked.moved_to))
        for said, reply in self.result.replies:
            if not reply.strip():
                self.fail(f"empty reply to {said!r}")
                continue
            low = reply.lower()
            leaked = [name for name in INTERNAL_NAMES if name in low]
            if leaked:
                self.fail(f"reply to {said!r} shows internal names {leaked}")
            ungrounded = [format_usd(c) for c in amounts(reply) if c not in allowed]
            if ungrounded:
                self.fail(f"reply to {said!r} states ungrounded amounts {ungrounded}")
            if (
                self.case.language == "es"
                and not reply.startswith("<HTTP")
                and not looks_spanish(reply)
            ):
                self.fail(f"reply to {said!r} is not in Spanish")

    def check_llm(self) -> None:
        assert self.llm is not None
        # Must-escalate rules run before understanding, so a thread handed off from its
        # first message may never reach the LLM; every other thread must.
        if not self.llm.asked and not self.case.escalated:
            self.fail("the LLM was never asked for commands (the LLM path was not taken)")
        for asked in self.llm.asked:
            if asked.expected_text is None or asked.expected_text not in asked.user_text:
                self.fail(
                    f"commands were asked for {asked.user_text[-80:]!r}, "
                    f"not the latest message {asked.expected_text!r}"
                )


def run_case(case: Case, llm: CommandLLM | None = None) -> Result:
    """Play the case's script against a fresh platform and grade where it ends."""
    if llm is not None:
        llm.reset()
    with _platform(llm) as platform:
        run = _Run(case, platform, llm)
        for full in case.setup:
            run.setup(full)
        for step in case.steps:
            if isinstance(step, StaffConfirms):
                run.staff_confirms()
            else:
                run.say(step)
        run.check_replies()
        run.check_thread()
        run.check_bookings()
        if llm is not None:
            run.check_llm()
    return run.result
