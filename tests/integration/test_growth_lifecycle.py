"""The customer lifecycle through the real functions: review requests, private feedback,
referral credits, loyalty, memory from bookings, reminders and Google review replies."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, timedelta
from typing import Any

from shared.ai import validator
from shared.ai.tools.business import _quote_summary
from shared.booking.policy import HOLD_FOR
from shared.booking.records import BOOKINGS
from shared.channels.outbound import OUTBOX
from shared.conversation import handoff
from shared.customers import consent, memory
from shared.customers.identity import CUSTOMERS
from shared.growth import loyalty, referrals, reviews
from shared.growth.gbp_local import LOCAL_REVIEWS
from shared.growth.loyalty import LEDGER
from shared.platform import audit
from shared.platform.docstore import Filter
from shared.platform.tasks.local import COLLECTION as TASKS
from shared.pricing import store as price_books
from shared.pricing.models import Quote
from tests.integration.test_payments_balance import confirmed
from tests.integration.test_payments_webhook import held, run_tasks


def sweep(api: Any, name: str = "/lifecycle-sweep") -> dict[str, Any]:
    status, report = api.admin("POST", name, {})
    assert status == 200, report
    return dict(report)


def stored(platform: Any, booking_id: str) -> dict[str, Any]:
    return dict(platform.store.get(BOOKINGS, booking_id))


def at_end(platform: Any, booking_id: str, after: timedelta) -> None:
    platform.clock.set(stored(platform, booking_id)["end"] + after)


def review_texts(platform: Any) -> dict[str, str]:
    return {
        d.id.removeprefix("review-"): d.data["text"]
        for d in platform.store.query(OUTBOX)
        if d.id.startswith("review-")
    }


def audit_actions(platform: Any, entity: str) -> list[str]:
    entries = platform.store.query(audit.COLLECTION, [Filter.eq("entity", entity)])
    return [e.data["action"] for e in entries]


def complete(api: Any, booking_id: str) -> None:
    status, body = api.admin(
        "POST", "/admin-bookings", {"action": "complete", "booking_id": booking_id}
    )
    assert status == 200, body


# --- reviews --------------------------------------------------------------------------


def test_each_customer_gets_one_review_request_in_the_window(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api)
    at_end(platform, booking["id"], timedelta(minutes=10))
    assert sweep(api)["review_requests"] == []  # the guests are still leaving
    at_end(platform, booking["id"], reviews.ASK_AFTER)
    assert sweep(api)["review_requests"] == [booking["id"]]
    at_end(platform, booking["id"], timedelta(minutes=45))
    assert sweep(api)["review_requests"] == []  # a rerun in the window asks nothing more
    at_end(platform, booking["id"], reviews.WINDOW + timedelta(minutes=1))
    assert sweep(api)["review_requests"] == []
    run_tasks(api)
    texts = review_texts(platform)
    assert list(texts) == [booking["id"]]
    sent = platform.store.get(OUTBOX, f"review-{booking['id']}")
    assert sent["channel"] == "sms" and "/feedback?booking=" in sent["text"]


def test_the_request_text_is_the_same_whatever_is_known_about_sentiment(api, platform) -> None:  # type: ignore[no-untyped-def]
    unhappy = confirmed(api, phone="+1 213 555 0101", start_time="12:00")
    happy = confirmed(api, phone="+1 213 555 0102", start_time="17:00")
    # What we know says one customer is unhappy (a 1-star private rating of an earlier
    # event, a complaint); it must not change whether or what they are asked.
    unhappy_id = stored(platform, unhappy["id"])["customer_id"]
    platform.store.set(
        reviews.FEEDBACK,
        "bk_earlier",
        {"customer_id": unhappy_id, "rating": 1, "comment": "awful", "at": platform.clock.now()},
    )
    for booking in (unhappy, happy):
        at_end(platform, booking["id"], timedelta(hours=1))
        assert sweep(api)["review_requests"] == [booking["id"]]
    run_tasks(api)
    texts = review_texts(platform)
    assert set(texts) == {unhappy["id"], happy["id"]}
    assert all(t == reviews.request_text(platform, b)[0] for b, t in texts.items())
    # Apart from the link naming the booking, the words are identical.
    words = {
        t.replace(reviews.feedback_token(platform, b), "<token>").replace(b, "<booking>")
        for b, t in texts.items()
    }
    assert len(words) == 1


def event_body(push: dict[str, Any]) -> dict[str, Any]:
    """The analytics row inside a local Pub/Sub push."""
    data = push.get("message", {}).get("data")
    return json.loads(base64.b64decode(data)) if data else push


def feedback(api: Any, booking_id: str, rating: int, **extra: Any) -> tuple[int, Any]:
    token = reviews.feedback_token(api.platform, booking_id)
    body = {"booking_id": booking_id, "token": token, "rating": rating} | extra
    return api.call("POST", "/review-feedback", body)


def test_a_low_rating_opens_a_care_handoff_and_still_offers_google(api, platform) -> None:  # type: ignore[no-untyped-def]
    platform.settings = platform.settings.model_copy(
        update={"google_review_url": "https://g.page/r/local/review"}
    )
    happy = confirmed(api, phone="+1 213 555 0103", start_time="12:00")
    unhappy = confirmed(api, phone="+1 213 555 0104", start_time="17:00")
    status, good = feedback(api, happy["id"], 5, comment="Loved it")
    assert status == 200 and good["care_handoff"] is False
    status, bad = feedback(api, unhappy["id"], 2, comment="The rice was cold")
    assert status == 200 and bad["care_handoff"] is True
    assert good["google_review_url"] == bad["google_review_url"] == "https://g.page/r/local/review"
    published = [
        t.data["body"] for t in platform.store.query(TASKS) if "analytics" in t.data["target"]
    ]
    assert sum(b.get("kind") == "review" for b in map(event_body, published)) == 2
    opened = handoff.open_handoffs(platform.store)
    assert len(opened) == 1 and opened[0].priority == "high"
    assert unhappy["id"] in opened[0].reason and "2/5" in opened[0].reason
    assert platform.store.get(reviews.FEEDBACK, unhappy["id"])["comment"] == "The rice was cold"
    # A change of mind replaces the rating, and opens no second handoff.
    assert feedback(api, unhappy["id"], 1)[0] == 200
    assert platform.store.get(reviews.FEEDBACK, unhappy["id"])["rating"] == 1
    assert len(handoff.open_handoffs(platform.store)) == 1


def test_feedback_needs_the_links_token_for_that_booking(api) -> None:  # type: ignore[no-untyped-def]
    first = confirmed(api, phone="+1 213 555 0105", start_time="12:00")
    other = confirmed(api, phone="+1 213 555 0106", start_time="17:00")
    token = reviews.feedback_token(api.platform, other["id"])
    body = {"booking_id": first["id"], "token": token, "rating": 5}
    assert api.call("POST", "/review-feedback", body)[0] == 401
    assert api.call("POST", "/review-feedback", body | {"token": "x"})[0] == 401
    assert feedback(api, first["id"], 6)[0] == 422


# --- referrals, loyalty, memory --------------------------------------------------------


def credit_lines(booking: dict[str, Any]) -> list[dict[str, Any]]:
    return [line for line in booking["quote"]["lines"] if line["kind"] == "credit"]


def test_a_referred_first_booking_and_the_referrer_each_get_one_credit(api, platform) -> None:  # type: ignore[no-untyped-def]
    referrer = confirmed(api, phone="+1 213 555 0110", start_time="12:00")
    referrer_id = stored(platform, referrer["id"])["customer_id"]
    code = referrals.code_for(platform.store, referrer_id, platform.clock.now())
    assert referrals.code_for(platform.store, referrer_id, platform.clock.now()) == code

    friend = confirmed(api, phone="+1 213 555 0111", start_time="17:00", referral_code=code.lower())
    book = price_books.current(platform.store)
    welcome = book.credits[referrals.WELCOME]
    assert credit_lines(friend) == [
        {
            "label": welcome.label,
            "quantity": 1,
            "unit_cents": welcome.cents,
            "amount_cents": welcome.cents,
            "kind": "credit",
            "key": referrals.WELCOME,
        }
    ]
    quote = Quote.model_validate(friend["quote"])
    assert quote.total_cents == quote.food_cents - welcome.cents + quote.travel_cents

    # The friend's second booking, with the same code, is not a first booking.
    again = confirmed(
        api, phone="+1 213 555 0111", start_time="12:00", referral_code=code,
        event_date="2026-12-12",
    )  # fmt: skip
    assert credit_lines(again) == []

    # The friend's party happens: the referrer earns one thank-you credit, once.
    complete(api, friend["id"])
    assert friend["id"] in sweep(api)["rewarded"]
    assert friend["id"] not in sweep(api)["rewarded"]
    credits = platform.store.query(referrals.CREDITS)
    assert [(c.data["customer_id"], c.data["status"]) for c in credits] == [
        (referrer_id, "available")
    ]
    # ... spent by the referrer's next hold, and only that one.
    next_one = confirmed(api, phone="+1 213 555 0110", start_time="17:00", event_date="2026-12-12")
    assert [line["key"] for line in credit_lines(next_one)] == [referrals.THANK_YOU]
    after = confirmed(api, phone="+1 213 555 0110", start_time="12:00", event_date="2026-12-19")
    assert credit_lines(after) == []
    actions = [a for a in audit_actions(platform, "booking")]
    assert {"referral.welcome", "credit.grant", "credit.spend"} <= set(actions)


def test_a_customer_cannot_refer_themselves(api, platform) -> None:  # type: ignore[no-untyped-def]
    first = confirmed(api, phone="+1 213 555 0112", start_time="12:00")
    code = referrals.code_for(
        platform.store, stored(platform, first["id"])["customer_id"], platform.clock.now()
    )
    second = confirmed(api, phone="+1 213 555 0112", start_time="17:00", referral_code=code)
    assert credit_lines(second) == []
    unknown = confirmed(api, phone="+1 213 555 0113", start_time="17:00",
                        referral_code="NOPE1234", event_date="2026-12-12")  # fmt: skip
    assert credit_lines(unknown) == []


def test_the_ai_price_grounding_accepts_the_credit_line(api, platform) -> None:  # type: ignore[no-untyped-def]
    referrer = confirmed(api, phone="+1 213 555 0114", start_time="12:00")
    code = referrals.code_for(
        platform.store, stored(platform, referrer["id"])["customer_id"], platform.clock.now()
    )
    friend = confirmed(api, phone="+1 213 555 0115", start_time="17:00", referral_code=code)
    quote = Quote.model_validate(friend["quote"])
    evidence = validator.Evidence()
    evidence.absorb("calculate_party_quote", _quote_summary(quote))
    book = validator.price_book_amounts(price_books.current(platform.store))

    def ok(text: str) -> bool:
        return validator.check(
            text, evidence=evidence, book_amounts=book, channel="web", agent="lead"
        ).ok

    total = f"${quote.total_cents // 100:,}.{quote.total_cents % 100:02d}"
    assert ok(f"Your referral credit of $50.00 is applied: the total is {total}.")
    assert ok("Tu crédito de referido de $50 ya está aplicado.")
    assert not ok("Your referral credit of $75 is applied.")
    assert not ok("We'll give you a $100 discount.")


def test_completed_events_earn_points_once_and_update_memory(api, platform) -> None:  # type: ignore[no-untyped-def]
    first = confirmed(api, phone="+1 213 555 0116", start_time="12:00",
                      protein_selections={"filet mignon": 10, "chicken": 30},
                      occasion="birthday")  # fmt: skip
    customer_id = stored(platform, first["id"])["customer_id"]
    complete(api, first["id"])
    assert sweep(api)["rewarded"] == [first["id"]]
    assert sweep(api)["rewarded"] == []
    quote = Quote.model_validate(first["quote"])
    points = quote.food_cents // 100
    assert platform.store.get(LEDGER, first["id"])["points"] == points
    assert platform.store.get(CUSTOMERS, customer_id)["loyalty_points"] == points
    status, found = api.admin("GET", "/admin-customers", {"q": "+12135550116"}, role="staff")
    assert status == 200, found
    (customer,) = found["customers"]
    assert customer["loyalty_points"] == points and len(customer["referral_code"]) == 8
    remembered = memory.read(platform.store, customer_id)
    assert remembered.usual_party_size == 20
    assert remembered.top_proteins == ["chicken", "filet mignon"]
    assert remembered.important_dates == {"birthday": date(2026, 12, 5)}
    assert first["id"] in remembered.bookings


# --- reminders ------------------------------------------------------------------------


def reminder_texts(platform: Any, prefix: str) -> list[str]:
    return [d.data["text"] for d in platform.store.query(OUTBOX) if d.id.startswith(prefix)]


def test_event_reminders_fire_once_at_7_days_and_1_day(api, platform) -> None:  # type: ignore[no-untyped-def]
    booking = confirmed(api, phone="+1 213 555 0120")  # Dec 5, booked on Nov 21
    reminders_at = {
        datetime.fromisoformat("2026-11-27T18:00:00+00:00"): [],  # 8 days out
        datetime.fromisoformat("2026-11-28T18:00:00+00:00"): [f"event7-{booking['id']}"],
        datetime.fromisoformat("2026-11-29T18:00:00+00:00"): [],
        datetime.fromisoformat("2026-12-04T17:00:00+00:00"): [f"event1-{booking['id']}"],
        datetime.fromisoformat("2026-12-04T23:00:00+00:00"): [],
        datetime.fromisoformat("2026-12-05T18:00:00+00:00"): [],  # the day itself
    }
    for now, expected in reminders_at.items():
        platform.clock.set(now)
        assert sweep(api, "/send-reminders")["event_reminders"] == expected, now
    run_tasks(api)
    (seven,) = reminder_texts(platform, "remind7-")
    (one,) = reminder_texts(platform, "remind1-")
    assert "in 7 days" in seven and "tomorrow" in one
    url = stored(platform, booking["id"])
    assert "/_dev/pay/" in seven and "/_dev/pay/" in one
    assert url["status"] == "confirmed"


def test_a_booking_made_inside_a_window_gets_no_late_reminder(api, platform) -> None:  # type: ignore[no-untyped-def]
    platform.clock.set(datetime.fromisoformat("2026-11-30T18:00:00+00:00"))  # 5 days out
    booking = confirmed(api, phone="+1 213 555 0121")
    assert sweep(api, "/send-reminders")["event_reminders"] == []
    platform.clock.set(datetime.fromisoformat("2026-12-04T18:00:00+00:00"))
    assert sweep(api, "/send-reminders")["event_reminders"] == [f"event1-{booking['id']}"]


def _agreed_to_texts(platform: Any, customer_id: str, phone: str) -> None:
    given = consent.Consent(
        handle=phone, source="booking form", text="Texts about offers", at=platform.clock.now()
    )
    consent.record(platform.store, customer_id, "sms", given, actor="test")


def _remembers_a_birthday(api: Any, platform: Any, phone: str) -> str:
    booking = confirmed(api, phone=phone)
    customer_id: str = stored(platform, booking["id"])["customer_id"]
    complete(api, booking["id"])
    memory.remember(
        platform.store, customer_id, memory.Memory(important_dates={"birthday": date(1990, 3, 20)})
    )
    return customer_id


def test_a_book_again_reminder_needs_a_standing_marketing_consent(api, platform) -> None:  # type: ignore[no-untyped-def]
    never_asked = _remembers_a_birthday(api, platform, "+1 213 555 0123")
    stopped = _remembers_a_birthday(api, platform, "+1 213 555 0124")
    other_phone = _remembers_a_birthday(api, platform, "+1 213 555 0125")
    _agreed_to_texts(platform, stopped, "+12135550124")
    consent.opt_out(platform.store, stopped, source="sms STOP", now=platform.clock.now())
    _agreed_to_texts(platform, other_phone, "+12135559999")
    platform.clock.set(datetime.fromisoformat("2027-03-06T18:00:00+00:00"))  # 14 days ahead
    assert sweep(api, "/send-reminders")["date_reminders"] == []
    assert never_asked and reminder_texts(platform, "date-") == []


def test_a_remembered_birthday_gets_one_book_again_reminder_14_days_ahead(api, platform) -> None:  # type: ignore[no-untyped-def]
    customer_id = _remembers_a_birthday(api, platform, "+1 213 555 0122")
    _agreed_to_texts(platform, customer_id, "+12135550122")
    platform.clock.set(datetime.fromisoformat("2027-03-05T18:00:00+00:00"))  # 15 days ahead
    assert sweep(api, "/send-reminders")["date_reminders"] == []
    platform.clock.set(datetime.fromisoformat("2027-03-06T18:00:00+00:00"))  # 14 days ahead
    assert len(sweep(api, "/send-reminders")["date_reminders"]) == 1
    platform.clock.set(datetime.fromisoformat("2027-03-07T18:00:00+00:00"))
    assert sweep(api, "/send-reminders")["date_reminders"] == []
    run_tasks(api)
    (text,) = reminder_texts(platform, "date-")
    code = platform.store.get(CUSTOMERS, customer_id)["referral_code"]
    assert "birthday" in text and "Mar 20" in text and code in text


# --- Google Business Profile ----------------------------------------------------------


def test_a_google_reply_is_posted_only_after_a_managers_approval(api, platform) -> None:  # type: ignore[no-untyped-def]
    assert sweep(api, "/sync-google-reviews") == {"seen": 3, "new": 3}
    assert sweep(api, "/sync-google-reviews") == {"seen": 3, "new": 0}
    status, listed = api.admin("GET", "/admin-reviews", role="staff")
    assert status == 200 and len(listed["reviews"]) == 3
    low = next(r for r in listed["reviews"] if r["stars"] == 2)
    review_id = low["review_id"]
    local_id = review_id.rsplit("/", 1)[-1]

    approve = {"action": "approve", "review_id": review_id}
    assert api.admin("POST", "/admin-reviews", approve)[0] == 409  # nothing drafted yet
    text = "We're sorry, Sam. Please call us so we can make it right."
    draft = {"action": "draft", "review_id": review_id, "text": text}
    status, body = api.admin("POST", "/admin-reviews", draft, role="staff")
    assert status == 200 and body["reply_status"] == "drafted"
    assert platform.store.get(LOCAL_REVIEWS, local_id).get("reply") is None  # not on Google

    assert api.admin("POST", "/admin-reviews", approve, role="staff")[0] == 403
    assert platform.store.get(LOCAL_REVIEWS, local_id).get("reply") is None
    status, body = api.admin("POST", "/admin-reviews", approve, role="manager")
    assert status == 200 and body["reply_status"] == "replied" and body["reply"] == text
    assert platform.store.get(LOCAL_REVIEWS, local_id)["reply"] == text
    assert api.admin("POST", "/admin-reviews", approve, role="manager")[0] == 409
    actions = [a for a in audit_actions(platform, "google_review")]
    assert sorted(actions) == ["google_review.draft", "google_review.reply"]


def test_a_credit_spent_on_a_hold_that_expired_can_be_used_again(api, platform) -> None:  # type: ignore[no-untyped-def]
    referrer = confirmed(api, phone="+1 213 555 0117", start_time="12:00")
    code = referrals.code_for(
        platform.store, stored(platform, referrer["id"])["customer_id"], platform.clock.now()
    )
    lapsed = held(api, phone="+1 213 555 0118", start_time="17:00", referral_code=code)
    assert [line["key"] for line in credit_lines(lapsed)] == [referrals.WELCOME]
    platform.clock.advance(HOLD_FOR + timedelta(minutes=1))
    run_tasks(api)
    assert stored(platform, lapsed["id"])["status"] == "expired"
    again = held(api, phone="+1 213 555 0118", start_time="17:00", referral_code=code)
    assert [line["key"] for line in credit_lines(again)] == [referrals.WELCOME]
    # The reschedule re-quotes the booking with the credit it already carries.
    status, moved = api.call(
        "POST",
        "/reschedule-booking",
        {"booking_id": again["id"], "event_date": "2026-12-12", "start_time": "17:00"},
        **{"X-Booking-Token": again["access_token"]},
    )
    assert status == 200, moved
    assert [line["key"] for line in credit_lines(moved)] == [referrals.WELCOME]


def test_a_merge_keeps_the_points_and_the_referral_code(api, platform) -> None:  # type: ignore[no-untyped-def]
    first = confirmed(api, phone="+1 213 555 0130", start_time="12:00")
    second = confirmed(api, phone="+1 213 555 0131", start_time="17:00")
    source = stored(platform, first["id"])["customer_id"]
    target = stored(platform, second["id"])["customer_id"]
    complete(api, first["id"])
    sweep(api)
    points = platform.store.get(CUSTOMERS, source)["loyalty_points"]
    code = platform.store.get(CUSTOMERS, source)["referral_code"]
    merge = {"source_id": source, "target_id": target}
    assert api.admin("POST", "/admin-customers", merge)[0] == 200
    merged = platform.store.get(CUSTOMERS, target)
    assert merged["loyalty_points"] == points and merged["referral_code"] == code
    assert referrals.referrer_of(platform.store, code) == target


def test_points_buy_the_books_loyalty_reward_once_and_come_back_if_the_hold_lapses(
    api, platform
) -> None:  # type: ignore[no-untyped-def]
    first = confirmed(api, phone="+1 213 555 0140", start_time="12:00")
    customer_id = stored(platform, first["id"])["customer_id"]
    complete(api, first["id"])
    sweep(api)
    earned = platform.store.get(CUSTOMERS, customer_id)["loyalty_points"]
    reward = price_books.current(platform.store).loyalty.reward
    assert reward is not None and earned >= reward.points  # 1,100 points for $1,100 of food

    spent = held(api, phone="+1 213 555 0140", start_time="17:00", event_date="2026-12-12")
    assert [line["key"] for line in credit_lines(spent)] == [reward.credit]
    assert loyalty.available(platform.store, customer_id) == earned - reward.points
    second = held(api, phone="+1 213 555 0140", start_time="12:00", event_date="2026-12-12")
    assert credit_lines(second) == []  # 100 points left

    platform.clock.advance(HOLD_FOR + timedelta(minutes=1))
    run_tasks(api)
    assert loyalty.available(platform.store, customer_id) == earned
    again = held(api, phone="+1 213 555 0140", start_time="17:00", event_date="2026-12-19")
    assert [line["key"] for line in credit_lines(again)] == [reward.credit]
    assert "loyalty.redeem" in audit_actions(platform, "customer")
