"""Planning a cohort's guidance: schedule runs (background jobs) and applying one. Runs
are the office's working papers: everyone else is refused."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Status
from ninja.pagination import paginate

from kotacerdas.bimtek import access, services
from kotacerdas.bimtek.api.common import ERRORS, cohort_or_404, refusals_in_words
from kotacerdas.bimtek.api.common import router as make_router
from kotacerdas.bimtek.models import ScheduleRun
from kotacerdas.bimtek.schemas import (
    ScheduleRunIn,
    ScheduleRunOut,
    ScheduleRunStartedOut,
    ScheduleRunSummaryOut,
)
from kotacerdas.core.api_support import AuthedRequest, ErrorResponse, PageNumberWithTotal

router = make_router()


def _runs(request: AuthedRequest) -> QuerySet[ScheduleRun]:
    access.require_program_office(request.auth)
    return access.runs_visible_to(request.auth).select_related("cohort", "requested_by", "job")


def _run(request: AuthedRequest, run_id: int) -> ScheduleRun:
    return get_object_or_404(_runs(request), pk=run_id)


@router.get(
    "/cohorts/{year}/runs",
    response={200: list[ScheduleRunSummaryOut], **ERRORS},
    summary="A cohort's schedule runs, newest first (program office)",
)
@paginate(PageNumberWithTotal)
def list_schedule_runs(request: AuthedRequest, year: int) -> QuerySet[ScheduleRun]:
    runs = _runs(request)
    return runs.filter(cohort=cohort_or_404(year)).order_by("-created_at", "-pk")


@router.post(
    "/cohorts/{year}/runs",
    response={202: ScheduleRunStartedOut, **ERRORS, 429: ErrorResponse},
    summary="Plan the cohort's guidance: start a schedule run (program office)",
    description="Runs the scheduler as a background job within `time_limit_s`; follow the "
    "job at GET /api/v1/jobs/{id} and read the answer at GET .../runs/{id}. Held and pinned "
    "visits and sessions stay where they are. 429 when you have as many jobs under way as "
    "allowed.",
)
@refusals_in_words
def start_schedule_run(
    request: AuthedRequest, year: int, payload: ScheduleRunIn
) -> Status[dict[str, Any]]:
    access.require_program_office(request.auth)
    run = services.start_schedule_run(request.auth, cohort_or_404(year), **payload.dict())
    run = _run(request, run.pk)
    job = run.job if run.job_id else None
    return Status(202, {"run": run, "job": job})


@router.get(
    "/runs/{run_id}",
    response={200: ScheduleRunOut, **ERRORS},
    summary="A schedule run: status, figures beside the greedy baseline, gap, what is short",
    description="`unplaced` and `shortages` carry a `message` each, the sentence the plan "
    "page shows.",
)
def get_schedule_run(request: AuthedRequest, run_id: int) -> ScheduleRun:
    return _run(request, run_id)


@router.post(
    "/runs/{run_id}/apply",
    response={200: ScheduleRunOut, **ERRORS},
    summary="Apply a finished run to the visits and sessions (program office)",
    description="Writes its dates, teams and times to the unheld, unpinned visits and "
    "sessions and notifies mentors and coordinators. Refused (422) when a visit was held "
    "or pinned since the run started, or a newer run was applied.",
)
@refusals_in_words
def apply_schedule_run(request: AuthedRequest, run_id: int) -> ScheduleRun:
    services.apply_run(request.auth, _run(request, run_id))
    return _run(request, run_id)
