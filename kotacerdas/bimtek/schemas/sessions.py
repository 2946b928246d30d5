"""Visits and sessions over the API: the calendar, moves, confirmation, attendance."""

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Literal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from kotacerdas.bimtek.models import NAME_LENGTH, TEXT_LENGTH
from kotacerdas.bimtek.schemas.common import (
    GuidancePersonOut,
    Id,
    RequiredText,
    Strict,
    items_between,
    people,
)
from kotacerdas.core import localtime
from kotacerdas.core.api_support import MAX_YEAR, MIN_YEAR

ONE_LINE = "One line: no line breaks or control characters."
# People at a session, at most: as the page's attendance form (forms/visits.py).
MAX_ATTENDEES = 500
MAX_TEAM = 10


class GuidanceVisitOut(Schema):
    id: int
    guidance_id: int
    cohort_year: int = Field(alias="guidance.cohort.year")
    region_code: str = Field(alias="guidance.region_id")
    region_name: str = Field(alias="guidance.region.name")
    timezone: str = Field(alias="guidance.region.timezone", description="The region's IANA zone.")
    stage: int = Field(alias="stage.number", description="1-4.")
    stage_id: int
    starts_on: date | None = Field(description="The first day in the region (its own calendar).")
    ends_on: date | None = Field(description="The last day, inclusive.")
    mentors: list[GuidancePersonOut]
    pinned: bool = Field(description="A re-plan keeps its dates and team.")
    status: str = Field(description="`planned` or `complete`.")
    completed_at: datetime | None
    completed_by: str | None
    completion_notes: str

    @staticmethod
    def resolve_mentors(visit: Any) -> list[Any]:
        return people(visit.mentors)

    @staticmethod
    def resolve_completed_by(visit: Any) -> str | None:
        return visit.completed_by.get_username() if visit.completed_by else None


class AttendeeOut(Schema):
    name: str
    position: str
    opd_id: int | None
    opd_name: str | None

    @staticmethod
    def resolve_opd_name(attendee: Any) -> str | None:
        return attendee.opd.name if attendee.opd else None


class GuidanceSessionOut(Schema):
    id: int
    visit_id: int
    cohort_year: int = Field(alias="visit.guidance.cohort.year")
    region_code: str = Field(alias="visit.guidance.region_id")
    region_name: str = Field(alias="visit.guidance.region.name")
    timezone: str = Field(
        alias="visit.guidance.region.timezone", description="The region's IANA zone."
    )
    stage: int = Field(alias="visit.stage.number", description="1-4.")
    kind: str = Field(description="`plenary` or `group`.")
    group_id: int | None
    group_name: str | None
    opd_id: int | None = Field(description="The OPD of a session of its own (no group).")
    title: str
    duration_minutes: int
    starts_at: datetime | None = Field(
        description="ISO 8601 in the region's zone, with its offset; null while unplanned."
    )
    ends_at: datetime | None
    pinned: bool
    status: str = Field(description="`planned`, `held` or `cancelled`.")
    confirmed_at: datetime | None = Field(description="When the region confirmed it.")
    held_at: datetime | None
    output_url: str | None = Field(description="Where the output document opens, once attached.")
    sequence: int = Field(description="Raised on each change of time (iCalendar SEQUENCE).")

    @staticmethod
    def resolve_opd_id(session: Any) -> int | None:
        return getattr(session, "opd_id", None)

    @staticmethod
    def resolve_group_name(session: Any) -> str | None:
        return session.group.name if session.group else None

    @staticmethod
    def resolve_starts_at(session: Any) -> datetime | None:
        if session.starts_at is None:
            return None
        return localtime.shown(session.starts_at, session.visit.guidance.region)

    @staticmethod
    def resolve_ends_at(session: Any) -> datetime | None:
        starts = GuidanceSessionOut.resolve_starts_at(session)
        return starts + timedelta(minutes=session.duration_minutes) if starts else None

    @staticmethod
    def resolve_output_url(session: Any) -> str | None:
        if not session.output_file:
            return None
        return reverse("bimtek:session-output", args=[session.pk])


class GuidanceSessionDetailOut(GuidanceSessionOut):
    record: str = Field(description="The minutes.")
    attendance: list[AttendeeOut]

    @staticmethod
    def resolve_attendance(session: Any) -> list[Any]:
        return list(session.attendance.all())


class GuidanceVisitDetailOut(GuidanceVisitOut):
    sessions: list[GuidanceSessionOut] = Field(description="In time order; unplanned ones last.")

    @staticmethod
    def resolve_sessions(visit: Any) -> list[Any]:
        far = datetime.max.replace(tzinfo=None)
        return sorted(
            visit.sessions.all(),
            key=lambda s: (
                s.starts_at is None,
                s.starts_at.replace(tzinfo=None) if s.starts_at else far,
                s.pk,
            ),
        )


class VisitFilters(Strict):
    cohort: int | None = Field(None, description="Cohort year.")
    region: str | None = Field(None, max_length=5, description="Region code `PP.KK`.")
    mentor: int | None = Field(None, description="A mentor's id: the visits of their team.")
    stage: int | None = Field(None, ge=1, le=4)
    status: Literal["planned", "complete"] | None = None


class SessionFilters(Strict):
    cohort: int | None = Field(None, description="Cohort year.")
    region: str | None = Field(None, max_length=5, description="Region code `PP.KK`.")
    mentor: int | None = Field(None, description="A mentor's id: the sessions of their visits.")
    starts_from: date | None = Field(
        None, alias="from", description="Sessions on or after this day (in each region's zone)."
    )
    to: date | None = Field(None, description="Sessions on or before this day (region's zone).")
    status: Literal["planned", "held", "cancelled"] | None = None

    @field_validator("starts_from", "to")
    @classmethod
    def _plausible(cls, value: date | None) -> date | None:
        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise PydanticCustomError(
                "datetime_year_range",
                "Write a date between the years {min_year} and {max_year}.",
                {"min_year": MIN_YEAR, "max_year": MAX_YEAR},
            )
        return value


class VisitMoveIn(Strict):
    starts_on: date = Field(description="The visit's new first day; its sessions move with it.")
    mentor_ids: Annotated[list[Id] | None, items_between(0, MAX_TEAM)] = Field(
        None,
        max_length=MAX_TEAM,
        description="A new team (mentor ids, at least one); the team stays if absent.",
    )


class PinIn(Strict):
    pinned: bool = Field(True, description="True keeps the visit's dates and team on re-plans.")


class CompleteIn(Strict):
    notes: str = Field("", max_length=TEXT_LENGTH)


class ConfirmedOut(Schema):
    confirmed: int = Field(description="How many planned sessions were confirmed.")
    visit: GuidanceVisitDetailOut


class SessionMoveIn(Strict):
    """Either `starts_at` (with its offset), or `local_date` and `local_time` read in the
    region's own zone (WIB, WITA or WIT)."""

    starts_at: datetime | None = Field(
        None, description="ISO 8601 with an offset, e.g. `2023-08-14T09:00:00+08:00`."
    )
    local_date: date | None = Field(None, description="The day, in the region's zone.")
    local_time: time | None = Field(
        None, description="The time without an offset, e.g. `09:00`, in the region's zone."
    )

    @field_validator("starts_at", mode="before")
    @classmethod
    def _with_offset(cls, value: Any) -> Any:
        """A time without its offset is refused: which zone it meant is not known."""
        parsed = value
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                return value  # pydantic names what is wrong with it
        if isinstance(parsed, datetime) and parsed.tzinfo is None:
            raise PydanticCustomError(
                "datetime_parsing", "Write a date and time as YYYY-MM-DDTHH:MM:SS+07:00."
            )
        return value


class AttendeeIn(Strict):
    name: Annotated[str, RequiredText] = Field(
        min_length=1, max_length=NAME_LENGTH, description=ONE_LINE
    )
    opd_id: Id | None = Field(None, description="The OPD they came from (the region's own).")
    position: str = Field("", max_length=NAME_LENGTH, description=ONE_LINE)


class HeldIn(Strict):
    attendees: Annotated[list[AttendeeIn], items_between(0, MAX_ATTENDEES)] = Field(
        max_length=MAX_ATTENDEES,
        description="Who came; at least one. Replaces earlier attendance.",
    )
    record: str = Field("", max_length=TEXT_LENGTH, description="The minutes.")
