"""The staff console in a real browser against `make dev`: data made through the public API
(chats, a booking, an escalation, a rating, a completed event), then every view signed in,
its numbers read off the screen and compared with what the admin endpoints answer, with
screenshots."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pytest

from scripts.mint_token import local_token
from shared.analytics.decisions import RULES, DecisionsReport, decide
from shared.platform.docstore import Filter
from shared.platform.docstore.sqlite import SqliteDocumentStore
from shared.platform.tasks.local import COLLECTION as TASKS
from tests.support import browser
from tests.support.dev_process import DevProcess
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
VIEWS = ("analytics", "escalations", "bookings", "learning", "marketing", "campaigns")
STAGES = ("inquiry", "quote", "hold", "deposit_paid", "event_completed", "review")
DEDICATED = ("funnel", "profitability", "channels", "decisions")  # views tested one by one


@dataclass
class Api:
    url: str
    token: str

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> tuple[int, Any]:
        query = f"?{urlencode(params)}" if params else ""
        request = urllib.request.Request(
            f"{self.url}/{path}{query}",
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method=method,
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"null")

    def get(self, path: str, **params: Any) -> Any:
        status, body = self.call("GET", path, **params)
        assert status == 200, body
        return body

    def post(self, path: str, body: Any) -> Any:
        status, answer = self.call("POST", path, body)
        assert status in (200, 201), answer
        return answer


@dataclass
class Seeded:
    api: Api
    console: str
    escalated: dict[int, str]  # viewport width -> a thread only that run replies to
    booking_id: str
    shots: Path


def _chat(api: Api, session: str, *texts: str) -> dict[str, Any]:
    reply: dict[str, Any] = {"thread_id": None}
    for text in texts:
        body = {"text": text, "thread_id": reply["thread_id"], "session_id": session}
        reply = api.post("chat", body)
    return reply


def _book(api: Api, day: datetime) -> str:
    """A held booking on the first free start of the first day from `day` that has one."""
    for offset in range(14):
        date = (day + timedelta(days=offset)).date().isoformat()
        starts = api.get("availability", date=date, guests=20, customer_zipcode="90012")
        free = [s["local_time"] for s in starts["starts"] if s["chefs_free"]]
        if free:
            created = api.post(
                "create-booking",
                {
                    "adults": 20,
                    "customer_zipcode": "90012",
                    "event_date": date,
                    "start_time": free[0],
                    "contact": {"name": "Console Tester", "phone": "+1 213 555 0142"},
                    "address": "100 Main St, Los Angeles",
                },
            )
            return str(created["id"])
    raise AssertionError("no free start in two weeks")


def _settled(store: SqliteDocumentStore) -> bool:
    """No task due or running: every event the seeding published has been handled."""
    now = datetime.now(UTC)
    due = [
        d
        for d in store.query(TASKS, [Filter.eq("state", "pending")])
        if d.data["next_attempt_at"] <= now
    ]
    return not due and not store.query(TASKS, [Filter.eq("state", "running")])


def _screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("HIBACHI_SCREENSHOT_DIR")
    path = Path(given) if given else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    browser.require_browser()
    dev = DevProcess(tmp_path_factory.mktemp("console-dev")).start()
    try:
        api = Api(dev.url, local_token(["owner"], subject="console-test"))
        day = datetime.now(UTC) + timedelta(days=10)
        spoken = f"{day:%B} {day.day}"
        quoted = _chat(
            api,
            "console-quote",
            "hi! how much is a hibachi party for 20 adults? it's my wife's birthday",
            f"{spoken}, we're in 90012",
        )
        escalated = {}
        for size in (DESKTOP, PHONE):
            human = _chat(api, f"console-human-{size['width']}", "can I talk to a real person")
            assert human["escalated"] is True
            escalated[size["width"]] = human["thread_id"]
        api.post(
            "rate-reply",
            {
                "thread_id": quoted["thread_id"],
                "session_id": "console-quote",
                "reply_id": quoted["reply_id"],
                "helpful": True,
            },
        )
        booking_id = _book(api, day)
        completed = _book(api, day + timedelta(days=1))
        for action in ("confirm", "complete"):  # an event done: profitability has a row
            api.post("admin-bookings", {"action": action, "booking_id": completed})
        status, queued = api.call("POST", "run-job", {"job": "marketing-sync"})
        assert status == 202, queued
        status, _ = api.call("POST", "run-job", {"job": "tag-conversations"})  # tags report rows
        assert status == 202
        store = SqliteDocumentStore(dev.data_dir / "hibachi.db")
        try:
            wait_until(lambda: _settled(store), timeout_s=60)
        finally:
            store.close()
        yield Seeded(
            api,
            f"{dev.url}/staff-console",
            escalated,
            booking_id,
            _screenshot_dir(tmp_path_factory),
        )
    finally:
        assert dev.stop() == 0, dev.output()


@pytest.fixture(scope="module")
def chromium(seeded: Seeded) -> Iterator[Browser]:
    with browser.chromium() as b:
        yield b


@dataclass
class Tab:
    page: Page
    problems: list[str]


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def tab(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[Tab]:
    """A fresh tab (own sessionStorage) that records script errors and CSP refusals."""
    context = chromium.new_context(
        viewport=request.param, timezone_id="America/Los_Angeles", reduced_motion="reduce"
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    yield Tab(page, problems)
    context.close()


def sign_in(tab: Tab, seeded: Seeded, route: str = "") -> Page:
    page = tab.page
    page.goto(seeded.console + (f"#/{route}" if route else ""))
    page.get_by_label("Admin token").fill(seeded.api.token)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Views").wait_for()
    return page


def width(page: Page) -> int:
    assert page.viewport_size is not None
    return page.viewport_size["width"]


def shoot(page: Page, seeded: Seeded, name: str) -> None:
    page.screenshot(path=seeded.shots / f"{name}-{width(page)}.png", full_page=True)


def cells(table: Locator) -> list[list[str]]:
    """A table as text, row by row (header, body and footer rows alike)."""
    rows: list[list[str]] = table.evaluate(
        "t => [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    return rows


def caption_table(page: Page, starts: str) -> Locator:
    table = page.locator("main table").filter(has=page.locator("caption", has_text=starts))
    table.wait_for()
    return table


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def fixed(value: float, digits: int) -> str:
    """JavaScript's toFixed: the exact binary value rounded, ties away from zero."""
    return str(Decimal(value).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP))


def percent(share: float | None) -> str:
    return "—" if share is None else f"{fixed(share * 100, 1)}%"


def facts_of(page: Page) -> dict[str, str]:
    pairs: list[list[str]] = page.locator("main dl.facts").evaluate(
        "dl => [...dl.querySelectorAll('dt')]"
        ".map(t => [t.textContent, t.nextElementSibling.textContent])"
    )
    return dict(pairs)


def show_report(page: Page, name: str) -> None:
    page.get_by_label("Report", exact=True).select_option(name)
    page.get_by_role("button", name="Show").click()


def no_sideways_scroll(page: Page) -> None:
    """Nothing but table regions (which scroll themselves) is wider than the viewport."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the viewport"


def test_serves_the_app_with_security_and_cache_headers(seeded: Seeded) -> None:
    for path, cache in (
        ("", "no-cache"),
        ("/", "no-cache"),
        ("/staff-console/app.js", "no-cache"),
        ("/vendor/chart.js-4.6.1/chart.umd.min.js", "immutable"),
    ):
        with urllib.request.urlopen(seeded.console + path, timeout=10) as response:
            headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert "frame-ancestors 'none'" in policy and headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert cache in headers["Cache-Control"], path
        again = urllib.request.Request(
            seeded.console + path, headers={"If-None-Match": headers["ETag"]}
        )
        with pytest.raises(urllib.error.HTTPError) as unchanged:  # urllib raises on a 304
            urllib.request.urlopen(again, timeout=10)
        assert unchanged.value.code == 304, path


def test_sign_in_checks_the_token_and_sign_out_forgets_it(tab: Tab, seeded: Seeded) -> None:
    page = tab.page
    page.goto(seeded.console)
    page.get_by_label("Admin token").fill("not-a-token")
    page.get_by_role("button", name="Sign in").click()
    assert "not valid" in page.get_by_role("alert").inner_text()
    assert page.evaluate("sessionStorage.length") == 0
    sign_in(tab, seeded)
    whoami = seeded.api.get("whoami")
    assert whoami["subject"] in page.locator("#who-name").inner_text()
    assert page.evaluate("Object.values(sessionStorage)").count(seeded.api.token) == 1
    shoot(page, seeded, "signed-in")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Admin token").wait_for()
    assert page.evaluate("sessionStorage.length") == 0
    assert page.get_by_role("navigation", name="Views").is_hidden()
    assert tab.problems == [e for e in tab.problems if "401" in e]  # the refused token only


def test_a_401_from_any_call_returns_to_sign_in(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded)
    # The token stops working (expired, revoked): the next call ends the session.
    page.evaluate("sessionStorage.setItem('myhibachi.staff.token', 'expired')")
    page.get_by_role("link", name="Bookings").click()
    assert "sign in again" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Admin token").is_visible()
    assert page.evaluate("sessionStorage.getItem('myhibachi.staff.token')") is None


@pytest.mark.parametrize("by", ["channel", "market", "occasion"])
def test_the_funnel_chart_and_table_show_the_apis_numbers(
    tab: Tab, seeded: Seeded, by: str
) -> None:
    page = sign_in(tab, seeded)
    page.get_by_label("Group by").select_option(by)
    page.get_by_role("button", name="Show").click()
    report = seeded.api.get("admin-analytics", report="funnel", period="30d", by=by)
    assert report["total"]["inquiry"] >= 2 and report["total"]["hold"] >= 1  # the seeding shows
    table = caption_table(page, f"Funnel by {by}")
    header, *body, footer = cells(table)
    assert header[1:] == ["Inquiry", "Quote", "Hold", "Deposit paid", "Event completed", "Review"]
    assert body == [[r["segment"], *(f"{r[s]:,}" for s in STAGES)] for r in report["segments"]]
    assert footer == ["All", *(f"{report['total'][s]:,}" for s in STAGES)]
    chart = page.locator("main canvas").evaluate("c => Chart.getChart(c).data")
    assert chart["datasets"] == [
        {**d, "label": r["segment"], "data": [r[s] for s in STAGES]}
        for d, r in zip(chart["datasets"], report["segments"], strict=True)
    ]
    assert f"by={by}" in page.url  # the view is linkable
    no_sideways_scroll(page)
    shoot(page, seeded, f"analytics-funnel-{by}")
    assert tab.problems == []


def test_every_other_report_shows_what_the_endpoint_answers(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded)
    names = page.get_by_label("Report", exact=True).locator("option").all_inner_texts()
    for name in [n.lower() for n in names if n.lower() not in DEDICATED]:
        page.get_by_label("Report", exact=True).select_option(name)
        page.get_by_role("button", name="Show").click()
        status, report = seeded.api.call("GET", "admin-analytics", report=name, period="30d")
        if status != 200:  # a report this server does not offer yet says why
            alert = page.get_by_role("alert")
            assert report["detail"] in alert.inner_text() and "not offer" in alert.inner_text()
            continue
        page.wait_for_function(  # this report rendered, not the one before it
            "name => document.getElementById('announce').textContent === `${name} report loaded.`",
            arg=name,
        )
        lists = {k: v for k, v in report.items() if isinstance(v, list)}
        for key, rows in lists.items():
            table = page.locator("main table").nth(list(lists).index(key))
            assert len(cells(table)) == 1 + max(1, len(rows)), key
    assert tab.problems == [e for e in tab.problems if "422" in e]


def test_the_tags_view_shows_the_apis_numbers(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded)
    page.get_by_label("Report", exact=True).select_option("tags")
    page.get_by_role("button", name="Show").click()
    report = seeded.api.get("admin-analytics", report="tags", period="30d")
    outcomes = {r["tag"] for r in report["tags"] if r["family"] == "outcome"}
    assert report["conversations"] >= 3 and "pending" in outcomes  # the seeded chats
    header, *body = cells(caption_table(page, "Conversation tags"))
    assert header == ["Family", "Tag", "Conversations", "Share", "Mean confidence"]
    assert [row[:3] for row in body] == [
        [
            r["family"].replace("_", " ").capitalize(),
            r["tag"].replace("_", " ").capitalize(),
            f"{r['conversations']:,}",
        ]
        for r in report["tags"]
    ]
    chart = page.locator("main canvas").evaluate("c => Chart.getChart(c).data")
    assert chart["datasets"][0]["data"] == [
        r["conversations"] for r in report["tags"] if r["family"] == "outcome"
    ]
    no_sideways_scroll(page)
    shoot(page, seeded, "analytics-tags")
    assert tab.problems == []


def test_profitability_shows_the_apis_numbers_and_its_cost_model(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded)
    show_report(page, "profitability")
    report = seeded.api.get("admin-analytics", report="profitability", period="30d")
    [event] = report["bookings"]  # the event the seeding completed
    assert event["revenue_cents"] > 0 and event["chef_cents"] == 30_000
    months = caption_table(page, "Monthly trend")
    shown = facts_of(page)
    assert shown["Cost model"] == report["cost_model_version"] == "default"
    assert shown["Net profit"] == money(report["total"]["net_profit_cents"])
    margins = ("revenue_cents", "direct_cost_cents", "gross_profit_cents", "gross_margin")
    margins += ("overhead_cents", "net_profit_cents", "net_margin")

    def line(row: dict[str, Any], first: str) -> list[str]:
        amounts = [percent(row[k]) if k.endswith("margin") else money(row[k]) for k in margins]
        return [first, f"{row['events']:,}", *amounts, f"{row['low_margin_events']:,}"]

    header, *body, footer = cells(months)
    assert header[:3] == ["Month", "Events", "Revenue"]
    assert body == [line(m, m["month"]) for m in report["months"]]
    assert footer == line(report["total"], "All")
    _, *per_event = cells(caption_table(page, "Profit per event"))
    at = {name: i for i, name in enumerate(cells(caption_table(page, "Profit per event"))[0])}
    assert [
        (r[0], r[at["Chef"]], r[at["Revenue"]], r[at["Net profit"]], r[at["Net margin"]])
        for r in per_event
    ] == [
        (
            event["booking_id"],
            money(event["chef_cents"]),
            money(event["revenue_cents"]),
            money(event["net_profit_cents"]),
            percent(event["net_margin"]),
        )
    ]
    _, *low = cells(caption_table(page, "Low-margin events"))
    flagged = [[b["booking_id"]] for b in report["low_margin"]]
    assert [r[:1] for r in low] == (flagged or [["No event fell below the threshold."]])
    chart = page.locator("main canvas").evaluate("c => Chart.getChart(c).data.datasets")
    assert chart[2]["data"] == [m["net_profit_cents"] / 100 for m in report["months"]]
    no_sideways_scroll(page)
    shoot(page, seeded, "analytics-profitability")
    assert tab.problems == []


def test_channel_performance_shows_the_apis_numbers(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded)
    show_report(page, "channels")
    report = seeded.api.get("admin-analytics", report="channels", period="30d")
    assert report["total"]["conversations"] >= 3 and report["total"]["ratings"] >= 1

    def line(r: dict[str, Any], first: str) -> list[str]:
        wait = r["first_response_seconds"]
        each = r["messages_per_conversation"]
        return [
            first,
            f"{r['conversations']:,}",
            "—" if wait is None else f"{fixed(wait, 1)} s",
            "—" if each is None else fixed(each, 2),
            percent(r["conversion"]),
            money(r["revenue_cents"]),
            percent(r["escalation_rate"]),
            percent(r["rating"]),
            f"{r['ratings']:,}",
            f"${fixed(r['ai_cost_microusd'] / 1_000_000, 4)}",
            percent(r["llm_free_share"]),
        ]

    header, *body, footer = cells(caption_table(page, "Channel performance"))
    assert header[:3] == ["Channel", "Conversations", "First response"]
    assert body == [line(r, r["channel"]) for r in report["channels"]]
    assert footer == line(report["total"], "All")
    chart = page.locator("main canvas").evaluate("c => Chart.getChart(c).data")
    assert chart["labels"] == [r["channel"] for r in report["channels"]]
    assert chart["datasets"][0]["data"] == [
        (r["conversion"] or 0) * 100 for r in report["channels"]
    ]
    no_sideways_scroll(page)
    shoot(page, seeded, "analytics-channels")
    assert tab.problems == []


def test_the_decision_dashboard_says_how_many_inquiries_are_missing(
    tab: Tab, seeded: Seeded
) -> None:
    page = sign_in(tab, seeded)
    show_report(page, "decisions")
    report = seeded.api.get("admin-analytics", report="decisions", period="30d")
    assert report["inquiries"] < report["min_inquiries"] and report["decisions"] == []
    page.get_by_text(report["summary"]).wait_for()
    shown = facts_of(page)
    assert (shown["Inquiries"], shown["Still needed"]) == (
        f"{report['inquiries']:,}",
        f"{report['inquiries_needed']:,}",
    )
    assert report["inquiries"] + report["inquiries_needed"] == 50
    assert page.locator("main table").count() == 0  # nothing to decide on yet
    shoot(page, seeded, "analytics-decisions")
    assert tab.problems == []


def test_the_decision_view_shows_each_verdict_and_its_numbers(tab: Tab, seeded: Seeded) -> None:
    """Above 50 inquiries (a dashboard the endpoint would answer, rendered directly)."""
    page = sign_in(tab, seeded)
    phone, follow_up = RULES[0], RULES[1]
    report = DecisionsReport(
        from_=datetime(2026, 11, 1).date(),
        to=datetime(2026, 11, 30).date(),
        inquiries=60,
        inquiries_needed=0,
        summary="60 inquiries: build the voice agent.",
        decisions=[decide(phone, 20, 60), decide(follow_up, 30, 60)],  # 33.3% > 30%; 50% = 50%
    ).model_dump(mode="json")
    made = page.evaluate(
        """async report => {
            const { decisions } = await import('./staff-console/views/business_reports.js');
            const main = document.querySelector('main');
            main.replaceChildren(...decisions(report));
            return {
                cells: [...main.querySelector('table').rows]
                    .map(r => [...r.cells].map(c => c.textContent.trim())),
                items: [...main.querySelectorAll('ul.recommendations li')]
                    .map(li => li.textContent),
                bars: Chart.getChart(main.querySelector('canvas')).data.datasets.map(d => d.data),
            };
        }""",
        report,
    )
    assert made["cells"] == [
        ["Feature", "Count", "Out of", "Share", "Threshold", "Verdict"],
        [phone.build, "20", "60", "33.3%", "30.0%", "Build"],
        [follow_up.build, "30", "60", "50.0%", "50.0%", "Not yet"],
    ]
    assert made["items"] == [d["recommendation"] for d in report["decisions"]]
    assert made["bars"] == [[33.33, 50], [30, 50]]


def test_the_lost_view_shows_reasons_evidence_and_links_each_conversation(
    tab: Tab, seeded: Seeded
) -> None:
    """The lost renderer on a report shaped like the API's (the seeded chats are not a week
    old, so the server has no loss to show)."""
    page = sign_in(tab, seeded)
    reason = {"conversations": 2, "share": 1.0, "quoted_cents": 220000, "sentiment": -0.4}
    report = {
        "report": "lost",
        "from": "2026-11-01",
        "to": "2026-11-30",
        "lost": 2,
        "quoted_cents": 220000,
        "recovery_attempts": 1,
        "recovered": 1,
        "reasons": [{"reason": "travel_fee", **reason, "recovery_attempts": 1, "recovered": 1}],
        "conversations": [
            {
                "thread_id": "web-abc",
                "reason": "travel_fee",
                "evidence": "¿Por qué el cargo de viaje?",
                "sentiment": -0.4,
                "quoted_cents": 110000,
                "recovery_attempts": 1,
                "recovered": True,
            }
        ],
    }
    made = page.evaluate(
        """async report => {
            const { lost } = await import('./staff-console/views/tagging_reports.js');
            const main = document.querySelector('main');
            main.replaceChildren(...lost(report));
            const [reasons, latest] = main.querySelectorAll('table');
            const rows = t => [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim()));
            return {
                reasons: rows(reasons),
                latest: rows(latest),
                link: latest.querySelector('a').getAttribute('href'),
                chart: Chart.getChart(main.querySelector('canvas')).data.datasets.map(d => d.data),
            };
        }""",
        report,
    )
    assert made["reasons"][1] == ["Travel fee", "2", "100.0%", "$2,200.00", "-0.40", "1", "1"]
    assert made["latest"][1][:3] == ["web-abc", "Travel fee", "¿Por qué el cargo de viaje?"]
    assert made["latest"][1][-1] == "yes"
    assert made["link"] == "#/conversation/web-abc"
    assert made["chart"] == [[2], [1]]


def test_unknown_report_shapes_become_tables_and_charts(tab: Tab, seeded: Seeded) -> None:
    """The generic renderer on a made-up report: whatever lists of objects it holds."""
    page = sign_in(tab, seeded)
    report = {
        "report": "made-up",
        "from": "2026-11-01",
        "rows": [
            {"reason": "price", "threads": 7, "lost_cents": 123456},
            {"reason": "date", "threads": 2, "lost_cents": 0, "note": {"x": 1}},
        ],
        "total": {"threads": 9},
    }
    made = page.evaluate(
        """async report => {
            const { generic } = await import('./staff-console/views/report_table.js');
            const main = document.querySelector('main');
            main.replaceChildren(...generic(report));
            const t = main.querySelector('table');
            return {
                cells: [...t.rows].map(r => [...r.cells].map(c => c.textContent.trim())),
                chart: Chart.getChart(main.querySelector('canvas')).data.datasets.map(d => d.data),
                facts: main.querySelector('dl').textContent,
            };
        }""",
        report,
    )
    assert made["cells"] == [
        ["Reason", "Threads", "Lost cents", "Note"],
        ["price", "7", "$1,234.56", "—"],
        ["date", "2", "$0.00", '{"x":1}'],
    ]
    assert made["chart"] == [[7, 2], [1234.56, 0]]
    assert "made-up" in made["facts"] and "2026-11-01" in made["facts"]


def test_the_escalation_queue_opens_a_conversation_and_staff_reply(
    tab: Tab, seeded: Seeded
) -> None:
    page = sign_in(tab, seeded, "escalations")
    mine = seeded.escalated[width(page)]
    queue = seeded.api.get("admin-conversations", status="escalated", limit=100)["threads"]
    assert mine in [t["id"] for t in queue]
    table = caption_table(page, f"{len(queue)} conversation")
    _, *body = cells(table)
    assert [(r[0], r[1], r[2]) for r in body] == [
        (t["id"], t["channel"].capitalize(), t["status"]) for t in queue
    ]
    no_sideways_scroll(page)
    shoot(page, seeded, "escalations")

    page.get_by_role("link", name=mine).click()
    transcript = seeded.api.get("admin-conversations", thread_id=mine)
    messages = page.locator("ol.messages > li")
    page.get_by_role("heading", name=f"Messages ({len(transcript['messages'])})").wait_for()
    assert messages.locator(".text").all_inner_texts() == [
        m["text"] for m in transcript["messages"]
    ]
    assert (
        transcript["thread"]["escalation_reason"].replace("_", " ")
        in page.locator("dl.facts").inner_text().lower()
    )
    shoot(page, seeded, "conversation")

    text = f"Hi, this is the team ({width(page)} px). Happy to help!"
    page.get_by_label("Reply to the customer").fill(text)
    page.get_by_role("button", name="Send reply").click()
    page.locator("ol.messages > li.staff .text", has_text=text).wait_for()
    after = seeded.api.get("admin-conversations", thread_id=mine)
    assert [m["text"] for m in after["messages"] if m["author"] == "staff"][-1] == text
    assert after["thread"]["status"] == "staff"
    assert tab.problems == []


def test_campaigns_list_matches_the_api(tab: Tab, seeded: Seeded) -> None:
    made = seeded.api.post(
        "admin-campaigns",
        {"action": "create", "name": "Console check", "channel": "sms", "holiday": "christmas"},
    )["campaign"]
    page = sign_in(tab, seeded, "campaigns")
    listed = seeded.api.get("admin-campaigns")
    table = caption_table(page, "Campaigns, newest first").filter(
        has_text=f"{len(listed['campaigns'])} shown"
    )
    header, *body = cells(table)
    assert header[:4] == ["Campaign", "Channel", "Segment", "State"]
    assert [(r[0], r[3]) for r in body] == [(c["name"], c["state"]) for c in listed["campaigns"]]
    assert (made["name"], "draft") in [(r[0], r[3]) for r in body]
    _, *holidays = cells(caption_table(page, "Holiday templates"))
    assert [r[0] for r in holidays] == [h["name"] for h in listed["holidays"]]
    assert tab.problems == []


def test_bookings_list_and_status_filter_match_the_api(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded, "bookings")
    for status in ("", "held", "completed"):
        page.get_by_label("Status").select_option(status)
        page.get_by_role("button", name="Show").click()
        listed = seeded.api.get(
            "admin-bookings", **({"status": status} if status else {}), limit=50
        )
        shown = f"{len(listed['bookings'])} shown"
        table = caption_table(page, "Bookings (").filter(has_text=shown)
        header, *body = cells(table)
        assert header[:2] == ["Booking", "Event date"]
        if not listed["bookings"]:
            assert body == [["No bookings match."]]
            continue
        at = {name: i for i, name in enumerate(header)}
        assert [
            (r[0], r[at["Status"]], r[at["Total"]], r[at["Deposit"]], r[at["Guests"]]) for r in body
        ] == [
            (
                b["id"],
                b["status"],
                money(b["total_cents"]),
                money(b["deposit_cents"]),
                str(b["adults"] + b["children"] + b["toddlers"]),
            )
            for b in listed["bookings"]
        ]
        if status == "held":
            assert seeded.booking_id in [r[0] for r in body]
            no_sideways_scroll(page)
            shoot(page, seeded, "bookings-held")
    assert tab.problems == []


def test_learning_readiness_matches_the_api(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded, "learning")
    readiness = seeded.api.get("admin-learning")
    assert readiness["rows"], "the rating made a readiness row"
    table = caption_table(page, "Readiness per channel group and intent")
    header, *body = cells(table)
    at = {name: i for i, name in enumerate(header)}
    assert [
        (r[0], r[at["Samples"]], r[at["Agreement"]], r[at["Needed"]], r[at["Gate"]]) for r in body
    ] == [
        (
            f"{r['group']} · {r['intent']}",
            f"{r['samples']:,}",
            f"{r['agreement'] * 100:.1f}%",
            f"{r['threshold']['accuracy'] * 100:.1f}%",
            r["gate"]["status"],
        )
        for r in readiness["rows"]
    ]
    bars = page.locator("main canvas").evaluate("c => Chart.getChart(c).data.datasets")
    assert bars[1]["data"] == [r["threshold"]["accuracy"] * 100 for r in readiness["rows"]]
    no_sideways_scroll(page)
    shoot(page, seeded, "learning")
    assert tab.problems == []


def test_marketing_shows_the_report_and_a_manager_approves_from_it(
    tab: Tab, seeded: Seeded
) -> None:
    page = sign_in(tab, seeded, "marketing")
    report = seeded.api.get("admin-marketing")
    header, *body = cells(caption_table(page, "Markets: ad spend"))
    at = {name: i for i, name in enumerate(header)}
    assert [(r[0], r[at["Ad spend"]], r[at["Revenue"]]) for r in body] == [
        (m["market"], money(m["ads"]["cost_cents"]), money(m["revenue_cents"]))
        for m in report["markets"]
    ]
    pending = report["recommendations"]
    waiting = caption_table(page, f"Recommendations waiting for a decision ({len(pending)})")
    assert [r[0] for r in cells(waiting)[1:]] == [r["title"] for r in pending]
    no_sideways_scroll(page)
    shoot(page, seeded, "marketing")
    first = pending[0]
    page.get_by_role("button", name=f"Approve: {first['title']}").click()
    caption_table(page, f"Recommendations waiting for a decision ({len(pending) - 1})")
    applied = seeded.api.get("admin-marketing", view="recommendations", status="applied")
    assert first["id"] in [r["id"] for r in applied["recommendations"]]
    assert tab.problems == []


def test_keyboard_reaches_skip_link_navigation_and_views(tab: Tab, seeded: Seeded) -> None:
    page = sign_in(tab, seeded)
    page.get_by_role("heading", name="Analytics").wait_for()
    skip = page.get_by_role("link", name="Skip to content")
    skip.focus()
    assert skip.is_visible()  # hidden until focused, then on screen
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.get_by_role("link", name="Learning").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Learning readiness").wait_for()
    assert page.evaluate("document.activeElement.tagName") == "H1"  # focus follows the view
    assert page.get_by_role("link", name="Learning").get_attribute("aria-current") == "page"


def test_no_accessibility_violations_in_any_view(tab: Tab, seeded: Seeded) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = tab.page
    page.goto(seeded.console)
    page.get_by_label("Admin token").wait_for()
    found = {"sign-in": axe.run(page).response["violations"]}
    sign_in(tab, seeded)
    for view in VIEWS:
        page.get_by_role("link", name=view.capitalize()).click()
        page.locator("main table").first.wait_for()
        page.locator("[aria-busy]").first.wait_for(state="detached")  # no eval: the CSP forbids it
        found[view] = axe.run(page).response["violations"]
    page.goto(f"{seeded.console}#/conversation/{seeded.escalated[width(page)]}")
    page.locator("ol.messages").wait_for()
    found["conversation"] = axe.run(page).response["violations"]
    summary = {v: [(x["id"], x["help"]) for x in found[v]] for v in found if found[v]}
    assert summary == {}
