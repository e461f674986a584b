"""Lost reasons and counts for the coach report (the phrase families are tested with the
analytics tagger, tests/unit/analytics/test_tagging_rules.py)."""

from shared.learning.coach import objections


def test_lost_reasons_are_the_objections_raised_once_each() -> None:
    said = ["too expensive", "still too expensive. and the minimum?", "ok"]
    assert objections.lost_reasons(said, ended_on_us=True) == ["price", "minimum"]


def test_a_quiet_customer_after_our_reply_is_no_reply() -> None:
    assert objections.lost_reasons(["how much for 10?"], ended_on_us=True) == ["no_reply"]
    assert objections.lost_reasons(["how much for 10?"], ended_on_us=False) == ["other"]


def test_top_orders_by_count_then_name_and_limits() -> None:
    counts = objections.count([["price"], ["price", "minimum"], ["availability"], ["minimum"]])
    assert counts == {"price": 2, "minimum": 2, "availability": 1}
    assert objections.top(counts) == [("minimum", 2), ("price", 2), ("availability", 1)]
    assert objections.top(counts, limit=1) == [("minimum", 2)]
