"""A region in guidance over the API: priorities, team, visits, blackout days, OPD groups."""

from datetime import date
from typing import Annotated, Any

from ninja import Field, Schema

from kotacerdas.bimtek.models import NAME_LENGTH, REASON_LENGTH
from kotacerdas.bimtek.schemas.common import (
    DimensionCode,
    GuidanceDimensionOut,
    GuidancePersonOut,
    Id,
    RequiredText,
    Strict,
    items_between,
    people,
)

ONE_LINE = "One line: no line breaks or control characters."
MAX_GROUP_OPDS = 500
MAX_DIMENSIONS = 20


class GuidanceVisitSummaryOut(Schema):
    id: int
    stage: int = Field(alias="stage.number", description="1-4.")
    starts_on: date | None
    ends_on: date | None
    status: str = Field(description="`planned` or `complete`.")
    pinned: bool


class GuidanceRegionOut(Schema):
    id: int
    cohort_year: int = Field(alias="cohort.year")
    region_code: str = Field(alias="region_id")
    region_name: str = Field(alias="region.name")
    timezone: str = Field(alias="region.timezone", description="The region's IANA zone.")
    priorities: list[GuidanceDimensionOut] = Field(
        description="Dimensions the mentor team must cover."
    )
    team: list[GuidancePersonOut] = Field(description="The region's mentor team.")
    visits: list[GuidanceVisitSummaryOut] = Field(description="One per stage, in stage order.")

    @staticmethod
    def resolve_priorities(guidance: Any) -> list[Any]:
        return sorted(guidance.priority_dimensions.all(), key=lambda d: (d.position, d.code))

    @staticmethod
    def resolve_team(guidance: Any) -> list[Any]:
        return people(guidance.team)

    @staticmethod
    def resolve_visits(guidance: Any) -> list[Any]:
        return sorted(guidance.visits.all(), key=lambda visit: visit.stage.number)


class PrioritiesIn(Strict):
    dimensions: Annotated[list[DimensionCode], items_between(0, MAX_DIMENSIONS)] = Field(
        max_length=MAX_DIMENSIONS,
        description="Dimension codes (GET /api/v1/reference/dimensions).",
    )


class BlackoutOut(Schema):
    id: int
    region_code: str = Field(alias="region_id")
    starts_on: date
    ends_on: date
    reason: str


class BlackoutIn(Strict):
    starts_on: date
    ends_on: date = Field(description="The last day, inclusive; on or after `starts_on`.")
    reason: str = Field("", max_length=REASON_LENGTH, description=ONE_LINE)


class GroupOPDOut(Schema):
    id: int
    name: str
    abbreviation: str


class OPDGroupOut(Schema):
    id: int
    guidance_id: int
    name: str
    session_minutes: int
    opds: list[GroupOPDOut]

    @staticmethod
    def resolve_opds(group: Any) -> list[Any]:
        return sorted(group.opds.all(), key=lambda opd: (opd.name, opd.pk))


class OPDGroupIn(Strict):
    name: Annotated[str, RequiredText] = Field(
        min_length=1, max_length=NAME_LENGTH, description=ONE_LINE
    )
    opd_ids: Annotated[list[Id], items_between(1, MAX_GROUP_OPDS)] = Field(
        min_length=1,
        max_length=MAX_GROUP_OPDS,
        description="The region's own OPDs; each in one group.",
    )
    session_minutes: int = Field(120, ge=30, le=360)
