"""Programs over the API: budget lines, indicators with yearly targets."""

from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from kotacerdas.masterplan.limits import LONG_TEXT, SHORT_TEXT, UNIT_TEXT
from kotacerdas.masterplan.models import (
    FundingSource,
    Horizon,
)
from kotacerdas.masterplan.schemas.common import Strict

# Targets and baselines are stored as DECIMAL(16, 3) (services.program_value_errors).
NUMBER_RULE = (
    "A finite number with at most 13 digits before the decimal point and 3 after it; "
    "others are refused with 422 naming the field."
)


class BudgetIn(Strict):
    year: int = Field(ge=2015, le=2100)
    source: Literal[*FundingSource.values]  # type: ignore[valid-type]
    amount: int = Field(description="Whole Rupiah, 0 or more.")


class ProgramIndicatorIn(Strict):
    kind: Literal["output", "outcome"]
    name: str = Field(min_length=2, max_length=SHORT_TEXT, description="One line.")
    unit: str = Field(min_length=1, max_length=UNIT_TEXT, description="One line.")
    baseline_year: int | None = Field(None, ge=2000, le=2100)
    baseline_value: Decimal | None = Field(None, description=NUMBER_RULE)
    targets: dict[int, Decimal] = Field(
        {}, description=f"Year -> target value. Each target: {NUMBER_RULE}"
    )


class ProgramIn(Strict):
    name: str = Field(min_length=3, max_length=SHORT_TEXT, description="One line.")
    description: str = Field("", max_length=LONG_TEXT)
    element: str = Field(description="Dimension element code, e.g. `health`.")
    lead_opd: int
    supporting_opds: list[int] = []
    horizon: Literal[*Horizon.values]  # type: ignore[valid-type]
    start_year: int = Field(ge=2015, le=2100)
    end_year: int = Field(ge=2015, le=2100)
    quick_win_reason: str = Field("", max_length=LONG_TEXT)
    budget: list[BudgetIn] = []
    indicators: list[ProgramIndicatorIn] = []
    problems: list[int] = []
    goals: list[int] = []


class ProgramUpdateIn(ProgramIn):
    version: int = Field(description="The version you started editing; a newer save wins 409.")


class ProgramOut(Schema):
    id: int
    name: str
    element: str = Field(alias="element.code")
    lead_opd: int = Field(alias="lead_opd_id")
    horizon: str
    start_year: int
    end_year: int
    version: int
