"""Draft review's policy and report math: the first-N countdown, rates and percentiles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.platform.errors import ValidationFailed
from shared.review import policy
from shared.review.drafts import Draft
from shared.review.policy import ChannelReview, ReviewPolicy
from shared.review.report import percentile, summarize

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rule", "sent", "left", "held"),
    [
        (ChannelReview(), 0, 0, False),  # not required: straight out
        (ChannelReview(require_review=True), 500, None, True),  # no first N: always held
        (ChannelReview(require_review=True, first=3), 2, 1, True),
        (ChannelReview(require_review=True, first=3), 3, 0, False),
        (ChannelReview(require_review=True, first=3), 7, 0, False),  # never negative
    ],
)
def test_first_n_counts_down_to_sending_straight_out(
    rule: ChannelReview, sent: int, left: int | None, held: bool
) -> None:
    assert policy.remaining(rule, sent) == left
    assert policy.holds(rule, sent) is held


def test_an_unlisted_channel_is_not_reviewed() -> None:
    rules = ReviewPolicy(channels={"email": ChannelReview(require_review=True)})
    assert rules.of("email").require_review and not rules.of("sms").require_review


def test_web_review_is_refused_before_anything_is_written() -> None:
    class Untouchable:
        def run_transaction(self, fn: object) -> None:
            raise AssertionError("nothing may be written")

    web = ReviewPolicy(channels={"web": ChannelReview(require_review=True)})
    with pytest.raises(ValidationFailed) as caught:
        policy.save(Untouchable(), web, actor="m", now=T0)  # type: ignore[arg-type]
    assert caught.value.errors[0].field == "channels.web"


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([], 0.5, None),
        ([7.0], 0.9, 7.0),
        ([4.0, 1.0, 3.0, 2.0], 0.5, 2.0),  # nearest rank: an observed value
        ([float(v) for v in range(1, 11)], 0.9, 9.0),
        ([float(v) for v in range(1, 11)], 0.5, 5.0),
    ],
)
def test_percentile_is_nearest_rank(values: list[float], q: float, expected: float | None) -> None:
    assert percentile(values, q) == expected


def _draft(status: str, wait_s: int | None) -> Draft:
    decided = None if wait_s is None else T0 + timedelta(seconds=wait_s)
    return Draft.model_validate(
        {
            "id": f"m-{status}-{wait_s}",
            "thread_id": "th",
            "channel": "email",
            "to": "a@b.c",
            "text": "hi",
            "status": status,
            "created_at": T0,
            "decided_at": decided,
        }
    )


def test_rates_are_shares_of_decided_and_waits_count_only_sent_drafts() -> None:
    drafts = [
        _draft("pending", None),
        _draft("approved", 60),
        _draft("approved", 120),
        _draft("edited", 600),
        _draft("rejected", 5),  # sent nothing: not a wait for an approved reply
    ]
    row = summarize("email", drafts, ChannelReview(require_review=True, first=10), sent=3)
    assert (row.pending, row.approved, row.edited, row.rejected) == (1, 2, 1, 1)
    assert row.edit_rate == 0.25 and row.rejection_rate == 0.25
    assert row.time_to_approve.median_s == 120.0 and row.time_to_approve.p90_s == 600.0
    assert row.remaining == 7 and row.sent_after_review == 3


def test_a_channel_with_no_decisions_reports_zero_rates_and_no_times() -> None:
    row = summarize("sms", [_draft("pending", None)], ChannelReview(require_review=True), sent=0)
    assert row.edit_rate == row.rejection_rate == 0.0
    assert row.time_to_approve.median_s is None and row.remaining is None
