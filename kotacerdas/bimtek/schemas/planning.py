"""Schedule runs over the API: starting one, its stored answer, applying it."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from kotacerdas.bimtek import access
from kotacerdas.bimtek import messages as explain
from kotacerdas.bimtek.schemas.common import Strict
from kotacerdas.core.schemas import JobOut
from kotacerdas.regions.models import Dimension, Region


def _names(run: Any, request: Any) -> explain.Names:
    """Names of the regions, mentors and dimensions the run's answer refers to, once per
    run (one query each)."""
    cached = getattr(run, "_guidance_names", None)
    if cached is not None:
        return cached
    plan = [v for v in run.plan or [] if isinstance(v, dict)]
    unplaced = [u for u in run.unplaced or [] if isinstance(u, dict)]
    mentor_ids = {int(m) for v in plan for m in v.get("team") or [] if str(m).isdigit()}
    codes = {str(v.get("region")) for v in [*plan, *unplaced]}
    user = getattr(request, "auth", None)
    names = explain.Names(
        regions={r.code: r.name for r in Region.objects.filter(code__in=codes)},
        mentors={
            str(m.pk): m.get_full_name() or m.get_username()
            for m in access.mentors_visible_to(user).filter(pk__in=mentor_ids)
        },
        dimensions={d.code: d.name for d in Dimension.objects.all()},
    )
    run._guidance_names = names
    return names


def _explained(run: Any, kind: str, context: Any) -> list[dict[str, Any]]:
    """The run's unplaced visits or shortages as stored, each with `message`: the
    sentence the run's page shows (bimtek/messages.py)."""
    items = [item for item in getattr(run, kind) or [] if isinstance(item, dict)]
    names = _names(run, (context or {}).get("request"))
    text = explain.unplaced_text if kind == "unplaced" else explain.shortage_text
    return [{**item, "message": str(text(item, names))} for item in items]


class ScheduleRunIn(Strict):
    starts_on: date = Field(description="The first day a visit may start.")
    ends_on: date | None = Field(
        None, description="The last day a visit may end; the cohort's masterplan deadline if empty."
    )
    time_limit_s: int = Field(30, ge=5, le=600, description="The solver's time limit, seconds.")
    team_size: int = Field(1, ge=1, le=5, description="Mentors per visit.")


class ComparisonRowOut(Schema):
    key: str = Field(description="`visits`, `trips`, `travel_days`, `finish`, ...")
    label: str
    ours: str = Field(description="The optimised plan's figure, as the page writes it.")
    greedy: str = Field(description="The greedy baseline's.")
    saving: str = Field(description="E.g. `25% fewer` for trips and travel days.")


class ScheduleRunSummaryOut(Schema):
    id: int
    cohort_year: int = Field(alias="cohort.year")
    status: str = Field(
        description="`queued`, `running`, `optimal`, `feasible`, `incomplete`, `infeasible`, "
        "`invalid` or `failed`."
    )
    status_label: str = Field(description="The status as a short label.")
    status_text: str = Field(description="What the status means, in a sentence.")
    starts_on: date
    ends_on: date
    time_limit_s: int
    team_size: int
    gap: float | None = Field(description="Distance to the proven bound, 0-1; 0 when optimal.")
    solve_seconds: float | None
    job_id: str | None = Field(description="The background job: GET /api/v1/jobs/{id}.")
    requested_by: str | None
    created_at: datetime
    applied_at: datetime | None

    @staticmethod
    def resolve_status_label(run: Any) -> str:
        return str(explain.status_label(run.status))

    @staticmethod
    def resolve_status_text(run: Any) -> str:
        return str(explain.status_text(run.status, run.gap))

    @staticmethod
    def resolve_job_id(run: Any) -> str | None:
        return str(run.job_id) if run.job_id else None

    @staticmethod
    def resolve_requested_by(run: Any) -> str | None:
        return run.requested_by.get_username() if run.requested_by else None


class ScheduleRunOut(ScheduleRunSummaryOut):
    objective: float | None
    bound: float | None
    figures: dict[str, Any] = Field(
        description="The optimised plan: visits, trips, travel days, finish, mentor load."
    )
    greedy_figures: dict[str, Any] = Field(
        description="The same figures for the greedy baseline, for comparison."
    )
    plan: list[dict[str, Any]] = Field(description="Placed visits with their sessions.")
    trips: list[dict[str, Any]]
    unplaced: list[dict[str, Any]] = Field(
        description="Visits that could not be placed, each with `message` in words."
    )
    shortages: list[dict[str, Any]] = Field(
        description="What is short (month, expertise, mentor-days), each with `message`."
    )
    warnings: list[str] = Field(description="Input problems (codes) when the status is invalid.")
    warning_messages: list[str] = Field(description="The warnings in words.")
    comparison: list[ComparisonRowOut] = Field(
        description="The optimised plan beside the greedy baseline, figure by figure."
    )

    @staticmethod
    def resolve_unplaced(run: Any, context: Any) -> list[dict[str, Any]]:
        return _explained(run, "unplaced", context)

    @staticmethod
    def resolve_shortages(run: Any, context: Any) -> list[dict[str, Any]]:
        return _explained(run, "shortages", context)

    @staticmethod
    def resolve_warning_messages(run: Any) -> list[str]:
        return [str(explain.warning_text(str(code))) for code in run.warnings or []]

    @staticmethod
    def resolve_comparison(run: Any) -> list[dict[str, Any]]:
        if not run.figures:
            return []
        return explain.comparison(run.figures or {}, run.greedy_figures or {})


class ScheduleRunStartedOut(Schema):
    run: ScheduleRunOut
    job: JobOut | None = Field(description="Follow it at GET /api/v1/jobs/{id}.")
