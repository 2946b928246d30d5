"""A schedule run's page: its progress while the job works, its answer beside the greedy
baseline and the plan in force, and applying it."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.bimtek import access, services
from kotacerdas.bimtek import messages as explain
from kotacerdas.bimtek.models import (
    RunStatus,
    ScheduleRun,
    StageNumber,
)
from kotacerdas.bimtek.views.planning import UNDER_WAY, names_for, person_name
from kotacerdas.core.feedback import report_errors


def _run_or_404(request: HttpRequest, year: int, pk: int) -> ScheduleRun:
    return get_object_or_404(
        access.runs_visible_to(request.user).select_related(
            "cohort", "job", "requested_by", "applied_by"
        ),
        pk=pk,
        cohort__year=year,
    )


def _under_way(run: ScheduleRun) -> bool:
    if run.status not in UNDER_WAY:
        return False
    return run.job is None or not run.job.is_finished


def _shown_status(run: ScheduleRun) -> str:
    """The run's status as the page shows it: a queued run whose job has started is
    planning already (the job reports first), so badge, text and bar agree."""
    if run.status == RunStatus.QUEUED and run.job is not None and run.job.status == "running":
        return str(RunStatus.RUNNING)
    return str(run.status)


def _status_context(run: ScheduleRun) -> dict[str, Any]:
    status = _shown_status(run)
    return {
        "run": run,
        "shown_status": status,
        "status_label": explain.status_label(status),
        "status_text": explain.status_text(status, run.gap),
    }


def _visit_count(run: ScheduleRun | None, key: str, fallback: int) -> int:
    figures = (run.figures or {}) if run is not None else {}
    value = figures.get(key) if isinstance(figures, dict) else None
    return value if isinstance(value, int) else fallback


def unplaced_count(run: ScheduleRun) -> int:
    """How many unheld, unpinned visits applying the run leaves unscheduled."""
    return services.unplaced_on_apply(run)


def _in_force(request: HttpRequest, run: ScheduleRun) -> ScheduleRun | None:
    """The cohort's plan in force, when it is another run than this one."""
    return (
        access.runs_visible_to(request.user)
        .filter(cohort_id=run.cohort_id, applied_at__isnull=False)
        .exclude(pk=run.pk)
        .order_by("-applied_at", "-pk")
        .first()
    )


def _against_in_force(request: HttpRequest, run: ScheduleRun) -> str:
    """This run's visits placed and travel days beside the plan in force's."""
    other = _in_force(request, run)
    if other is None:
        return ""
    placed = [v for v in (run.plan or []) if isinstance(v, dict)]
    other_placed = [v for v in (other.plan or []) if isinstance(v, dict)]
    return _(
        "This plan places %(visits)s visits and needs %(days)s travel days; the plan in "
        "force places %(other_visits)s and needs %(other_days)s."
    ) % {
        "visits": _visit_count(run, "visits", len(placed)),
        "days": _visit_count(run, "travel_days", 0),
        "other_visits": _visit_count(other, "visits", len(other_placed)),
        "other_days": _visit_count(other, "travel_days", 0),
    }


@login_required
def run_detail(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    run = _run_or_404(request, year, pk)
    under_way = _under_way(run)
    if request.headers.get("HX-Request"):
        if under_way:
            return render(request, "bimtek/partials/run_progress.html", _status_context(run))
        return HttpResponse(headers={"HX-Refresh": "true"})
    plan = [v for v in (run.plan or []) if isinstance(v, dict)]
    unplaced = [u for u in (run.unplaced or []) if isinstance(u, dict)]
    shortages = [s for s in (run.shortages or []) if isinstance(s, dict)]
    mentor_ids = {str(m) for v in plan for m in (v.get("team") or [])}
    region_codes = {str(v.get("region")) for v in [*plan, *unplaced]} | {
        code
        for shortage in shortages
        for code in explain.shortage_regions(dict(shortage.get("detail") or {}))
    }
    names = names_for(request.user, regions=region_codes, mentors=mentor_ids)
    by_region: dict[str, dict[int, dict[str, Any]]] = {}
    for visit in plan:
        by_region.setdefault(str(visit.get("region")), {})[int(visit.get("stage") or 0)] = {
            "start": explain.day_text(visit.get("start")),
            "end": explain.day_text(visit.get("end")),
            "team": [names.mentor(m) for m in visit.get("team") or []],
            "sessions": len(visit.get("sessions") or []),
        }
    table: list[dict[str, Any]] = sorted(
        (
            {
                "code": code,
                "name": names.region(code),
                "stages": [stages.get(n) for n in (1, 2, 3, 4)],
            }
            for code, stages in by_region.items()
        ),
        key=lambda row: str(row["name"]),
    )
    refusal = None if under_way else services.apply_refusal(run)
    can_apply = not under_way and refusal is None
    context = {
        **_status_context(run),
        "cohort": run.cohort,
        "under_way": under_way,
        "left_unscheduled": unplaced_count(run) if can_apply else 0,
        "against_in_force": _against_in_force(request, run) if can_apply else "",
        "comparison": explain.comparison(run.figures or {}, run.greedy_figures or {})
        if run.figures
        else [],
        "shortages": [explain.shortage_text(s, names) for s in shortages],
        "unplaced": [explain.unplaced_text(u, names) for u in unplaced],
        "warnings": [explain.warning_text(str(code)) for code in run.warnings or []],
        "table": table,
        "can_apply": can_apply,
        "apply_refusal": refusal if run.status not in UNDER_WAY else None,
        "requested_by": person_name(run.requested_by) if run.requested_by else "",
        "gap_percent": run.gap * 100 if run.gap is not None else None,
        "stage_headers": StageNumber.labels,
    }
    return render(request, "bimtek/run.html", context)


@login_required
@require_POST
def run_apply(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    run = _run_or_404(request, year, pk)
    access.require_program_office(request.user)
    try:
        services.apply_run(request.user, run)
        messages.success(
            request,
            _(
                "The plan is applied: the visits and sessions have its dates and teams, and "
                "the mentors and regions are told."
            ),
        )
        return redirect("bimtek:cohort", year=year)
    except ValidationError as error:
        report_errors(request, error)
    return redirect("bimtek:run", year=year, pk=run.pk)
