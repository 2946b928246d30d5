from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.urls import reverse
from ninja import Field, Schema
from pydantic import ConfigDict

from kotacerdas.program.models import Indicator, PhaseKind
from kotacerdas.regions.models import IslandGroup


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


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


class ApplicationStartIn(Strict):
    region_code: str = Field(pattern=r"^\d{2}\.\d{2}$")


class AnswerIn(Strict):
    criterion: str
    self_score: int | None = Field(None, ge=1, le=5)
    answer: str = Field("", max_length=20000)


class IndicatorIn(Strict):
    indicator: Literal[*Indicator.values]  # type: ignore[valid-type]
    value: Decimal = Field(max_digits=12, decimal_places=3)
    source_year: int = Field(ge=2000, le=2100)


class ApplicationContentIn(Strict):
    answers: list[AnswerIn] = []
    indicators: list[IndicatorIn] = []


class EvidenceOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int
    url: str = Field(description="Where the file opens (same access as the application).")

    @staticmethod
    def resolve_url(evidence: Any) -> str:
        return reverse("program:evidence", args=[evidence.answer.application_id, evidence.pk])


class AnswerOut(Schema):
    criterion: str = Field(alias="criterion.code")
    self_score: int | None
    answer: str
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(answer: Any) -> list[Any]:
        return list(answer.evidence.all())


class IndicatorOut(Schema):
    indicator: str
    value: Decimal
    source_year: int


class ApplicationOut(Schema):
    id: int
    cohort_year: int = Field(alias="cohort.year")
    region_code: str = Field(alias="region_id")
    region_name: str = Field(alias="region.name")
    status: str
    result: Literal["selected", "not_selected"] | None = Field(
        description="Once the results are published: selected or not; null before."
    )
    status_label: str = Field(description="The status in words, with the result once published.")
    submitted_at: datetime | None
    deadline_local: str = Field(description="The deadline in the region's own time zone.")
    answers: list[AnswerOut]
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_deadline_local(application: Any) -> str:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(application.region.timezone)
        local = application.cohort.application_deadline.astimezone(zone)
        return f"{local:%Y-%m-%d %H:%M} {application.region.timezone_abbreviation}"

    @staticmethod
    def resolve_result(application: Any) -> str | None:
        outcome = application.outcome
        return None if outcome is None else "selected" if outcome else "not_selected"

    @staticmethod
    def resolve_answers(application: Any) -> list[Any]:
        return list(application.answers.all())

    @staticmethod
    def resolve_indicators(application: Any) -> list[Any]:
        return list(application.indicators.all())


class ReasonIn(Strict):
    reason: str = Field(min_length=1, max_length=2000)


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


class SelectionIn(Strict):
    must_include: list[int] = Field([], description="Application ids that must be selected.")
    must_exclude: list[int] = Field([], description="Application ids that must not be.")


class DecisionOut(Schema):
    id: int
    application_id: int
    region_code: str = Field(alias="application.region_id")
    region_name: str = Field(alias="application.region.name")
    selected: bool
    optimiser_selected: bool
    in_top_n: bool
    rank: int | None
    score: Decimal | None
    reason: str
    gap: Decimal | None
    detail: dict[str, Any]
    override_reason: str


class ConflictOut(Schema):
    rule: str
    detail: dict[str, Any]
    related: list[str] = []
    message: str = Field("", description="Which rule cannot be met and by how much, in words.")


class SelectionRunOut(Schema):
    id: int
    cohort_year: int = Field(alias="cohort.year")
    status: str
    status_text: str = Field(description="The outcome in words.")
    warning_messages: list[str] = Field(description="The warnings in words.")
    objective: Decimal
    greedy_objective: Decimal
    solve_seconds: float
    conflicts: list[ConflictOut]
    warnings: list[str]
    published: bool
    rules: dict[str, Any]
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_decisions(run: Any) -> list[Any]:
        return list(run.decisions.select_related("application__region"))

    @staticmethod
    def resolve_conflicts(run: Any) -> list[dict[str, Any]]:
        from kotacerdas.program.messages import conflict_messages

        messages = conflict_messages(run)
        return [
            {**conflict, "message": message}
            for conflict, message in zip(run.conflicts, messages, strict=True)
        ]

    @staticmethod
    def resolve_status_text(run: Any) -> str:
        from kotacerdas.program.messages import status_text

        return status_text(run.status)

    @staticmethod
    def resolve_warning_messages(run: Any) -> list[str]:
        from kotacerdas.program.messages import warning_text

        return [warning_text(code) for code in run.warnings]


class OverrideIn(Strict):
    selected: bool
    reason: str = Field(min_length=1, max_length=2000)


class CommentOut(Schema):
    criterion: str = Field(alias="criterion.title")
    score: int
    comment: str


class RegionResultOut(Schema):
    cohort_year: int
    region_code: str
    published: bool
    selected: bool | None
    rank: int | None
    score: Decimal | None
    per_pillar: dict[str, Decimal]
    comments: list[CommentOut]


# Agreements ------------------------------------------------------------------------------


class SignatoryIn(Strict):
    name: str = Field(min_length=2, max_length=150)
    position: str = Field(min_length=2, max_length=150)
    side: Literal["ministry", "region"]


class SignatoryOut(Schema):
    name: str
    position: str
    side: str


class StepOut(Schema):
    status: str
    at: datetime
    by: str | None
    note: str

    @staticmethod
    def resolve_by(step: Any) -> str | None:
        return step.by.get_username() if step.by else None


class AgreementOut(Schema):
    id: int
    application_id: int
    cohort_year: int = Field(alias="application.cohort.year")
    region_code: str = Field(alias="application.region_id")
    region_name: str = Field(alias="application.region.name")
    number: str | None
    status: str
    signed_on: date | None
    mode: str
    courier: str
    tracking_number: str
    sent_on: date | None
    received_on: date | None
    signatories: list[SignatoryOut]
    steps: list[StepOut]
    scan_url: str | None = Field(description="Where the signed scan opens, once attached.")

    @staticmethod
    def resolve_scan_url(agreement: Any) -> str | None:
        return reverse("program:agreement-scan", args=[agreement.pk]) if agreement.scan else None

    @staticmethod
    def resolve_signatories(agreement: Any) -> list[Any]:
        return list(agreement.signatories.all())

    @staticmethod
    def resolve_steps(agreement: Any) -> list[Any]:
        return list(agreement.steps.all())


class SignIn(Strict):
    number: str = Field(min_length=3, max_length=80)
    signed_on: date
    mode: Literal["virtual", "in_person"]
    signatories: list[SignatoryIn] = Field(min_length=2)


class BulkSignIn(Strict):
    agreement_ids: list[int] = Field(min_length=1)
    signed_on: date
    mode: Literal["virtual", "in_person"] = "virtual"
    number_pattern: str = Field(min_length=4, max_length=80, description="With {n}.")
    ministry_signatory: SignatoryIn


class SendIn(Strict):
    courier: str = Field(min_length=2, max_length=80)
    tracking_number: str = Field(min_length=2, max_length=80)
    sent_on: date


class ReceiveIn(Strict):
    received_on: date


# Regional bodies and commitments ---------------------------------------------------------


class MemberIn(Strict):
    name: str = Field(min_length=2, max_length=150)
    position: str = Field(min_length=2, max_length=150)
    organisation: str = Field(min_length=2, max_length=150)
    role_in_body: str = Field(min_length=2, max_length=80)


class BodyIn(Strict):
    decree_number: str = Field("", max_length=80)
    decree_date: date | None = None
    members: list[MemberIn] = []


class MemberOut(Schema):
    name: str
    position: str
    organisation: str
    role_in_body: str


class BodyOut(Schema):
    kind: str
    region_code: str = Field(alias="region_id")
    decree_number: str
    decree_date: date | None
    is_formed: bool
    members: list[MemberOut]
    decree_url: str | None = Field(description="Where the decree (PDF) opens, once attached.")

    @staticmethod
    def resolve_decree_url(body: Any) -> str | None:
        if not body.decree_file:
            return None
        return reverse("program:decree", args=[body.region_id, body.kind])

    @staticmethod
    def resolve_members(body: Any) -> list[Any]:
        return list(body.members.all())


class ImportOut(Schema):
    created: int
    updated: int


class CommitmentIn(Strict):
    signed_by: str = Field(min_length=2, max_length=150)
    signed_on: date


class CommitmentOut(Schema):
    opd_id: int
    signed_by: str
    signed_on: date
    scan_url: str | None = Field(description="Where the signed scan opens, once attached.")

    @staticmethod
    def resolve_scan_url(commitment: Any) -> str | None:
        if not commitment.scan:
            return None
        return reverse("program:commitment-scan", args=[commitment.opd_id])


class FunnelRowOut(Schema):
    key: str
    label: str
    counts: dict[str, int]


class FunnelOut(Schema):
    total: FunnelRowOut
    by_island_group: list[FunnelRowOut]
    by_province: list[FunnelRowOut]
