"""Mentors over the API: their profile for the scheduler and their unavailable dates."""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema

from kotacerdas.bimtek.models import REASON_LENGTH
from kotacerdas.bimtek.schemas.common import (
    DimensionCode,
    GuidanceDimensionOut,
    GuidancePersonOut,
    Strict,
    items_between,
)

MAX_EXPERTISE = 20


def _profile(user: Any) -> Any:
    try:
        return user.mentor_profile
    except AttributeError:  # RelatedObjectDoesNotExist is one
        return None


class MentorOut(Schema):
    id: int
    username: str
    name: str
    has_profile: bool = Field(description="False until the office or the mentor saves one.")
    home_region_code: str | None
    expertise: list[str] = Field(description="Dimension codes.")
    max_regions: int | None
    max_travel_days_per_month: int | None

    @staticmethod
    def resolve_name(user: Any) -> str:
        return str(user.get_full_name() or user.get_username())

    @staticmethod
    def resolve_has_profile(user: Any) -> bool:
        return _profile(user) is not None

    @staticmethod
    def resolve_home_region_code(user: Any) -> str | None:
        profile = _profile(user)
        return profile.home_region_id if profile else None

    @staticmethod
    def resolve_expertise(user: Any) -> list[str]:
        profile = _profile(user)
        return sorted(d.code for d in profile.expertise.all()) if profile else []

    @staticmethod
    def resolve_max_regions(user: Any) -> int | None:
        profile = _profile(user)
        return profile.max_regions if profile else None

    @staticmethod
    def resolve_max_travel_days_per_month(user: Any) -> int | None:
        profile = _profile(user)
        return profile.max_travel_days_per_month if profile else None


class MentorProfileOut(Schema):
    mentor: GuidancePersonOut = Field(alias="user")
    home_region_code: str = Field(alias="home_region_id", description="Where trips start and end.")
    home_region_name: str = Field(alias="home_region.name")
    expertise: list[GuidanceDimensionOut]
    max_regions: int
    max_travel_days_per_month: int = Field(description="Travel days and days in regions.")
    updated_at: datetime

    @staticmethod
    def resolve_expertise(profile: Any) -> list[Any]:
        return sorted(profile.expertise.all(), key=lambda d: (d.position, d.code))


class MentorProfileIn(Strict):
    home_region: str = Field(max_length=5, description="Region code `PP.KK` of the home base.")
    expertise: Annotated[list[DimensionCode], items_between(0, MAX_EXPERTISE)] = Field(
        [],
        max_length=MAX_EXPERTISE,
        description="Dimension codes (GET /api/v1/reference/dimensions).",
    )
    max_regions: int = Field(6, ge=1, le=50)
    max_travel_days_per_month: int = Field(12, ge=1, le=31)


class UnavailabilityOut(Schema):
    id: int
    mentor_id: int
    starts_on: date
    ends_on: date
    reason: str


class UnavailabilityIn(Strict):
    starts_on: date
    ends_on: date = Field(description="The last day, inclusive; on or after `starts_on`.")
    reason: str = Field("", max_length=REASON_LENGTH, description="One line.")
