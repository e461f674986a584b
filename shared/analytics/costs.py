"""The cost model: what an event really costs the business, owned by owners, versioned.

Profit is revenue minus these costs, so the numbers are business configuration like the
price book: published as versions (shared.platform.versioned), audited, rolled back with
one call, and every profitability report names the version it was computed under. Shares
are basis points of the matching revenue line; fixed costs are cents per event.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shared.platform.versioned import VERSION_PATTERN, VersionedDocuments
from shared.pricing.models import BasisPoints, Cents

DEFAULT_VERSION = "default"


class CostModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(
        default=DEFAULT_VERSION, pattern=VERSION_PATTERN, description="New for every publish"
    )
    note: str = Field(default="", max_length=500, description="Why this version exists")
    chef_cents: Cents = Field(default=30_000, description="Paid to the chef per event")
    equipment_cents: Cents = Field(default=5_000, description="Grill, gas, supplies per event")
    upgrade_cost_bps: BasisPoints = Field(
        default=3_500, description="Share of protein-upgrade revenue spent on the protein"
    )
    travel_cost_bps: BasisPoints = Field(
        default=4_000, description="Share of the travel fee that is real cost (fuel, time)"
    )
    addon_cost_bps: BasisPoints = Field(default=3_000, description="Share of add-on revenue")
    overhead_bps: BasisPoints = Field(default=1_500, description="Share of every event's revenue")
    low_margin_bps: BasisPoints = Field(
        default=2_000, description="Events with a net margin below this are listed as alerts"
    )

    def sql_params(self) -> dict[str, int]:
        """The values the profitability SQL takes as parameters (never inlined)."""
        return self.model_dump(exclude={"version", "note"})


COLLECTION = "cost_models"
COST_MODELS = VersionedDocuments(
    collection=COLLECTION,
    entity="cost_model",
    label="cost model",
    model=CostModel,
    body="costs",
    default=CostModel,
    default_published=True,  # reports ran under the defaults before anything was published
)
