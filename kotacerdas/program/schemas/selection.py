"""Selection over the API: runs, decisions, conflicts, results."""

from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from kotacerdas.program.schemas.common import Strict


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
