"""Recommendations are pure functions of the period's rows: each rule, its threshold's
edge, the evidence it carries and the impact it estimates."""

from __future__ import annotations

from datetime import date

from shared.ads import recommendations as r
from shared.ads.changes import (
    AddNegativeKeywords,
    ApplyGoogleSuggestion,
    BidDownHours,
    PauseKeyword,
    SetDailyBudget,
)
from shared.ads.fakes import FakeAdsAccount
from shared.ads.models import AdsPerformance, CampaignRow, KeywordRow

FIRST, LAST = date(2026, 11, 2), date(2026, 12, 1)  # 30 days


def _perf() -> AdsPerformance:
    return FakeAdsAccount().performance(FIRST, LAST)


def _kinds(found: list[r.Recommendation]) -> dict[str, list[r.Recommendation]]:
    by: dict[str, list[r.Recommendation]] = {}
    for rec in found:
        by.setdefault(rec.kind, []).append(rec)
    return by


def test_the_keyword_270_percent_above_the_account_cpa_is_paused() -> None:
    found = _kinds(r.recommend(_perf()))["pause_keyword"]
    assert [rec.change for rec in found] == [
        PauseKeyword(
            campaign_id="222", ad_group_id="2201", criterion_id="9001", text="private chef la"
        )
    ]
    (rec,) = found
    assert "270% above the account average ($75.00)" in rec.reason
    assert rec.evidence[0]["criterion_id"] == "9001" and rec.evidence[0]["cpa_cents"] == 27752
    assert rec.impact.cost_cents == -90_000  # its month of spend saved
    assert rec.impact.bookings < 0  # and its bookings lost, said plainly


def _one_keyword(cost: int, conversions: float) -> AdsPerformance:
    campaign = CampaignRow(
        campaign_id="1",
        name="la | x",
        status="enabled",
        budget="b",
        daily_budget_cents=1,
        market="la",
        cost_cents=100_000,
        conversions=10.0,
        conversion_value_cents=500_000,
    )
    keyword = KeywordRow(
        campaign_id="1",
        ad_group_id="2",
        criterion_id="3",
        text="k",
        match_type="broad",
        cost_cents=cost,
        conversions=conversions,
    )
    return _perf().model_copy(
        update={
            "campaigns": [campaign],
            "keywords": [keyword],
            "suggestions": [],
            "hours": [],
            "search_terms": [],
        }
    )


def test_a_keyword_exactly_at_the_limit_stays_and_one_cent_over_is_paused() -> None:
    limit = round(10_000 * (1 + r.CPA_OVER_AVERAGE))  # account CPA $100
    assert not _kinds(r.recommend(_one_keyword(limit, 1.0))).get("pause_keyword")
    assert _kinds(r.recommend(_one_keyword(limit + 1, 1.0)))["pause_keyword"]


def test_a_keyword_without_bookings_is_judged_by_its_spend() -> None:
    limit = round(10_000 * (1 + r.CPA_OVER_AVERAGE))
    assert not _kinds(r.recommend(_one_keyword(limit, 0.0))).get("pause_keyword")
    (rec,) = _kinds(r.recommend(_one_keyword(limit + 1, 0.0)))["pause_keyword"]
    assert "with no booking" in rec.reason


def test_the_market_with_the_best_roas_gets_a_budget_raise() -> None:
    (rec,) = _kinds(r.recommend(_perf()))["raise_budget"]
    assert rec.change == SetDailyBudget(
        campaign_id="333",
        budget="customers/1234567890/campaignBudgets/333",
        from_cents=7_000,
        to_cents=8_400,
    )
    assert "miami has the best ROAS (30.0x" in rec.reason
    assert rec.impact.cost_cents == 1_400 * 30 and rec.impact.revenue_cents == 1_400 * 30 * 30


def test_no_raise_when_no_market_leads_the_account() -> None:
    perf = _perf()
    even = [
        c.model_copy(update={"conversion_value_cents": c.cost_cents * 10}) for c in perf.campaigns
    ]
    assert "raise_budget" not in _kinds(r.recommend(perf.model_copy(update={"campaigns": even})))


def test_search_terms_that_waste_money_become_negatives_per_campaign() -> None:
    found = _kinds(r.recommend(_perf()))["add_negatives"]
    assert sorted((rec.change for rec in found), key=lambda c: c.campaign_id) == [  # type: ignore[attr-defined]
        AddNegativeKeywords(campaign_id="111", terms=("benihana coupons",)),
        AddNegativeKeywords(campaign_id="222", terms=("hibachi grill for sale",)),
    ]
    assert all(rec.impact.cost_cents < 0 for rec in found)


def test_dead_hours_are_bid_down_on_every_enabled_campaign() -> None:
    (rec,) = _kinds(r.recommend(_perf()))["bid_down_hours"]
    assert rec.change == BidDownHours(campaign_ids=("111", "222", "333"), hours=(1, 2, 3, 4, 5))
    assert [row["hour"] for row in rec.evidence] == [1, 2, 3, 4, 5]


def test_googles_own_suggestions_are_merged_in() -> None:
    found = _kinds(r.recommend(_perf()))["google"]
    assert {rec.change for rec in found} == {  # type: ignore[misc]
        ApplyGoogleSuggestion(resource_name="customers/1234567890/recommendations/501"),
        ApplyGoogleSuggestion(resource_name="customers/1234567890/recommendations/502"),
    }
    assert all(rec.source == "google" for rec in found)


def test_ids_are_stable_for_the_same_change_and_differ_between_changes() -> None:
    first, again = r.recommend(_perf()), r.recommend(_perf())
    assert [x.id for x in first] == [x.id for x in again]
    assert len({x.id for x in first}) == len(first)


def test_an_account_without_bookings_pauses_nothing_and_raises_nothing() -> None:
    perf = _perf()
    none = [
        c.model_copy(update={"conversions": 0.0, "conversion_value_cents": 0})
        for c in perf.campaigns
    ]
    kinds = _kinds(r.recommend(perf.model_copy(update={"campaigns": none})))
    assert "pause_keyword" not in kinds and "raise_budget" not in kinds
