"""The changes a recommendation proposes to the ad account, as data.

A change is only ever sent by `approvals.approve`, after a manager's approval is stored
and audited; the Google Ads adapter turns each kind into the SDK's mutate operations.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

# Ad schedule bid modifier for dead hours: Google's floor (-90%), short of pausing.
DEAD_HOUR_BID_MODIFIER = 0.1


class _Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PauseKeyword(_Change):
    kind: Literal["pause_keyword"] = "pause_keyword"
    campaign_id: str
    ad_group_id: str
    criterion_id: str
    text: str


class SetDailyBudget(_Change):
    kind: Literal["set_daily_budget"] = "set_daily_budget"
    campaign_id: str
    budget: str = Field(description="Campaign budget resource name")
    from_cents: int
    to_cents: int


class AddNegativeKeywords(_Change):
    kind: Literal["add_negative_keywords"] = "add_negative_keywords"
    campaign_id: str
    terms: tuple[str, ...] = Field(min_length=1)


class BidDownHours(_Change):
    kind: Literal["bid_down_hours"] = "bid_down_hours"
    campaign_ids: tuple[str, ...] = Field(min_length=1)
    hours: tuple[int, ...] = Field(min_length=1, description="Hours of day, every weekday")
    bid_modifier: float = DEAD_HOUR_BID_MODIFIER


class ApplyGoogleSuggestion(_Change):
    kind: Literal["apply_google_suggestion"] = "apply_google_suggestion"
    resource_name: str


AdChange = Annotated[
    PauseKeyword | SetDailyBudget | AddNegativeKeywords | BidDownHours | ApplyGoogleSuggestion,
    Field(discriminator="kind"),
]
