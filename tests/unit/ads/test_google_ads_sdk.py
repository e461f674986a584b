"""The Google Ads adapter through the real `google-ads` SDK (its client, channel,
interceptors and protobuf types) against a local TLS gRPC fake of the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from shared.ads import approvals
from shared.ads.changes import (
    AddNegativeKeywords,
    ApplyGoogleSuggestion,
    BidDownHours,
    PauseKeyword,
    SetDailyBudget,
)
from shared.ads.google_ads import GoogleAdsAccount
from shared.ads.models import ClickConversion
from shared.ads.ports import AdChangeRefused
from shared.ads.sync import sync
from tests.support.fake_google_ads import CUSTOMER, FakeGoogleAds
from tests.support.fake_vertex import bearer
from tests.support.platform import local_platform
from tests.support.tls_grpc import tls_server


@pytest.fixture
def google() -> FakeGoogleAds:
    return FakeGoogleAds()


@pytest.fixture
def account(google: FakeGoogleAds, monkeypatch: pytest.MonkeyPatch) -> Iterator[GoogleAdsAccount]:
    with tls_server(google.handlers(), monkeypatch) as endpoint:
        yield GoogleAdsAccount(
            (bearer("test-access-token"), "dev-token-1"),
            customer_id="123-456-7890",
            login_customer_id="999-000-1111",
            conversion_action_id="777",
            endpoint=endpoint,
        )


def test_every_report_is_one_gaql_stream_turned_into_cents(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    perf = account.performance(date(2026, 11, 1), date(2026, 11, 30))
    (campaign,) = perf.campaigns
    assert (campaign.campaign_id, campaign.market, campaign.status) == ("333", "miami", "enabled")
    assert campaign.cost_cents == 18_000 and campaign.conversion_value_cents == 5_400_025
    assert campaign.daily_budget_cents == 7_000 and campaign.cpa_cents == 400
    (keyword,) = perf.keywords
    assert (keyword.criterion_id, keyword.match_type, keyword.text) == (
        "9005",
        "phrase",
        "hibachi chef miami",
    )
    assert perf.search_terms[0].term == "hibachi grill for sale"
    assert perf.locations[0].location == "geoTargetConstants/1015116"
    assert {d.device: d.clicks for d in perf.devices} == {
        "mobile": 800,
        "desktop": 300,
        "other": 100,
    }
    assert [h.hour for h in perf.hours] == [3, 12, 13, 20]
    (suggestion,) = perf.suggestions
    assert (suggestion.type, suggestion.campaign_id) == ("KEYWORD", "333")
    assert suggestion.extra_conversions == 2.5 and suggestion.extra_cost_cents == 3_000
    assert len(google.queries) == 7
    assert all("'2026-11-01' AND '2026-11-30'" in q for q in google.queries if "segments.date" in q)
    # the SDK's interceptors sent the developer token and the manager account
    assert all(m["developer-token"] == "dev-token-1" for m in google.metadata)
    assert all(m["login-customer-id"] == "9990001111" for m in google.metadata)
    assert all(m["authorization"] == "Bearer test-access-token" for m in google.metadata)


def test_pausing_a_keyword_is_one_masked_update(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    changed = account.apply(
        PauseKeyword(campaign_id="333", ad_group_id="3301", criterion_id="9005", text="k")
    )
    name = f"customers/{CUSTOMER}/adGroupCriteria/3301~9005"
    assert changed == [name]
    (request,) = google.mutates
    assert request.customer_id == CUSTOMER
    (op,) = request.mutate_operations
    assert op.ad_group_criterion_operation.update.resource_name == name
    assert op.ad_group_criterion_operation.update.status.name == "PAUSED"
    assert "status" in op.ad_group_criterion_operation.update_mask.paths


def test_googles_refusal_arrives_as_its_own_reasons(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    google.refuse_next.append("The keyword violates the alcohol policy.")
    with pytest.raises(AdChangeRefused, match=r"alcohol policy\. \(request req-42\)"):
        account.apply(AddNegativeKeywords(campaign_id="333", terms=("sake bar",)))


def test_a_budget_change_sets_micros(account: GoogleAdsAccount, google: FakeGoogleAds) -> None:
    budget = f"customers/{CUSTOMER}/campaignBudgets/9"
    account.apply(
        SetDailyBudget(campaign_id="333", budget=budget, from_cents=7_000, to_cents=8_400)
    )
    (op,) = google.mutates[0].mutate_operations
    assert op.campaign_budget_operation.update.amount_micros == 84_000_000
    assert "amount_micros" in op.campaign_budget_operation.update_mask.paths


def test_negatives_are_exact_negative_campaign_criteria(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    account.apply(
        AddNegativeKeywords(campaign_id="333", terms=("benihana coupons", "grill for sale"))
    )
    ops = google.mutates[0].mutate_operations
    created = [op.campaign_criterion_operation.create for op in ops]
    assert [(c.keyword.text, c.keyword.match_type.name, c.negative) for c in created] == [
        ("benihana coupons", "EXACT", True),
        ("grill for sale", "EXACT", True),
    ]
    assert {c.campaign for c in created} == {f"customers/{CUSTOMER}/campaigns/333"}


def test_dead_hours_become_ad_schedules_every_weekday(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    account.apply(BidDownHours(campaign_ids=("333",), hours=(1, 2, 3, 4, 5, 23)))
    created = [op.campaign_criterion_operation.create for op in google.mutates[0].mutate_operations]
    assert len(created) == 7 * 2  # two runs of hours (1-6, 23-24) on each day
    assert {(c.ad_schedule.start_hour, c.ad_schedule.end_hour) for c in created} == {
        (1, 6),
        (23, 24),
    }
    assert {c.ad_schedule.day_of_week.name for c in created} == {
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY",
    }
    assert {round(c.bid_modifier, 2) for c in created} == {0.1}


def test_googles_suggestion_is_applied_through_recommendation_service(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    name = f"customers/{CUSTOMER}/recommendations/501"
    assert account.apply(ApplyGoogleSuggestion(resource_name=name)) == [name]
    assert [op.resource_name for op in google.applied[0].operations] == [name]
    assert google.mutates == []


def test_deposits_upload_as_click_conversions_with_the_booking_as_order_id(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    taken = account.upload_conversions(
        [
            ClickConversion(
                booking_id="bk-1",
                gclid="Cj0KCQ-click",
                paid_at=datetime(2026, 11, 20, 18, 30, tzinfo=UTC),
                value_cents=123_450,
            )
        ]
    )
    assert taken == 1
    (request,) = google.uploads
    assert request.partial_failure is True
    (conversion,) = request.conversions
    assert conversion.conversion_action == f"customers/{CUSTOMER}/conversionActions/777"
    assert (conversion.gclid, conversion.order_id) == ("Cj0KCQ-click", "bk-1")
    assert conversion.conversion_date_time == "2026-11-20 18:30:00+00:00"
    assert conversion.conversion_value == 1234.5 and conversion.currency_code == "USD"


def test_through_the_sdk_only_an_approved_change_reaches_google(
    account: GoogleAdsAccount, google: FakeGoogleAds, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    with local_platform(tmp_path) as platform:
        platform.factories = {**platform.factories, "ads-account": lambda _: account}
        sync(platform)
        pending = approvals.listed(platform.store, "pending")
        assert {r.kind for r in pending} >= {"pause_keyword", "add_negatives", "google"}
        rejected, chosen = pending[0], next(r for r in pending if r.kind == "pause_keyword")
        approvals.reject(platform, rejected.id, "manager-1", None)
        assert google.mutates == [] and google.applied == []  # proposed, rejected: nothing sent
        approvals.approve(platform, chosen.id, "manager-1", None)
    (request,) = google.mutates
    assert request.mutate_operations[0].ad_group_criterion_operation.update.resource_name.endswith(
        "/adGroupCriteria/3301~9005"
    )
    assert google.applied == []


def _resolves(path: str) -> bool:
    """A GAQL field path names a field of GoogleAdsRow in the SDK's own descriptors (which
    rename fields that shadow Python builtins: GAQL's `type` is `type_` there)."""
    from google.ads.googleads.v26.services.types.google_ads_service import GoogleAdsRow

    descriptor = GoogleAdsRow.pb().DESCRIPTOR
    for part in path.split("."):
        field = descriptor.fields_by_name.get(part) or descriptor.fields_by_name.get(f"{part}_")
        if field is None:
            return False
        descriptor = field.message_type
        if descriptor is None:
            return part == path.split(".")[-1]
    return True


def test_every_gaql_field_and_resource_exists_in_the_api_version(
    account: GoogleAdsAccount, google: FakeGoogleAds
) -> None:
    account.performance(date(2026, 11, 1), date(2026, 11, 30))
    for query in google.queries:
        resource = re.search(r"\bFROM (\w+)", query)
        assert resource and _resolves(resource.group(1)), query
        paths = re.findall(r"\b[a-z_]+(?:\.[a-z_]+)+\b", query)
        assert paths and [p for p in paths if not _resolves(p)] == [], query
