"""What every report is asked: which report, over which days, narrowed how.

One query model serves all reports so the endpoint documents one set of parameters and
bad input is judged alike everywhere: an unknown report, period, segment or channel is a
422 naming the field (markets are checked against the stored ones by the endpoint). The
period is either `from`/`to` (inclusive UTC days) or a named window ending today.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from shared.conversation.store import Channel

ReportName = Literal[
    "funnel", "profitability", "channels", "decisions", "lost", "objections", "tags"
]
Segment = Literal["channel", "market", "occasion"]
Period = Literal["7d", "30d", "90d", "365d"]

_PERIOD_DAYS: dict[Period, int] = {"7d": 7, "30d": 30, "90d": 90, "365d": 365}
DEFAULT_PERIOD: Period = "30d"


class PeriodReport(BaseModel):
    """What every report's answer opens with: which report, over which period."""

    model_config = ConfigDict(serialize_by_alias=True)

    report: ReportName
    from_: date = Field(serialization_alias="from")
    to: date


class ReportQuery(BaseModel):
    """GET ?report=&from=&to= | period=, and optional by=, market=, channel=."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    report: ReportName = "funnel"
    from_: date | None = Field(
        default=None, alias="from", description="First day of the period (inclusive)"
    )
    to: date | None = Field(default=None, description="Last day of the period (inclusive)")
    period: Period | None = Field(
        default=None, description="A window ending today, instead of from/to (default 30d)"
    )
    by: Segment = "channel"
    market: str | None = Field(default=None, description="Only this market")
    channel: Channel | None = Field(default=None, description="Only conversations on this channel")

    @model_validator(mode="after")
    def _one_period(self, info: ValidationInfo) -> ReportQuery:
        if self.period is not None and (self.from_ or self.to):
            raise ValueError("give either 'period' or 'from'/'to', not both")
        if (self.from_ is None) != (self.to is None):
            raise ValueError("'from' and 'to' go together")
        if self.from_ is None:
            now = (info.context or {}).get("now") or datetime.now(UTC)
            days = _PERIOD_DAYS[self.period or DEFAULT_PERIOD]
            self.to = now.date()
            self.from_ = self.to - timedelta(days=days - 1)
        assert self.to is not None
        if self.to < self.from_:
            raise ValueError("'to' is before 'from'")
        return self

    @property
    def first_day(self) -> date:
        assert self.from_ is not None
        return self.from_

    @property
    def last_day(self) -> date:
        assert self.to is not None
        return self.to

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time(), UTC)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day."""
        return datetime.combine(self.last_day + timedelta(days=1), time(), UTC)


def filters(query: ReportQuery) -> dict[str, datetime | str]:
    """The parameters every report's SQL takes: the period, and '' for "any" market/channel."""
    return {
        "start": query.start,
        "end": query.end,
        "market": query.market or "",
        "channel": query.channel or "",
    }


# The SQL side of `filters` for reports over one kind of event row (alias `e`).
NARROWED = (
    "({p:market} = '' OR e.market = {p:market}) AND ({p:channel} = '' OR e.channel = {p:channel})"
)
