"""A fake Google Ads API (v26 gRPC) for the adapter: `GoogleAdsService.SearchStream` and
`Mutate`, `ConversionUploadService.UploadClickConversions` and
`RecommendationService.ApplyRecommendation`, with the SDK's own request and response
types. GAQL is answered by its FROM resource; every call is recorded with its metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.ads.googleads.v26.errors.types.errors import GoogleAdsFailure
from google.ads.googleads.v26.services.types import conversion_upload_service as uploads
from google.ads.googleads.v26.services.types import google_ads_service as ads
from google.ads.googleads.v26.services.types import recommendation_service as recs

CUSTOMER = "1234567890"
SERVICES = "google.ads.googleads.v26.services"

_ROWS: dict[str, list[dict[str, Any]]] = {
    "campaign": [
        {
            "campaign": {"id": 333, "name": "Miami | Search", "status": "ENABLED"},
            "campaign_budget": {
                "resource_name": f"customers/{CUSTOMER}/campaignBudgets/9",
                "amount_micros": 70_000_000,
            },
            "metrics": {
                "impressions": 30_000,
                "clicks": 1_200,
                "cost_micros": 180_004_999,
                "conversions": 45.0,
                "conversions_value": 54_000.25,
            },
        }
    ],
    "keyword_view": [
        {
            "campaign": {"id": 333},
            "ad_group": {"id": 3301},
            "ad_group_criterion": {
                "criterion_id": 9005,
                "status": "ENABLED",
                "keyword": {"text": "hibachi chef miami", "match_type": "PHRASE"},
            },
            "metrics": {"clicks": 700, "cost_micros": 105_000_000, "conversions": 1.0},
        }
    ],
    "search_term_view": [
        {
            "campaign": {"id": 333},
            "ad_group": {"id": 3301},
            "search_term_view": {"search_term": "hibachi grill for sale"},
            "metrics": {"clicks": 9, "cost_micros": 45_000_000},
        }
    ],
    "location_view": [
        {
            "campaign": {"id": 333},
            "campaign_criterion": {
                "location": {"geo_target_constant": "geoTargetConstants/1015116"}
            },
            "metrics": {"clicks": 1_200, "cost_micros": 180_000_000},
        }
    ],
    "customer": [  # devices and hours both come FROM customer; the query says which
        {"segments": {"device": "MOBILE", "hour": 20}, "metrics": {"clicks": 800}},
        {"segments": {"device": "DESKTOP", "hour": 3}, "metrics": {"clicks": 300}},
        {"segments": {"device": "CONNECTED_TV", "hour": 12}, "metrics": {"clicks": 60}},
        {"segments": {"device": "OTHER", "hour": 13}, "metrics": {"clicks": 40}},
    ],
    "recommendation": [
        {
            "recommendation": {
                "resource_name": f"customers/{CUSTOMER}/recommendations/501",
                "type_": "KEYWORD",
                "campaign": f"customers/{CUSTOMER}/campaigns/333",
                "impact": {
                    "base_metrics": {"conversions": 10.0, "cost_micros": 100_000_000},
                    "potential_metrics": {"conversions": 12.5, "cost_micros": 130_000_000},
                },
            }
        }
    ],
}


@dataclass
class FakeGoogleAds:
    queries: list[str] = field(default_factory=list)
    metadata: list[dict[str, str]] = field(default_factory=list)
    mutates: list[ads.MutateGoogleAdsRequest] = field(default_factory=list)
    uploads: list[uploads.UploadClickConversionsRequest] = field(default_factory=list)
    applied: list[recs.ApplyRecommendationRequest] = field(default_factory=list)
    refuse_next: list[str] = field(default_factory=list)  # messages of mutates to refuse

    def _seen(self, context: grpc.ServicerContext) -> None:
        self.metadata.append({k: str(v) for k, v in context.invocation_metadata()})

    def search_stream(
        self, request: ads.SearchGoogleAdsStreamRequest, context: grpc.ServicerContext
    ) -> Iterator[ads.SearchGoogleAdsStreamResponse]:
        self._seen(context)
        self.queries.append(request.query)
        match = re.search(r"\bFROM (\w+)", request.query)
        rows = _ROWS.get(match.group(1) if match else "", [])
        yield ads.SearchGoogleAdsStreamResponse(results=[ads.GoogleAdsRow(r) for r in rows])

    def mutate(
        self, request: ads.MutateGoogleAdsRequest, context: grpc.ServicerContext
    ) -> ads.MutateGoogleAdsResponse:
        self._seen(context)
        self.mutates.append(request)
        if self.refuse_next:
            failure = GoogleAdsFailure(
                errors=[
                    {
                        "message": self.refuse_next.pop(0),
                        "error_code": {"policy_finding_error": "POLICY_FINDING"},
                    }
                ]
            )
            context.set_trailing_metadata(
                (
                    (
                        "google.ads.googleads.v26.errors.googleadsfailure-bin",
                        GoogleAdsFailure.serialize(failure),
                    ),
                    ("request-id", "req-42"),
                )
            )
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "Request contains an invalid argument.")
        answers = []
        for i, op in enumerate(request.mutate_operations):
            kind = ads.MutateOperation.pb(op).WhichOneof("operation")
            inner = getattr(op, kind)
            target = inner.update.resource_name if "update" in inner else f"created/{i}"
            answers.append({kind.replace("_operation", "_result"): {"resource_name": target}})
        return ads.MutateGoogleAdsResponse(mutate_operation_responses=answers)

    def upload(
        self, request: uploads.UploadClickConversionsRequest, context: grpc.ServicerContext
    ) -> uploads.UploadClickConversionsResponse:
        self._seen(context)
        self.uploads.append(request)
        return uploads.UploadClickConversionsResponse(
            results=[
                {"gclid": c.gclid, "conversion_action": c.conversion_action}
                for c in request.conversions
            ]
        )

    def apply(
        self, request: recs.ApplyRecommendationRequest, context: grpc.ServicerContext
    ) -> recs.ApplyRecommendationResponse:
        self._seen(context)
        self.applied.append(request)
        return recs.ApplyRecommendationResponse(
            results=[{"resource_name": op.resource_name} for op in request.operations]
        )

    def handlers(self) -> list[grpc.GenericRpcHandler]:
        def unary(fn: Any, req: Any, resp: Any) -> grpc.RpcMethodHandler:
            return grpc.unary_unary_rpc_method_handler(
                fn, request_deserializer=req.deserialize, response_serializer=resp.serialize
            )

        return [
            grpc.method_handlers_generic_handler(
                f"{SERVICES}.GoogleAdsService",
                {
                    "SearchStream": grpc.unary_stream_rpc_method_handler(
                        self.search_stream,
                        request_deserializer=ads.SearchGoogleAdsStreamRequest.deserialize,
                        response_serializer=ads.SearchGoogleAdsStreamResponse.serialize,
                    ),
                    "Mutate": unary(
                        self.mutate, ads.MutateGoogleAdsRequest, ads.MutateGoogleAdsResponse
                    ),
                },
            ),
            grpc.method_handlers_generic_handler(
                f"{SERVICES}.ConversionUploadService",
                {
                    "UploadClickConversions": unary(
                        self.upload,
                        uploads.UploadClickConversionsRequest,
                        uploads.UploadClickConversionsResponse,
                    )
                },
            ),
            grpc.method_handlers_generic_handler(
                f"{SERVICES}.RecommendationService",
                {
                    "ApplyRecommendation": unary(
                        self.apply,
                        recs.ApplyRecommendationRequest,
                        recs.ApplyRecommendationResponse,
                    )
                },
            ),
        ]
