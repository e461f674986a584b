"""The pricing data model: the price book owners publish, markets, a quote's input and output.

Money is integer cents and rates are basis points throughout, so no float ever touches a
price. Every model is frozen: a quote, once computed, cannot be edited into a wrong one.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

Cents = Annotated[int, Field(ge=0, strict=True)]
Count = Annotated[int, Field(ge=0, strict=True)]
BasisPoints = Annotated[int, Field(ge=0, le=10_000, strict=True)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Label = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
ZipCode = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
LineKind = Literal[
    "guests", "upgrade", "third_protein", "addon", "minimum", "surcharge", "travel", "tax", "credit"
]


def normalise_name(name: str) -> str:
    """The form names are compared in: case, spacing, hyphens and underscores do not matter."""
    return " ".join(name.casefold().replace("-", " ").replace("_", " ").split())


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- price book -------------------------------------------------------------------------


class GuestPrices(_Frozen):
    adult_cents: Cents
    adult_min_age: int = Field(gt=0)
    child_cents: Cents
    child_min_age: int = Field(gt=0)
    toddler_cents: Cents

    @model_validator(mode="after")
    def _ages_ordered(self) -> GuestPrices:
        if self.child_min_age >= self.adult_min_age:
            raise ValueError("child_min_age must be below adult_min_age")
        return self


class Protein(_Frozen):
    label: Label
    upgrade_cents: Cents = Field(description="Charged per portion; 0 for included proteins")
    aliases: tuple[str, ...] = ()


class AddOn(_Frozen):
    label: Label
    cents: Cents
    aliases: tuple[str, ...] = ()


class FixedPeakDate(_Frozen):
    """The same calendar day every year (Christmas Day)."""

    name: Label
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    @model_validator(mode="after")
    def _day_exists(self) -> FixedPeakDate:
        if self.day > calendar.monthrange(2000, self.month)[1]:  # 2000: a leap year
            raise ValueError(f"month {self.month} has no day {self.day}")
        return self


class NthWeekdayPeakDate(_Frozen):
    """The nth given weekday of a month (Thanksgiving: 4th Thursday of November)."""

    name: Label
    month: int = Field(ge=1, le=12)
    weekday: Weekday
    nth: int = Field(ge=1, le=4, description="1-4: every month has at least four of each")


PeakDateRule = FixedPeakDate | NthWeekdayPeakDate


class PeakPolicy(_Frozen):
    surcharge_bps: BasisPoints
    dates: tuple[PeakDateRule, ...]


class TravelPolicy(_Frozen):
    free_miles: Count
    cents_per_mile: Cents
    max_miles: int = Field(gt=0, description="Beyond this from every base: outside the area")

    @model_validator(mode="after")
    def _free_within_max(self) -> TravelPolicy:
        if self.free_miles > self.max_miles:
            raise ValueError("free_miles cannot exceed max_miles")
        return self


class DepositPolicy(_Frozen):
    """The deposit confirms a booking and counts toward its total.

    Fully refundable when cancelled at least `refundable_days_before` days before the
    event, not refundable after; the booking code applies the rule.
    """

    cents: Cents
    refundable_days_before: Count


class Gratuity(_Frozen):
    """Gratuity is never charged by the engine; the quote only says what is customary."""

    customary_min_pct: int = Field(ge=0, le=100)
    customary_max_pct: int = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _range(self) -> Gratuity:
        if self.customary_min_pct > self.customary_max_pct:
            raise ValueError("customary_min_pct exceeds customary_max_pct")
        return self


class Credit(_Frozen):
    """A credit the business grants (a referral, a goodwill discount), as a quote line.

    The engine applies it to the food (before surcharge and tax), capped at `cents` and at
    `max_bps` of the food, and never below the party minimum unless `below_minimum`; never
    below the deposit either way, so the balance due is never negative.
    """

    label: Label
    cents: Cents = Field(gt=0)
    max_bps: BasisPoints = Field(default=10_000, description="Cap as a share of the food")
    below_minimum: bool = Field(default=False, description="May take food under the minimum")


class LoyaltyReward(_Frozen):
    """Spending `points` puts the credit `credit` (a key of the book's credits) on a hold."""

    points: int = Field(gt=0)
    credit: Key


class LoyaltyPolicy(_Frozen):
    """Points a completed event earns, per whole dollar of its food (after credits), and
    what they buy (None: points only accrue)."""

    points_per_dollar: Count = 1
    reward: LoyaltyReward | None = None


class PriceBook(_Frozen):
    """One published version of every price and pricing rule.

    Proteins and add-ons are keyed by a stable key; each also answers to its label and
    aliases, compared after `normalise_name`. Those names form the one normalisation table
    the engine resolves customer wording with; names listed in `ambiguous_proteins` are
    never resolved, so the engine can ask the customer instead of guessing.
    """

    version: str = Field(pattern=r"^[A-Za-z0-9._-]+$", examples=["2026-11-01"])
    currency: Literal["USD"]
    guests: GuestPrices
    proteins_per_guest: int = Field(gt=0)
    max_third_proteins_per_guest: Count
    third_protein_cents: Cents
    proteins: dict[Key, Protein] = Field(min_length=1)
    ambiguous_proteins: dict[str, tuple[Key, ...]] = Field(default_factory=dict)
    addons: dict[Key, AddOn]
    party_minimum_cents: Cents = Field(description="Floor on the food subtotal")
    max_guests: int = Field(gt=0, description="Toddlers count; larger parties go to a human")
    peak: PeakPolicy
    travel: TravelPolicy
    deposit: DepositPolicy
    gratuity: Gratuity
    credits: dict[Key, Credit] = Field(default_factory=dict)
    loyalty: LoyaltyPolicy = Field(default_factory=LoyaltyPolicy)

    _protein_names: dict[str, str] = PrivateAttr()
    _addon_names: dict[str, str] = PrivateAttr()
    _ambiguous: dict[str, tuple[str, ...]] = PrivateAttr()

    @model_validator(mode="after")
    def _build_name_table(self) -> PriceBook:
        reward = self.loyalty.reward
        if reward is not None and reward.credit not in self.credits:
            raise ValueError(f"loyalty.reward.credit {reward.credit!r} is not in credits")
        if self.deposit.cents > self.party_minimum_cents:
            # The total never falls below the minimum, so the balance due is never negative.
            raise ValueError("deposit.cents cannot exceed party_minimum_cents")
        self._protein_names = _name_table(
            {key: (p.label, *p.aliases) for key, p in self.proteins.items()}
        )
        self._addon_names = _name_table(
            {key: (a.label, *a.aliases) for key, a in self.addons.items()}
        )
        self._ambiguous = {}
        for name, choices in self.ambiguous_proteins.items():
            unknown = [c for c in choices if c not in self.proteins]
            if len(choices) < 2 or unknown:
                raise ValueError(f"ambiguous name {name!r} needs 2+ known proteins: {choices}")
            if normalise_name(name) in self._protein_names:
                raise ValueError(f"ambiguous name {name!r} is also a protein name")
            self._ambiguous[normalise_name(name)] = choices
        return self

    def protein_key(self, name: str) -> str | None:
        """The protein `name` means, or None when it is unknown or ambiguous."""
        return self._protein_names.get(normalise_name(name))

    def protein_choices(self, name: str) -> tuple[str, ...]:
        """The proteins an ambiguous `name` could mean (empty when it is not ambiguous)."""
        return self._ambiguous.get(normalise_name(name), ())

    def addon_key(self, name: str) -> str | None:
        return self._addon_names.get(normalise_name(name))


def _name_table(names_by_key: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Every normalised name (key, label, aliases) -> key; a name may mean one thing only."""
    table: dict[str, str] = {}
    for key, names in names_by_key.items():
        for name in (key, *names):
            normalised = normalise_name(name)
            if table.setdefault(normalised, key) != key:
                raise ValueError(f"name {name!r} means both {table[normalised]} and {key}")
    return table


# --- markets ----------------------------------------------------------------------------


def _known_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {name!r}") from exc
    return name


class Market(_Frozen):
    """A market the business serves: chefs drive out from `base_zip`."""

    id: Key
    name: Label
    base_zip: ZipCode
    timezone: Annotated[str, AfterValidator(_known_zone)] = Field(examples=["America/New_York"])
    tax_bps: BasisPoints = Field(default=0, description="Sales tax on food + peak surcharge")


def _unique_ids(markets: tuple[Market, ...]) -> tuple[Market, ...]:
    ids = [m.id for m in markets]
    if len(set(ids)) != len(ids):
        raise ValueError(f"market ids must be unique: {ids}")
    return markets


Markets = Annotated[tuple[Market, ...], Field(min_length=1), AfterValidator(_unique_ids)]


# --- quote input ------------------------------------------------------------------------


class QuoteRequest(BaseModel):
    """What a customer asks to be quoted.

    Each field is checked on its own here: at least one adult (children do not book on
    their own), no negative count, a 5-digit zip. What depends on the price book the engine
    checks, reporting field errors the same way: unknown protein or add-on names, portion
    caps (2 per guest, toddlers included, plus the third-protein portions; at most one third
    protein per guest) and whether the zip exists. The date only decides peak pricing;
    lead time and past dates are the booking layer's business.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    adults: int = Field(
        ge=1, strict=True, description="Guests 13 and over; at least one adult hosts the party"
    )
    children: Count = Field(default=0, description="Guests 6 to 12")
    toddlers: Count = Field(default=0, description="Guests 5 and under (free)")
    protein_selections: dict[str, Count] = Field(
        default_factory=dict,
        description="Protein name -> portions; only premium upgrades are charged",
        examples=[{"filet mignon": 4, "chicken": 6}],
    )
    third_protein_portions: Count = Field(default=0, description="Extra (third) protein portions")
    addons: tuple[str, ...] = Field(default=(), description="Add-on names, each at most once")
    customer_zipcode: ZipCode = Field(description="5-digit US zip code of the event")
    event_date: date = Field(description="YYYY-MM-DD; used only for peak-date pricing")

    @field_validator("protein_selections")
    @classmethod
    def _names_present(cls, value: dict[str, int]) -> dict[str, int]:
        if any(not normalise_name(name) for name in value):
            raise ValueError("protein names cannot be blank")
        return value

    @property
    def guests(self) -> int:
        return self.adults + self.children + self.toddlers


# --- quote output -----------------------------------------------------------------------


class QuoteLine(_Frozen):
    """One line; a `credit` line's amount is taken off (amounts are never negative)."""

    label: str
    quantity: Count
    unit_cents: Cents
    amount_cents: Cents
    kind: LineKind
    key: str | None = Field(default=None, description="The price book's credit key (credits)")

    @model_validator(mode="after")
    def _adds_up(self) -> QuoteLine:
        if self.amount_cents != self.quantity * self.unit_cents:
            raise ValueError(f"{self.label}: {self.quantity} x {self.unit_cents} is not amount")
        return self


class Quote(_Frozen):
    """An itemised price. Validation re-checks the arithmetic, so an inconsistent quote
    cannot be constructed: the lines sum to the total and the deposit plus the balance due
    equal it."""

    price_book_version: str
    market_id: str
    customer_zipcode: str
    event_date: date
    guests: Count
    lines: tuple[QuoteLine, ...]
    food_subtotal_cents: Cents = Field(description="Guests + upgrades + add-ons")
    party_minimum_cents: Cents
    minimum_applied: bool
    food_cents: Cents = Field(description="The food subtotal raised to the party minimum")
    credit_cents: Cents = Field(default=0, description="Credits taken off the food")
    peak_day: str | None
    surcharge_cents: Cents
    road_miles: float = Field(ge=0)
    travel_cents: Cents
    tax_bps: BasisPoints
    tax_cents: Cents
    total_cents: Cents
    deposit_cents: Cents
    balance_due_cents: Cents
    notes: tuple[str, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Quote:
        checks = {
            "food": self.food_cents == max(self.food_subtotal_cents, self.party_minimum_cents),
            "minimum flag": self.minimum_applied == (self.food_subtotal_cents < self.food_cents),
            "total": self.total_cents
            == self.food_cents
            - self.credit_cents
            + self.surcharge_cents
            + self.travel_cents
            + self.tax_cents,
            "lines": sum(
                line.amount_cents * (-1 if line.kind == "credit" else 1) for line in self.lines
            )
            == self.total_cents,
            "credits": self.credit_cents
            == sum(line.amount_cents for line in self.lines if line.kind == "credit"),
            "balance": self.deposit_cents + self.balance_due_cents == self.total_cents,
        }
        broken = [name for name, ok in checks.items() if not ok]
        if broken:
            raise ValueError(f"inconsistent quote: {', '.join(broken)}")
        return self
