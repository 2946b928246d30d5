"""Cohorts, their phases and rubric over the API."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from kotacerdas.program.models import PhaseKind
from kotacerdas.program.schemas.common import Strict
from kotacerdas.regions.models import IslandGroup


class PhaseIn(Strict):
    kind: Literal[*PhaseKind.values]  # type: ignore[valid-type]
    starts_on: date
    ends_on: date


class CriterionIn(Strict):
    code: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    pillar: Literal["struktur", "infrastruktur", "suprastruktur"]
    title: str = Field(min_length=3, max_length=200)
    weight: Decimal = Field(
        ge=Decimal("0.01"),
        le=Decimal("999.99"),
        decimal_places=2,
        description="Relative weight, 0.01 to 999.99; weights need not add up to 100.",
    )
    levels: list[Annotated[str, Field(max_length=500)]] = Field(
        min_length=5, max_length=5, description="Levels 1 to 5, 500 characters each at most."
    )
    guidance: str = Field("", max_length=5000)


class RubricIn(Strict):
    criteria: list[CriterionIn] = Field(
        min_length=1, description="The whole rubric, in order; a criterion left out is removed."
    )
    reason: str = Field(
        "",
        max_length=2000,
        description="Why the rubric changes: required once applications were submitted.",
    )


class ScheduleIn(Strict):
    application_deadline: datetime | None = Field(
        None, description="A new deadline, while applications are not yet closed."
    )
    phases: list[PhaseIn] = Field(
        description="Every dated phase; a phase left out is removed. Dates from 2015 to "
        "the end of the year two years from now."
    )


IslandMinimums = dict[Literal[*IslandGroup.values], int]  # type: ignore[valid-type]


class CohortIn(Strict):
    year: int = Field(ge=2017, le=2100)
    name: str = Field(min_length=3, max_length=150)
    quota: int = Field(ge=1, le=514)
    application_deadline: datetime
    phases: list[PhaseIn] = []
    criteria: list[CriterionIn] = []
    max_per_province: int | None = Field(None, ge=1)
    min_per_island_group: IslandMinimums = {}
    min_score: Decimal | None = Field(None, ge=1, le=5)


class RulesIn(Strict):
    quota: int = Field(ge=1, le=514)
    max_per_province: int | None = Field(None, ge=1)
    min_per_island_group: IslandMinimums = {}
    min_score: Decimal | None = Field(None, ge=1, le=5)


class PhaseOut(Schema):
    kind: str
    starts_on: date
    ends_on: date


class CriterionOut(Schema):
    code: str
    pillar: str = Field(alias="pillar.code")
    title: str
    guidance: str
    weight: Decimal
    levels: list[str]


class CohortOut(Schema):
    year: int
    name: str
    quota: int
    status: str
    registration_open: bool = Field(
        description="Regions can still start, change and submit applications."
    )
    application_deadline: datetime
    max_per_province: int | None
    min_per_island_group: dict[str, int]
    min_score: Decimal | None
    published_at: datetime | None
    phases: list[PhaseOut]
    criteria: list[CriterionOut]

    @staticmethod
    def resolve_phases(cohort: Any) -> list[Any]:
        return list(cohort.phases.all())

    @staticmethod
    def resolve_criteria(cohort: Any) -> list[Any]:
        return list(cohort.criteria.all())
