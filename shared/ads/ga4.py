"""GA4 through the Data API client (`google-analytics-data`, gRPC): sessions by landing
page and channel group, with the `chat_started` key event the web chat sends, so the
report reads sessions -> chats -> bookings. Credentials are the function's service
account (a Viewer on the property) unless given."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shared.ads.models import TrafficRow, WebTraffic

if TYPE_CHECKING:
    from google.auth.credentials import Credentials

CHAT_EVENT = "chat_started"
ROW_LIMIT = 1000


class Ga4WebAnalytics:
    def __init__(
        self,
        property_id: str,
        *,
        endpoint: str | None = None,
        credentials: Credentials | None = None,
    ) -> None:
        from google.analytics.data_v1beta import BetaAnalyticsDataClient

        self.property_id = (
            property_id if property_id.startswith("properties/") else f"properties/{property_id}"
        )
        self._client = BetaAnalyticsDataClient(
            credentials=credentials,
            client_options={"api_endpoint": endpoint} if endpoint else None,
        )

    def traffic(self, first_day: date, last_day: date) -> WebTraffic:
        from google.analytics.data_v1beta.types import (
            DateRange,
            Dimension,
            Metric,
            RunReportRequest,
        )

        request = RunReportRequest(
            property=self.property_id,
            date_ranges=[
                DateRange(start_date=first_day.isoformat(), end_date=last_day.isoformat())
            ],
            dimensions=[
                Dimension(name="landingPage"),
                Dimension(name="sessionDefaultChannelGroup"),
            ],
            metrics=[Metric(name="sessions"), Metric(name=f"keyEvents:{CHAT_EVENT}")],
            limit=ROW_LIMIT,
        )
        response = self._client.run_report(request)
        return WebTraffic(
            property_id=self.property_id,
            rows=[
                TrafficRow(
                    landing_page=row.dimension_values[0].value,
                    channel_group=row.dimension_values[1].value,
                    sessions=int(row.metric_values[0].value),
                    chats=round(float(row.metric_values[1].value)),
                )
                for row in response.rows
            ],
        )
