"""The GA4 adapter through the real Data API client (`BetaAnalyticsDataClient`, gRPC)
against a local TLS fake of `RunReport`."""

from __future__ import annotations

from datetime import date

import grpc
import pytest
from google.analytics.data_v1beta.types import RunReportRequest, RunReportResponse

from shared.ads.ga4 import Ga4WebAnalytics
from tests.support.fake_vertex import bearer
from tests.support.tls_grpc import tls_server


def test_sessions_and_chats_by_landing_page_from_run_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[RunReportRequest] = []
    auth: list[str] = []

    def run_report(request: RunReportRequest, context: grpc.ServicerContext) -> RunReportResponse:
        asked.append(request)
        auth.append(dict(context.invocation_metadata()).get("authorization", ""))
        return RunReportResponse(
            rows=[
                {
                    "dimension_values": [{"value": "/pricing"}, {"value": "Paid Search"}],
                    "metric_values": [{"value": "120"}, {"value": "14"}],
                }
            ]
        )

    handler = grpc.method_handlers_generic_handler(
        "google.analytics.data.v1beta.BetaAnalyticsData",
        {
            "RunReport": grpc.unary_unary_rpc_method_handler(
                run_report,
                request_deserializer=RunReportRequest.deserialize,
                response_serializer=RunReportResponse.serialize,
            )
        },
    )
    with tls_server([handler], monkeypatch) as endpoint:
        ga4 = Ga4WebAnalytics("424242", endpoint=endpoint, credentials=bearer("ga-token"))
        traffic = ga4.traffic(date(2026, 11, 1), date(2026, 11, 30))
    assert [(r.landing_page, r.channel_group, r.sessions, r.chats) for r in traffic.rows] == [
        ("/pricing", "Paid Search", 120, 14)
    ]
    (request,) = asked
    assert request.property == "properties/424242"
    assert [d.name for d in request.dimensions] == ["landingPage", "sessionDefaultChannelGroup"]
    assert [m.name for m in request.metrics] == ["sessions", "keyEvents:chat_started"]
    assert (request.date_ranges[0].start_date, request.date_ranges[0].end_date) == (
        "2026-11-01",
        "2026-11-30",
    )
    assert auth == ["Bearer ga-token"]
