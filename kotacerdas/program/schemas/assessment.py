"""Assessment over the API: assignments, scores, interviews."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from kotacerdas.program.schemas.common import Strict


class AssignIn(Strict):
    assessor: str = Field(description="Username of the assessor.")
    override_reason: str = ""


class BulkAssignIn(Strict):
    assessors: list[str] = Field(min_length=2)
    per_application: int = Field(2, ge=2, le=5)


class AssignmentOut(Schema):
    id: int
    application_id: int
    region_code: str = Field(alias="application.region_id")
    assessor: str = Field(alias="assessor.username")
    conflict_override_reason: str
    submitted_at: datetime | None


class ScoreIn(Strict):
    criterion: str
    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=5000)


class ScoresIn(Strict):
    scores: list[ScoreIn] = Field(min_length=1)


class InterviewIn(Strict):
    held_at: datetime
    attendees: str = Field(min_length=1, max_length=5000)
    notes: str = Field("", max_length=20000)


class InterviewOut(Schema):
    id: int
    held_at: datetime
    attendees: str
    notes: str


class ScoreSummaryOut(Schema):
    score: Decimal | None
    per_assessor: dict[str, Decimal]
    per_pillar: dict[str, Decimal]
    per_criterion: dict[str, Decimal]
    disagreements: list[str] = Field(description="Criteria where assessors differ by more than 1.")
