"""The nightly marketing sync: upload new paid deposits as conversions, pull the last 30
days from Google Ads, Search Console and GA4, store the snapshot, propose changes.

Safe to run twice: the snapshot is keyed by its last day, a booking is uploaded once
(and Google drops a repeated order id anyway), and a recommendation already stored keeps
whatever staff decided. It proposes only; nothing is sent to the ad account here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel

from shared.ads import approvals
from shared.ads.bookings import click_conversions, market_bookings
from shared.ads.models import AdsPerformance, MarketBookings, SearchPerformance, WebTraffic
from shared.ads.ports import ADS_ACCOUNT, SEARCH_CONSOLE, WEB_ANALYTICS, AdsAccount
from shared.ads.recommendations import recommend
from shared.analytics.store import ANALYTICS
from shared.platform.docstore import Direction, DocumentStore, Order
from shared.platform.services import Platform

SNAPSHOTS = "ad_snapshots"
UPLOADS = "ad_conversion_uploads"
PERIOD_DAYS = 30


class Snapshot(BaseModel):
    id: str
    at: datetime
    ads: AdsPerformance
    search: SearchPerformance
    web: WebTraffic
    bookings: list[MarketBookings]


class SyncRun(BaseModel):
    snapshot_id: str
    conversions_uploaded: int
    recommendations_new: int


def _upload_new(platform: Platform, ads: AdsAccount, now: datetime) -> int:
    store = platform.store
    fresh = [
        c
        for c in click_conversions(platform.adapter(ANALYTICS), now)
        if store.get(UPLOADS, c.booking_id) is None
    ]
    if not fresh:
        return 0
    taken = ads.upload_conversions(fresh)
    batch = store.batch()
    for c in fresh:
        batch.set(
            UPLOADS, c.booking_id, {"at": now, "gclid": c.gclid, "value_cents": c.value_cents}
        )
    batch.commit()
    return taken


def sync(platform: Platform) -> SyncRun:
    now = platform.clock.now()
    last_day = (now - timedelta(days=1)).date()
    first_day = last_day - timedelta(days=PERIOD_DAYS - 1)
    ads = platform.adapter(ADS_ACCOUNT)
    uploaded = _upload_new(platform, ads, now)
    snapshot = Snapshot(
        id=last_day.isoformat(),
        at=now,
        ads=ads.performance(first_day, last_day),
        search=platform.adapter(SEARCH_CONSOLE).performance(first_day, last_day),
        web=platform.adapter(WEB_ANALYTICS).traffic(first_day, last_day),
        bookings=market_bookings(platform.adapter(ANALYTICS), first_day, last_day),
    )
    data = snapshot.model_dump(mode="json", exclude={"id"}) | {"at": now}
    platform.store.set(SNAPSHOTS, snapshot.id, data)
    new = approvals.propose(platform.store, recommend(snapshot.ads), snapshot.id, now)
    return SyncRun(snapshot_id=snapshot.id, conversions_uploaded=uploaded, recommendations_new=new)


def latest(store: DocumentStore) -> Snapshot | None:
    docs = store.query(SNAPSHOTS, order_by=[Order("at", Direction.DESC)], limit=1)
    return Snapshot.model_validate({"id": docs[0].id, **docs[0].data}) if docs else None
