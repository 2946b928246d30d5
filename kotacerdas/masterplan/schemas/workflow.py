"""Masterplans over the API: starting, the list, the checker's findings and score, submission, review and versions."""

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from kotacerdas.masterplan.models import MasterplanStatus
from kotacerdas.masterplan.schemas.common import Strict


class MasterplanIn(Strict):
    first_year: int = Field(ge=2015, le=2100)


class MasterplanFilters(Schema):
    region: str | None = Field(None, description="Region code, e.g. `33.25`.")
    province: str | None = Field(None, description="Province code, e.g. `33`.")
    status: Literal[*MasterplanStatus.values] | None = None  # type: ignore[valid-type]


class MasterplanOut(Schema):
    id: int
    region_code: str = Field(alias="region_id")
    first_year: int
    last_year: int
    status: str
    vision: str


class FindingOut(Schema):
    severity: str
    code: str
    anchor: str
    message: str


class ChapterScoreOut(Schema):
    """How one chapter counts in the completeness score."""

    code: str
    title: str
    weight: int = Field(description="Share of the score, out of 100.")
    points: float = Field(description="Points earned: weight × passed checks / checks.")
    passed: int
    total: int
    errors: int
    warnings: int
    complete: bool = Field(description="No error blocks submission in this chapter.")


class CheckOut(Schema):
    completeness: int
    can_submit: bool
    total_budget: int
    budget_by_year: dict[int, int]
    budget_by_source: dict[str, int]
    findings: list[FindingOut]
    chapters: list[ChapterScoreOut]


def _name(user: Any) -> str | None:
    if user is None:
        return None
    return str(user.get_full_name() or user.get_username())


class ReviewIn(Strict):
    comment: str = Field(
        "", max_length=10_000, description="Required when requesting changes; optional otherwise."
    )


class WorkflowOut(Schema):
    id: int
    status: str
    status_label: str
    actions: list[str] = Field(
        description="What you may do now: submit, request_changes, approve, legalise."
    )
    latest_version: int | None
    open_threads: int
    legal_number: str
    legal_date: datetime.date | None
    legal_file: str | None = Field(description="URL of the Perbup/Perwali PDF, once legalised.")


class VersionOut(Schema):
    number: int
    created_at: datetime.datetime
    created_by: str | None
    programs: int
    total_budget: int

    @staticmethod
    def resolve_created_by(version: Any) -> str | None:
        return _name(version.created_by)

    @staticmethod
    def resolve_programs(version: Any) -> int:
        return int(version.snapshot.get("totals", {}).get("programs", 0))

    @staticmethod
    def resolve_total_budget(version: Any) -> int:
        return int(version.snapshot.get("totals", {}).get("budget", 0))


class FieldChangeOut(Schema):
    field: str
    old: str | int | None
    new: str | int | None


class AmountChangeOut(Schema):
    year: int | None
    source: str | None
    old: int
    new: int


class TargetChangeOut(Schema):
    year: int
    old: str | None
    new: str | None


class IndicatorChangeOut(Schema):
    kind: str
    name: str
    unit: str
    change: str = Field(description="added, removed or changed")
    baseline_old: str | None
    baseline_new: str | None
    targets: list[TargetChangeOut]


class ProgramSummaryOut(Schema):
    id: int
    name: str
    element: str
    lead_opd: str
    horizon: str
    start_year: int
    end_year: int
    total_budget: int


class ProgramChangeOut(Schema):
    id: int
    name: str
    fields: list[FieldChangeOut]
    budget: list[AmountChangeOut]
    indicators: list[IndicatorChangeOut]
    budget_before: int
    budget_after: int


class SectionChangeOut(Schema):
    section: str
    added_lines: list[str]
    removed_lines: list[str]


class TotalsOut(Schema):
    programs_before: int
    programs_after: int
    budget_before: int
    budget_after: int
    by_year: list[AmountChangeOut]
    by_source: list[AmountChangeOut]


class DiffOut(Schema):
    programs_added: list[ProgramSummaryOut]
    programs_removed: list[ProgramSummaryOut]
    programs_changed: list[ProgramChangeOut]
    sections_changed: list[SectionChangeOut]
    totals: TotalsOut


class CompareOut(Schema):
    a: int
    b: int
    changes: DiffOut


class ChangesSinceReviewOut(Schema):
    reviewed_version: int | None = Field(description="The version you last reviewed, if any.")
    latest_version: int | None
    changes: DiffOut | None = Field(description="Null when nothing newer was submitted.")


class CommentIn(Strict):
    body: str = Field(max_length=10_000)
    section: str = Field("general", max_length=40, description="e.g. profile, program-12.")
    program: int | None = Field(None, description="The program the comment is about.")
    parent: int | None = Field(None, description="The comment this one replies to.")


class ReplyOut(Schema):
    id: int
    author: str | None
    body: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(comment: Any) -> str | None:
        return _name(comment.author)


class ReviewCommentOut(ReplyOut):
    section: str
    program: int | None = Field(alias="program_id")
    parent: int | None = Field(alias="parent_id")
    resolved_at: datetime.datetime | None
    resolved_by: str | None

    @staticmethod
    def resolve_resolved_by(comment: Any) -> str | None:
        return _name(comment.resolved_by)


class ThreadOut(ReviewCommentOut):
    replies: list[ReplyOut]

    @staticmethod
    def resolve_replies(comment: Any) -> list[Any]:
        return list(comment.replies.all())
