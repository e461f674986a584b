"""The Google Ads adapter: the official `google-ads` SDK (imported when built, never at
module load), GAQL over `GoogleAdsService.search_stream`, changes as one `mutate` of
`MutateOperation`s, deposits through `ConversionUploadService`, Google's suggestions
through `RecommendationService`.

Cost arrives in micros and conversion value in account-currency units; both become
integer cents here. Campaigns are tied to a market by name: the text before the first
`|` is the market id (`miami | Search | Hibachi at home`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, date
from typing import TYPE_CHECKING, Any

from shared.ads.changes import (
    AdChange,
    AddNegativeKeywords,
    ApplyGoogleSuggestion,
    BidDownHours,
    PauseKeyword,
    SetDailyBudget,
)
from shared.ads.models import (
    AdsPerformance,
    CampaignRow,
    ClickConversion,
    DeviceRow,
    GoogleSuggestion,
    HourRow,
    KeywordRow,
    LocationRow,
    SearchTermRow,
)
from shared.ads.ports import AdChangeRefused
from shared.platform.secrets import SecretStore

if TYPE_CHECKING:
    from google.auth.credentials import Credentials

API_VERSION = "v26"
ROW_LIMIT = 500  # keywords and search terms, by cost: what a snapshot document can hold
MICROS_PER_CENT = 10_000
WEEKDAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
_METRICS = (
    "metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions,"
    " metrics.conversions_value"
)
_DEVICES = {"MOBILE": "mobile", "DESKTOP": "desktop", "TABLET": "tablet"}


def credentials_from(secrets: SecretStore) -> tuple[Credentials, str]:
    """OAuth user credentials (refreshed by google-auth on first use) and the developer
    token, from Secret Manager."""
    from google.oauth2.credentials import Credentials

    credentials = Credentials(
        None,
        refresh_token=secrets.get("google-ads-refresh-token"),
        client_id=secrets.get("google-ads-client-id"),
        client_secret=secrets.get("google-ads-client-secret"),
        token_uri="https://oauth2.googleapis.com/token",
    )
    return credentials, secrets.get("google-ads-developer-token")


def market_in(campaign_name: str) -> str | None:
    return campaign_name.split("|")[0].strip().lower() or None


def _metrics(row: Any) -> dict[str, Any]:
    m = row.metrics
    return {
        "impressions": m.impressions,
        "clicks": m.clicks,
        "cost_cents": round(m.cost_micros / MICROS_PER_CENT),
        "conversions": m.conversions,
        "conversion_value_cents": round(m.conversions_value * 100),
    }


def _merge(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    keys = ("impressions", "clicks", "cost_cents", "conversions", "conversion_value_cents")
    return {k: sum(r[k] for r in rows) for k in keys}


def _hour_runs(hours: Sequence[int]) -> list[tuple[int, int]]:
    """Contiguous hours as (start, end) ranges: 1,2,3,5 -> (1, 4), (5, 6)."""
    runs: list[tuple[int, int]] = []
    for h in sorted(set(hours)):
        if runs and runs[-1][1] == h:
            runs[-1] = (runs[-1][0], h + 1)
        else:
            runs.append((h, h + 1))
    return runs


class GoogleAdsAccount:
    def __init__(
        self,
        credentials: tuple[Credentials, str],
        *,
        customer_id: str,
        login_customer_id: str | None = None,
        conversion_action_id: str | None = None,
        endpoint: str | None = None,
    ) -> None:
        from google.ads.googleads.client import GoogleAdsClient

        oauth, developer_token = credentials
        self.customer_id = customer_id.replace("-", "")
        self._conversion_action_id = conversion_action_id
        self._client = GoogleAdsClient(
            oauth,
            developer_token=developer_token,
            endpoint=endpoint,
            login_customer_id=login_customer_id.replace("-", "") if login_customer_id else None,
            version=API_VERSION,
            use_proto_plus=True,
        )
        self._services: dict[str, Any] = {}

    def _service(self, name: str) -> Any:
        """One service client (and gRPC channel) per service for the adapter's life."""
        if name not in self._services:
            self._services[name] = self._client.get_service(name)
        return self._services[name]

    # -- reading ---------------------------------------------------------------------

    def _rows(self, query: str) -> Iterator[Any]:
        service = self._service("GoogleAdsService")
        for batch in service.search_stream(customer_id=self.customer_id, query=query):
            yield from batch.results

    def performance(self, first_day: date, last_day: date) -> AdsPerformance:
        during = f"segments.date BETWEEN '{first_day.isoformat()}' AND '{last_day.isoformat()}'"
        return AdsPerformance(
            customer_id=self.customer_id,
            first_day=first_day,
            last_day=last_day,
            campaigns=self._campaigns(during),
            keywords=self._keywords(during),
            search_terms=self._search_terms(during),
            locations=self._locations(during),
            devices=self._devices(during),
            hours=self._hours(during),
            suggestions=self._suggestions(),
        )

    def _campaigns(self, during: str) -> list[CampaignRow]:
        query = (
            "SELECT campaign.id, campaign.name, campaign.status, campaign_budget.resource_name,"
            f" campaign_budget.amount_micros, {_METRICS} FROM campaign"
            f" WHERE {during} AND campaign.status != 'REMOVED'"
        )
        return [
            CampaignRow(
                campaign_id=str(r.campaign.id),
                name=r.campaign.name,
                status=r.campaign.status.name.lower(),
                budget=r.campaign_budget.resource_name,
                daily_budget_cents=round(r.campaign_budget.amount_micros / MICROS_PER_CENT),
                market=market_in(r.campaign.name),
                **_metrics(r),
            )
            for r in self._rows(query)
        ]

    def _keywords(self, during: str) -> list[KeywordRow]:
        query = (
            "SELECT campaign.id, ad_group.id, ad_group_criterion.criterion_id,"
            " ad_group_criterion.keyword.text, ad_group_criterion.keyword.match_type,"
            f" ad_group_criterion.status, {_METRICS} FROM keyword_view WHERE {during}"
            " AND ad_group_criterion.status != 'REMOVED'"
            f" ORDER BY metrics.cost_micros DESC LIMIT {ROW_LIMIT}"
        )
        return [
            KeywordRow(
                campaign_id=str(r.campaign.id),
                ad_group_id=str(r.ad_group.id),
                criterion_id=str(r.ad_group_criterion.criterion_id),
                text=r.ad_group_criterion.keyword.text,
                match_type=r.ad_group_criterion.keyword.match_type.name.lower(),
                status=r.ad_group_criterion.status.name.lower(),
                **_metrics(r),
            )
            for r in self._rows(query)
        ]

    def _search_terms(self, during: str) -> list[SearchTermRow]:
        query = (
            f"SELECT campaign.id, ad_group.id, search_term_view.search_term, {_METRICS}"
            f" FROM search_term_view WHERE {during}"
            f" ORDER BY metrics.cost_micros DESC LIMIT {ROW_LIMIT}"
        )
        return [
            SearchTermRow(
                campaign_id=str(r.campaign.id),
                ad_group_id=str(r.ad_group.id),
                term=r.search_term_view.search_term,
                **_metrics(r),
            )
            for r in self._rows(query)
        ]

    def _locations(self, during: str) -> list[LocationRow]:
        query = (
            "SELECT campaign.id, campaign_criterion.location.geo_target_constant,"
            f" {_METRICS} FROM location_view WHERE {during}"
        )
        return [
            LocationRow(
                campaign_id=str(r.campaign.id),
                location=r.campaign_criterion.location.geo_target_constant,
                **_metrics(r),
            )
            for r in self._rows(query)
        ]

    def _devices(self, during: str) -> list[DeviceRow]:
        by_device: dict[str, list[dict[str, Any]]] = defaultdict(list)
        query = f"SELECT segments.device, {_METRICS} FROM customer WHERE {during}"
        for r in self._rows(query):
            by_device[_DEVICES.get(r.segments.device.name, "other")].append(_metrics(r))
        return [DeviceRow(device=d, **_merge(rows)) for d, rows in sorted(by_device.items())]  # type: ignore[arg-type]

    def _hours(self, during: str) -> list[HourRow]:
        query = f"SELECT segments.hour, {_METRICS} FROM customer WHERE {during}"
        return sorted(
            (HourRow(hour=r.segments.hour, **_metrics(r)) for r in self._rows(query)),
            key=lambda h: h.hour,
        )

    def _suggestions(self) -> list[GoogleSuggestion]:
        query = (
            "SELECT recommendation.resource_name, recommendation.type, recommendation.campaign,"
            " recommendation.impact.base_metrics.conversions,"
            " recommendation.impact.potential_metrics.conversions,"
            " recommendation.impact.base_metrics.cost_micros,"
            " recommendation.impact.potential_metrics.cost_micros"
            " FROM recommendation WHERE recommendation.dismissed = FALSE"
        )
        found = []
        for r in self._rows(query):
            rec, impact = r.recommendation, r.recommendation.impact
            found.append(
                GoogleSuggestion(
                    resource_name=rec.resource_name,
                    type=rec.type_.name,
                    campaign_id=rec.campaign.rsplit("/", 1)[-1] or None,
                    extra_conversions=impact.potential_metrics.conversions
                    - impact.base_metrics.conversions,
                    extra_cost_cents=round(
                        (impact.potential_metrics.cost_micros - impact.base_metrics.cost_micros)
                        / MICROS_PER_CENT
                    ),
                )
            )
        return found

    # -- writing -----------------------------------------------------------------------

    def upload_conversions(self, conversions: Sequence[ClickConversion]) -> int:
        if not self._conversion_action_id:
            from shared.platform.errors import ConfigError

            raise ConfigError("HIBACHI_GOOGLE_ADS_CONVERSION_ACTION_ID is needed to upload")
        client = self._client
        action = f"customers/{self.customer_id}/conversionActions/{self._conversion_action_id}"
        uploads = []
        for c in conversions:
            upload = client.get_type("ClickConversion")
            upload.gclid = c.gclid
            upload.conversion_action = action
            paid = c.paid_at.astimezone(UTC)
            upload.conversion_date_time = paid.strftime("%Y-%m-%d %H:%M:%S+00:00")
            upload.conversion_value = c.value_cents / 100
            upload.currency_code = "USD"
            upload.order_id = c.booking_id
            uploads.append(upload)
        service = self._service("ConversionUploadService")
        response = service.upload_click_conversions(
            customer_id=self.customer_id, conversions=uploads, partial_failure=True
        )
        return sum(1 for r in response.results if r.gclid)

    def apply(self, change: AdChange) -> list[str]:
        from google.ads.googleads.errors import GoogleAdsException

        try:
            return self._send(change)
        except GoogleAdsException as exc:
            reasons = "; ".join(e.message for e in exc.failure.errors) or exc.error.code().name
            raise AdChangeRefused(f"{reasons} (request {exc.request_id})") from exc

    def _send(self, change: AdChange) -> list[str]:
        if isinstance(change, ApplyGoogleSuggestion):
            return self._apply_suggestion(change.resource_name)
        service = self._service("GoogleAdsService")
        response = service.mutate(
            customer_id=self.customer_id, mutate_operations=self._operations(change)
        )
        names = []
        for result in response.mutate_operation_responses:
            which = type(result).pb(result).WhichOneof("response")
            names.append(getattr(result, which).resource_name)
        return names

    def _apply_suggestion(self, resource_name: str) -> list[str]:
        operation = self._client.get_type("ApplyRecommendationOperation")
        operation.resource_name = resource_name
        service = self._service("RecommendationService")
        response = service.apply_recommendation(
            customer_id=self.customer_id, operations=[operation]
        )
        return [r.resource_name for r in response.results]

    def _operations(self, change: AdChange) -> list[Any]:
        from google.api_core import protobuf_helpers

        client, enums, base = self._client, self._client.enums, f"customers/{self.customer_id}"

        def operation() -> Any:
            return client.get_type("MutateOperation")

        def mask(target: Any, message: Any) -> None:
            client.copy_from(target, protobuf_helpers.field_mask(None, type(message).pb(message)))

        ops = []
        if isinstance(change, PauseKeyword):
            op = operation()
            criterion = op.ad_group_criterion_operation.update
            criterion.resource_name = (
                f"{base}/adGroupCriteria/{change.ad_group_id}~{change.criterion_id}"
            )
            criterion.status = enums.AdGroupCriterionStatusEnum.PAUSED
            mask(op.ad_group_criterion_operation.update_mask, criterion)
            ops.append(op)
        elif isinstance(change, SetDailyBudget):
            op = operation()
            budget = op.campaign_budget_operation.update
            budget.resource_name = change.budget
            budget.amount_micros = change.to_cents * MICROS_PER_CENT
            mask(op.campaign_budget_operation.update_mask, budget)
            ops.append(op)
        elif isinstance(change, AddNegativeKeywords):
            for term in change.terms:
                op = operation()
                criterion = op.campaign_criterion_operation.create
                criterion.campaign = f"{base}/campaigns/{change.campaign_id}"
                criterion.negative = True
                criterion.keyword.text = term
                criterion.keyword.match_type = enums.KeywordMatchTypeEnum.EXACT
                ops.append(op)
        elif isinstance(change, BidDownHours):
            for campaign_id in change.campaign_ids:
                for day in WEEKDAYS:
                    for start, end in _hour_runs(change.hours):
                        op = operation()
                        criterion = op.campaign_criterion_operation.create
                        criterion.campaign = f"{base}/campaigns/{campaign_id}"
                        criterion.bid_modifier = change.bid_modifier
                        schedule = criterion.ad_schedule
                        schedule.day_of_week = getattr(enums.DayOfWeekEnum, day)
                        schedule.start_hour, schedule.end_hour = start, end
                        schedule.start_minute = enums.MinuteOfHourEnum.ZERO
                        schedule.end_minute = enums.MinuteOfHourEnum.ZERO
                        ops.append(op)
        return ops
