"""The local sink of `analytics-events`: each delivered event becomes one DuckDB row.

Production needs no function here: the topic's BigQuery subscription writes the same JSON
into the events table. Duplicates (a redelivery, a fact published twice) are skipped by
event id.
"""

from __future__ import annotations

from shared.analytics.store import ANALYTICS
from shared.platform.analytics import AnalyticsPayload
from shared.platform.events.envelope import ReceivedEvent
from shared.platform.http import parse
from shared.platform.services import Platform


def record(platform: Platform, event: ReceivedEvent) -> bool:
    """Store the event; False when its id was already stored."""
    row = parse(AnalyticsPayload, event.payload, location="message.data").root
    return platform.adapter(ANALYTICS).insert([row]) == 1
