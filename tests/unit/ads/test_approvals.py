"""Only an approval sends a change to the ad account, once, with its audit trail; the
nightly sync proposes and uploads conversions but never changes the account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from shared.ads import approvals
from shared.ads.changes import AdChange
from shared.ads.fakes import FakeAdsAccount
from shared.ads.ports import AdChangeRefused
from shared.ads.sync import UPLOADS, sync
from shared.analytics.store import ANALYTICS
from shared.platform import analytics as a
from shared.platform.audit import AuditQuery, read
from shared.platform.errors import Conflict
from shared.platform.services import Platform
from tests.support.platform import local_platform


class FlakyAccount(FakeAdsAccount):
    """Refuses the first change it is sent, as Google does when a policy check fails."""

    def __init__(self) -> None:
        super().__init__()
        self.refusals = 1

    def apply(self, change: AdChange) -> list[str]:
        if self.refusals:
            self.refusals -= 1
            raise AdChangeRefused("POLICY_FINDING: keyword")
        return super().apply(change)


@pytest.fixture
def account() -> FlakyAccount:
    return FlakyAccount()


@pytest.fixture
def platform(tmp_path, account: FlakyAccount) -> Iterator[Platform]:  # type: ignore[no-untyped-def]
    with local_platform(tmp_path) as p:
        p.factories = {**p.factories, "ads-account": lambda _: account}
        yield p


def _pending(platform: Platform) -> list[approvals.StoredRecommendation]:
    return approvals.listed(platform.store, "pending")


def test_sync_proposes_but_sends_nothing(platform: Platform, account: FlakyAccount) -> None:
    run = sync(platform)
    assert run.recommendations_new == len(_pending(platform)) > 0
    assert account.sent == []
    assert sync(platform).recommendations_new == 0  # a second run repeats nothing
    assert account.sent == []


def test_a_rejected_change_is_never_sent(platform: Platform, account: FlakyAccount) -> None:
    sync(platform)
    rec = _pending(platform)[0]
    rejected = approvals.reject(platform, rec.id, "manager-1", "not now")
    assert rejected.status == "rejected"
    with pytest.raises(Conflict):
        approvals.approve(platform, rec.id, "manager-2", None)
    sync(platform)  # nor is it proposed again
    assert account.sent == []
    assert rec.id not in {r.id for r in _pending(platform)}


def test_an_approved_change_is_sent_once_and_audited(
    platform: Platform, account: FlakyAccount
) -> None:
    account.refusals = 0
    sync(platform)
    rec = _pending(platform)[0]
    applied = approvals.approve(platform, rec.id, "manager-1", "go")
    assert applied.status == "applied" and applied.applied
    assert account.sent == [rec.change]
    with pytest.raises(Conflict):
        approvals.approve(platform, rec.id, "manager-1", "again")
    assert account.sent == [rec.change]
    trail = {e.action: e for e in read(platform.store, AuditQuery(entity_id=rec.id)).entries}
    assert sorted(trail) == ["ad_recommendation.applied", "ad_recommendation.approved"]
    approved = trail["ad_recommendation.approved"]
    assert approved.actor == "manager-1" and approved.after["change"] == rec.change.model_dump(
        mode="json"
    )  # type: ignore[index]


def test_a_refused_change_is_recorded_failed_and_can_be_approved_again(
    platform: Platform, account: FlakyAccount
) -> None:
    sync(platform)
    rec = _pending(platform)[0]
    failed = approvals.approve(platform, rec.id, "manager-1", None)
    assert failed.status == "failed" and "POLICY_FINDING" in (failed.error or "")
    assert account.sent == []
    retried = approvals.approve(platform, rec.id, "manager-1", None)
    assert retried.status == "applied" and retried.error is None
    assert account.sent == [rec.change]


def _booked(platform: Platform, booking_id: str, gclid: str | None) -> None:
    now = platform.clock.now() - timedelta(days=2)
    common = {"booking_id": booking_id, "market": "miami", "gclid": gclid}
    platform.adapter(ANALYTICS).insert(
        [
            a.Hold(
                event_id=a.event_id("hold", booking_id),
                occurred_at=now,
                amount_cents=120_000,
                total_cents=120_000,
                **common,
            ),
            a.DepositPaid(
                event_id=a.event_id("deposit_paid", booking_id),
                occurred_at=now,
                amount_cents=30_000,
                **common,
            ),
        ]
    )


def test_paid_deposits_from_ad_clicks_are_uploaded_once_at_the_bookings_value(
    platform: Platform, account: FlakyAccount
) -> None:
    _booked(platform, "bk-ad", "Cj0KCQ-click")
    _booked(platform, "bk-organic", None)
    assert sync(platform).conversions_uploaded == 1
    (upload,) = account.uploaded
    assert (upload.booking_id, upload.gclid, upload.value_cents) == (
        "bk-ad",
        "Cj0KCQ-click",
        120_000,
    )
    assert platform.store.get(UPLOADS, "bk-ad") is not None
    assert sync(platform).conversions_uploaded == 0
    assert len(account.uploaded) == 1
