"""A cohort's four guidance stages over the API."""

from typing import Any

from ninja import Field, Schema

from kotacerdas.bimtek.models import TEXT_LENGTH
from kotacerdas.bimtek.schemas.common import Strict


class GuidanceStageOut(Schema):
    id: int
    cohort_year: int = Field(alias="cohort.year")
    number: int = Field(description="1-4.")
    name: str = Field(description="`Stage I` to `Stage IV`, in the request's language.")
    expected_outputs: str
    days_in_region: int = Field(description="Consecutive working days a visit takes, at least.")
    min_gap_days: int = Field(description="Days after the start of the previous stage, at least.")
    max_gap_days: int = Field(description="Days after the start of the previous stage, at most.")

    @staticmethod
    def resolve_name(stage: Any) -> str:
        return str(stage.get_number_display())


class GuidanceStagePatch(Strict):
    """Only the fields sent change."""

    expected_outputs: str | None = Field(None, max_length=TEXT_LENGTH)
    days_in_region: int | None = Field(None, ge=1, le=10)
    min_gap_days: int | None = Field(None, ge=1, le=180)
    max_gap_days: int | None = Field(None, ge=1, le=365)
