"""Every report the endpoint runs is documented as one of its answers, and vice versa."""

from __future__ import annotations

from typing import get_type_hints

from functions.manifest import FUNCTIONS_BY_NAME
from shared.analytics.reports import ALL_REPORTS


def test_the_manifest_documents_exactly_the_reports_answers() -> None:
    endpoint = FUNCTIONS_BY_NAME["admin-analytics"]
    answers = {
        f"{model.__module__}:{model.__qualname__}"
        for model in (get_type_hints(report)["return"] for report in ALL_REPORTS.values())
    }
    assert set(endpoint.query_response_models) == answers
