"""Campaigns end to end through the function app: consent, approval, fan-out in each
recipient's window, STOP on any channel, the frequency cap, unsubscribe, and sends that a
retry never repeats."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from functions._app.seeding import seed_if_empty
from shared.ai.inbound import InboundEvent
from shared.booking.records import BOOKINGS
from shared.channels.inbound import accept
from shared.customers import consent, identity
from shared.marketing import sending
from shared.platform import audit
from shared.platform.docstore import Filter
from shared.platform.env_secrets import EnvSecrets
from shared.platform.services import Platform
from shared.platform.tasks.local import COLLECTION as TASKS
from tests.integration.test_sms_webhook import VERIFIED, post, run_tasks
from tests.support.fake_ringcentral import SECRETS, FakeRingCentral, sending_platform
from tests.support.platform import local_platform

ADDRESS = "MyHibachi, 100 Main St, Miami, FL 33130"
FL_PHONE, TX_PHONE = "+13055550111", "+15125550122"
SATURDAY_NOON_UTC = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)  # the manual clock's start


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    with local_platform(
        tmp_path,
        rate_limit_enabled=False,
        business_postal_address=ADDRESS,
        function_base_url="https://example.test",
    ) as p:
        p.secrets = EnvSecrets(environ=SECRETS)
        seed_if_empty(p)
        yield p


def customer(
    platform: Platform,
    *,
    phone: str | None = None,
    mail: str | None = None,
    name: str = "Dana",
    zipcode: str = "33130",
    market: str = "miami",
) -> str:
    handles: list[tuple[identity.HandleKind, str]] = []
    handles += [("phone", phone)] if phone else []
    handles += [("email", mail)] if mail else []
    customer_id = identity.resolve(platform.store, handles, now=platform.clock.now(), name=name)
    platform.store.set(
        BOOKINGS,
        f"bk-{customer_id}",
        {
            "customer_id": customer_id,
            "status": "completed",
            "event_date": date(2026, 3, 1).isoformat(),
            "market": market,
            "customer_zipcode": zipcode,
            "occasion": "birthday",
        },
    )
    return customer_id


def consents(api: Any, customer_id: str, channel: str) -> None:
    status, record = api.admin(
        "POST",
        "/admin-campaigns",
        {
            "action": "record_consent",
            "customer_id": customer_id,
            "channel": channel,
            "source": "web signup form",
            "text": "Yes, send me MyHibachi offers. Msg & data rates may apply. STOP to end.",
        },
        role="staff",
    )
    assert status == 200, record
    assert record["channels"][channel]["source"] == "web signup form"


def act(api: Any, action: str, campaign_id: str, role: str = "manager") -> tuple[int, Any]:
    return api.admin(
        "POST", "/admin-campaigns", {"action": action, "campaign_id": campaign_id}, role=role
    )


def create(api: Any, channel: str = "sms", **fields: Any) -> dict[str, Any]:
    body = {"action": "create", "name": "Mother's Day", "channel": channel} | fields
    if "text" not in fields:
        body["holiday"] = "mothers_day"
    status, view = api.admin("POST", "/admin-campaigns", body, role="staff")
    assert status == 200, view
    assert view["preview"]["longest_name"]["segments"] >= 1  # counts shown as it is made
    return view["campaign"]  # type: ignore[no-any-return]


def launch(api: Any, campaign_id: str) -> dict[str, Any]:
    assert act(api, "approve", campaign_id)[0] == 200
    status, view = act(api, "send", campaign_id)
    assert status == 200, view
    return run_all(api, campaign_id)


def run_all(api: Any, campaign_id: str) -> dict[str, Any]:
    """Run every task due (the clock jumps to each), then read the campaign's progress."""
    run_tasks(api, api.platform)
    status, view = api.admin("GET", "/admin-campaigns", {"campaign_id": campaign_id})
    assert status == 200
    return view  # type: ignore[no-any-return]


def sends(platform: Platform, campaign_id: str) -> dict[str, dict[str, Any]]:
    docs = platform.store.query(sending.SENDS)
    return {d.data["customer_id"]: d.data for d in docs if d.data["campaign_id"] == campaign_id}


def test_a_campaign_goes_only_to_consenting_customers_each_in_their_window(
    api: Any, platform: Platform
) -> None:
    florida = customer(platform, phone=FL_PHONE)
    texas = customer(platform, phone=TX_PHONE, name="Sam", zipcode="78701", market="la")
    silent = customer(platform, phone="+13055550133", name="Lee")  # never consented
    consents(api, florida, "sms")
    consents(api, texas, "sms")

    campaign = create(api)
    assert campaign["drafted_by"] == "template" and "{first_name}" in campaign["text"]
    status, view = act(api, "preview", campaign["id"], role="staff")
    assert status == 200
    preview = view["preview"]
    assert (preview["audience"], preview["eligible"]) == (3, 2)
    assert preview["suppressed"] == {"no_consent": 1}
    assert preview["segments"] == {"1": 2} and preview["encodings"] == {"GSM-7": 2}
    assert preview["longest_name"]["segments"] == 1
    assert {s["text"].split("!")[0] for s in preview["samples"]} == {
        "MyHibachi: Hi Dana",
        "MyHibachi: Hi Sam",
    }

    view = launch(api, campaign["id"])
    assert view["campaign"]["state"] == "done"
    assert view["progress"] == {
        "queued": 0, "sent": 2, "suppressed": 1, "failed": 0, "reasons": {"no_consent": 1},
    }  # fmt: skip
    assert view["campaign"]["totals"] == {"queued": 0, "sent": 2, "suppressed": 1, "failed": 0}
    done = sends(platform, campaign["id"])
    # Saturday: Florida may be texted from 8 am Eastern, Texas from 9 am Central.
    assert done[florida]["at"] == datetime(2026, 11, 21, 13, 0, tzinfo=UTC)
    assert done[texas]["at"] == datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
    assert done[silent]["status"] == "suppressed"
    entries = platform.store.query(audit.COLLECTION, [Filter.eq("entity_id", campaign["id"])])
    assert {e.data["action"] for e in entries} >= {  # every step is audited
        "campaign.create",
        "campaign.approved",
        "campaign.sending",
        "campaign.done",
    }


def test_an_unapproved_campaign_never_sends(api: Any, platform: Platform) -> None:
    dana = customer(platform, phone=FL_PHONE)
    consents(api, dana, "sms")
    campaign = create(api)
    assert act(api, "send", campaign["id"])[1]["code"] == "bad_campaign_state"  # 409
    assert act(api, "approve", campaign["id"], role="staff")[0] == 403
    assert act(api, "send", campaign["id"], role="staff")[0] == 403

    # Whatever path leads there: a campaign marked sending without approval sends nothing...
    platform.store.update(sending.campaigns.CAMPAIGNS, campaign["id"], {"state": "sending"})
    assert sending.fan_out(platform, campaign["id"]).queued == 0
    # ...nor one whose text changed after it was approved.
    other = create(api, text="Hi {first_name}! Hibachi night. Reply to book.")
    assert act(api, "approve", other["id"])[0] == 200
    status, _ = api.admin(
        "POST", "/admin-campaigns", {"action": "update", "campaign_id": other["id"], "text": "x"}
    )
    assert status == 409  # only a draft is edited
    platform.store.update(sending.campaigns.CAMPAIGNS, other["id"], {"text": "Changed!"})
    assert act(api, "send", other["id"])[0] == 200
    run_tasks(api, platform)
    assert sending.progress(platform, other["id"]).sent == 0
    assert sends(platform, other["id"]) == {}
    assert all(s["status"] != "sent" for s in platform.store.query(sending.SENDS))


def test_stop_on_any_channel_stops_marketing_on_every_channel(api: Any, platform: Platform) -> None:
    by_sms = customer(platform, phone=FL_PHONE, mail="a@example.com")
    by_whatsapp = customer(platform, phone="+13055550144", mail="b@example.com", name="Bo")
    identity.resolve(
        platform.store, [("phone", "+13055550144"), ("whatsapp", "13055550144")],
        now=platform.clock.now(),
    )  # fmt: skip
    by_link = customer(platform, phone="+13055550155", mail="c@example.com", name="Cy")
    for who in (by_sms, by_whatsapp, by_link):
        consents(api, who, "sms")
        consents(api, who, "email")

    assert post(api, sms_from(FL_PHONE, "STOP"), **VERIFIED)[1]["outcome"] == "keyword"
    accept(platform, InboundEvent(
        channel="whatsapp", sender="13055550144", text="Stop", provider_message_id="wa-1"
    ))  # fmt: skip
    newsletter = create(api, "email", text="Hi {first_name}, our winter menu.", subject="Menu")
    _, view = act(api, "preview", newsletter["id"])
    assert view["preview"]["suppressed"] == {"opted_out": 2}
    launch(api, newsletter["id"])
    [mail] = list((platform.settings.data_dir / "mail").glob("cmp-*.eml"))
    link = unsubscribe_link(mail)
    token = parse_qs(urlsplit(link).query)["token"][0]
    answer = api.client.post(
        f"/unsubscribe?token={token}",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 200 and "unsubscribed" in answer.get_data(as_text=True)

    texts = create(api, text="Hi {first_name}! Hibachi night. Reply to book.")
    _, view = act(api, "preview", texts["id"])
    assert view["preview"]["eligible"] == 0
    assert view["preview"]["suppressed"] == {"opted_out": 3}
    for who in (by_sms, by_whatsapp, by_link):
        assert consent.get(platform.store, who).opted_out_at is not None


def sms_from(phone: str, text: str) -> dict[str, Any]:
    from tests.integration.test_sms_webhook import sms

    note = sms(f"in-{phone}-{text}", text)
    note["body"]["from"]["phoneNumber"] = phone
    return note


def unsubscribe_link(path: Path) -> str:
    message: Message = email.message_from_bytes(path.read_bytes())
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message["List-Unsubscribe"]
    assert header.startswith("<https://example.test/unsubscribe?token=") and header.endswith(">")
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert ADDRESS in body and header[1:-1] in body
    return header[1:-1]


def test_newsletter_carries_one_click_unsubscribe_and_the_postal_address(
    api: Any, platform: Platform
) -> None:
    dana = customer(platform, mail="dana@example.com")
    consents(api, dana, "email")
    newsletter = create(api, "email", text="Hi {first_name}, news.", subject="News")
    view = launch(api, newsletter["id"])
    assert view["progress"]["sent"] == 1
    [mail] = list((platform.settings.data_dir / "mail").glob("cmp-*.eml"))
    link = unsubscribe_link(mail)
    page = api.client.get(link.removeprefix("https://example.test"))
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert '<form method="post"' in page.get_data(as_text=True)
    assert consent.get(platform.store, dana).opted_out_at is None  # a GET changes nothing
    bad = api.client.post("/unsubscribe?token=forged", data="List-Unsubscribe=One-Click")
    assert bad.status_code == 400
    assert api.client.post(link.removeprefix("https://example.test")).status_code == 200
    assert consent.get(platform.store, dana).opted_out_at is not None


def test_an_email_campaign_needs_the_postal_address(api: Any, platform: Platform) -> None:
    platform.settings = platform.settings.model_copy(update={"business_postal_address": None})
    newsletter = create(api, "email", text="Hi {first_name}, news.", subject="News")
    status, problem = act(api, "approve", newsletter["id"])
    assert (status, problem["code"]) == (409, "postal_address_missing")


def test_the_frequency_cap_holds_across_campaigns(api: Any, platform: Platform) -> None:
    dana = customer(platform, phone=FL_PHONE, mail="dana@example.com")
    consents(api, dana, "sms")
    consents(api, dana, "email")
    outcomes = []
    for n in range(sending.FREQUENCY_CAP + 1):
        channel = "sms" if n % 2 else "email"
        made = create(api, channel, text=f"Hi {{first_name}}, offer {n}.", subject="Offer")
        outcomes.append(sends(platform, launch(api, made["id"])["campaign"]["id"])[dana])
    assert [o["status"] for o in outcomes] == ["sent"] * sending.FREQUENCY_CAP + ["suppressed"]
    assert outcomes[-1]["reason"] == "frequency_cap"


def test_fan_out_enqueues_one_named_task_per_recipient_even_when_rerun(
    api: Any, platform: Platform
) -> None:
    dana = customer(platform, phone=FL_PHONE)
    consents(api, dana, "sms")
    campaign = create(api)
    assert act(api, "approve", campaign["id"])[0] == 200
    assert act(api, "send", campaign["id"])[0] == 200
    run_tasks_once = [
        t for t in platform.store.query(TASKS) if t.data["target"] == "campaign-fanout"
    ]
    assert len(run_tasks_once) == 1
    sending.fan_out(platform, campaign["id"])
    sending.fan_out(platform, campaign["id"])
    queued = [t.data for t in platform.store.query(TASKS) if t.data["target"] == "campaign-send"]
    assert len(queued) == 1
    assert queued[0]["next_attempt_at"] == datetime(2026, 11, 21, 13, 0, tzinfo=UTC)


# --- really sending, through RingCentral's SDK to a local fake ---------------------------


@pytest.fixture
def rc() -> Iterator[FakeRingCentral]:
    with FakeRingCentral().running() as fake:
        yield fake


@pytest.fixture
def live(tmp_path: Path, rc: FakeRingCentral) -> Iterator[Platform]:
    with sending_platform(tmp_path, rc) as p:
        seed_if_empty(p)
        yield p


def test_a_retried_campaign_task_never_sends_twice(
    api: Any, live: Platform, rc: FakeRingCentral, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.platform = live  # tokens minted on the clock the tasks move
    dana = customer(live, phone=FL_PHONE)
    consents(api, dana, "sms")
    campaign = create(api)
    # The first attempt crashes after RingCentral accepted the text, before it is marked
    # sent; Cloud Tasks retries it (here, the local runner with the same backoff).
    settle, crashed = sending._settle, []

    def crash_once(platform: Platform, task: Any, status: str, **fields: Any) -> Any:
        if status == "sent" and not crashed:
            crashed.append(task)
            raise RuntimeError("instance lost")
        return settle(platform, task, status, **fields)  # type: ignore[arg-type]

    monkeypatch.setattr(sending, "_settle", crash_once)
    view = launch(api, campaign["id"])
    assert crashed and view["progress"]["sent"] == 1
    assert [t["to"] for t in rc.texts] == [[{"phoneNumber": FL_PHONE}]]
    # A redelivery of the finished task sends nothing either.
    for _ in range(2):
        again = api.client.post(
            "/campaign-send",
            json={"campaign_id": campaign["id"], "customer_id": dana},
            environ_overrides={"hibachi.internal": True},
        )
        assert again.get_json()["status"] == "sent"
    assert len(rc.texts) == 1
    assert "Reply STOP to opt out" in rc.texts[0]["text"]


def test_merging_customers_keeps_an_opt_out(api: Any, platform: Platform) -> None:
    by_phone = customer(platform, phone=FL_PHONE)
    by_mail = customer(platform, mail="dana@example.com")
    consents(api, by_phone, "sms")
    consents(api, by_mail, "email")
    platform.clock.advance(timedelta(minutes=1))
    assert post(api, sms_from(FL_PHONE, "STOP"), **VERIFIED)[1]["outcome"] == "keyword"
    status, _ = api.admin("POST", "/admin-customers", {"source_id": by_phone, "target_id": by_mail})
    assert status == 200
    merged = consent.get(platform.store, by_mail)
    assert set(merged.channels) == {"sms", "email"}
    assert consent.refusal(merged, "email", "dana@example.com") == "opted_out"
    assert consent.refusal(merged, "sms", FL_PHONE) == "opted_out"


def test_a_send_that_fails_every_attempt_counts_as_failed_and_the_campaign_ends(
    api: Any, live: Platform, rc: FakeRingCentral
) -> None:
    api.platform = live
    dana = customer(live, phone=FL_PHONE)
    consents(api, dana, "sms")
    rc.fail_every_sms_with = 500
    view = launch(api, create(api)["id"])
    assert view["progress"] | {"reasons": None} == {
        "queued": 0, "sent": 0, "suppressed": 0, "failed": 1, "reasons": None,
    }  # fmt: skip
    assert view["campaign"]["state"] == "done" and rc.texts == []


def test_bad_campaigns_are_field_errors(api: Any, platform: Platform) -> None:
    base = {"action": "create", "name": "x", "channel": "sms", "text": "Hi {first_name}!"}
    cases = [
        ({"segment": {"kind": "market", "market": "atlantis"}}, "market"),
        ({"send_at": "2026-12-24T10:00:00"}, "send_at"),  # no offset: whose 10 am?
        ({"text": "Hi {first_name}! " + "Hibachi is a great party for everyone. " * 12}, "text"),
        ({"text": "Hi {name}!"}, "text"),
        ({"channel": "email"}, "subject"),
    ]
    for change, field in cases:
        status, problem = api.admin("POST", "/admin-campaigns", base | change, role="staff")
        assert status == 422, change
        assert any(field in e["field"] for e in problem["errors"]), problem
    made = create(api, text="Hi {first_name}!")
    status, problem = api.admin(
        "POST", "/admin-campaigns", {"action": "update", "campaign_id": made["id"], "segment": None}
    )
    assert status == 422 and problem["errors"][0]["field"] == "segment"


def test_a_fan_out_cut_short_is_not_overtaken_by_its_first_sends(
    api: Any, platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = customer(platform, phone=FL_PHONE)
    second = customer(platform, phone="+13055550166", name="Bo")
    consents(api, first, "sms")
    consents(api, second, "sms")
    campaign = create(api)
    assert act(api, "approve", campaign["id"])[0] == 200
    assert act(api, "send", campaign["id"])[0] == 200
    refusal, seen = sending.audience.refusal, []

    def lost_after_one(platform: Platform, contact: Any, channel: Any) -> Any:
        seen.append(contact.customer_id)
        if len(seen) == 2:
            raise RuntimeError("instance lost")
        return refusal(platform, contact, channel)

    monkeypatch.setattr(sending.audience, "refusal", lost_after_one)
    with pytest.raises(RuntimeError):
        sending.fan_out(platform, campaign["id"])
    monkeypatch.setattr(sending.audience, "refusal", refusal)
    platform.clock.set(datetime(2026, 11, 21, 14, 0, tzinfo=UTC))  # inside the window
    [done] = sends(platform, campaign["id"]).values()
    task = sending.SendTask(campaign_id=campaign["id"], customer_id=done["customer_id"])
    assert sending.send(platform, task, last_attempt=False).status == "sent"
    assert sending.campaigns.get(platform.store, campaign["id"]).state == "sending"

    view = run_all(api, campaign["id"])  # the fan-out's retry, then the other send
    assert view["campaign"]["state"] == "done" and view["progress"]["sent"] == 2
