"""The office's planning pages: guidance home, a cohort's guidance, its stages, schedule
runs (the background job, its answer beside the greedy baseline) and applying one."""

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kotacerdas.bimtek import access, services, workdays
from kotacerdas.bimtek import messages as explain
from kotacerdas.bimtek.forms import PlanForm, StageForm
from kotacerdas.bimtek.forms.common import add_service_errors
from kotacerdas.bimtek.messages import Names
from kotacerdas.bimtek.models import (
    GuidanceStage,
    RunStatus,
    ScheduleRun,
    SessionStatus,
    StageNumber,
    VisitStatus,
)
from kotacerdas.bimtek.services.stages import (
    DEFAULT_DAYS,
    DEFAULT_MAX_GAP,
    DEFAULT_MIN_GAP,
    EXPECTED_OUTPUTS,
)
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.program.models import Cohort, PhaseKind
from kotacerdas.regions.models import Dimension, Region


def cohort_or_404(year: int) -> Cohort:
    return get_object_or_404(Cohort.objects.prefetch_related("phases"), year=year)


def masterplan_deadline(cohort: Cohort) -> Any:
    """The end of the cohort's masterplan phase, the plan's default last day."""
    for phase in cohort.phases.all():
        if phase.kind == "masterplan":
            return phase.ends_on
    return None


def guidance_start(cohort: Cohort) -> date | None:
    """When the cohort's guidance may begin: its stage I phase's start, else the day
    after its agreement signing ends."""
    phases = {phase.kind: phase for phase in cohort.phases.all()}
    if PhaseKind.GUIDANCE_1 in phases:
        return phases[PhaseKind.GUIDANCE_1].starts_on
    if PhaseKind.AGREEMENT in phases:
        return phases[PhaseKind.AGREEMENT].ends_on + timedelta(days=1)
    return None


def default_window(cohort: Cohort, today: date) -> tuple[date, date | None]:
    """The plan form's first and last day: from today, or from when the cohort's guidance
    begins if that is later (or if the deadline is past: a past cohort's plan is made
    from its own guidance start), up to the masterplan deadline; never from after to."""
    deadline = masterplan_deadline(cohort)
    begins = guidance_start(cohort)
    starts = today
    usable = begins is not None and (deadline is None or begins <= deadline)
    past = deadline is not None and today > deadline
    if begins is not None and usable and (begins > today or past):
        starts = begins
    if deadline is not None and starts > deadline:
        starts = deadline
    return starts, deadline


def person_name(user: Any) -> str:
    return user.get_full_name() or user.username


def names_for(user: Any, *, regions: set[str], mentors: set[str]) -> Names:
    """Names of the regions, mentors and dimensions a stored run refers to: one query
    each, whatever the number of rows."""
    mentor_ids = [int(m) for m in mentors if str(m).isdigit()]
    return Names(
        regions={r.code: r.name for r in Region.objects.filter(code__in=regions)},
        mentors={
            str(m.pk): person_name(m)
            for m in access.mentors_visible_to(user).filter(pk__in=mentor_ids)
        },
        dimensions={d.code: d.name for d in Dimension.objects.all()},
    )


UNDER_WAY = (RunStatus.QUEUED, RunStatus.RUNNING)
RUNS_SHOWN = 20
UPCOMING_SHOWN = 20


@login_required
def guidance_home(request: HttpRequest) -> HttpResponse:
    """Where a person starts: the office its cohorts, a mentor the visits and sessions
    ahead, a region's people their region's guidance."""
    user: Any = request.user
    if access.is_program_office(user):
        cohorts = Cohort.objects.annotate(
            guided=Count("guidance_regions", distinct=True),
            runs=Count("schedule_runs", distinct=True),
        ).order_by("-year")
        return render(request, "bimtek/home.html", {"cohorts": cohorts, "is_office": True})
    if user.role in REGIONAL_ROLES:
        latest = (
            access.guidance_visible_to(user)
            .select_related("cohort")
            .order_by("-cohort__year")
            .first()
        )
        if latest is not None:
            return redirect("bimtek:region", year=latest.cohort.year, code=latest.region_id)
        return render(request, "bimtek/home.html", {"is_region": True})
    context: dict[str, Any] = {}
    if user.role == Role.MENTOR:
        today = timezone.localdate()
        now = timezone.now()
        context = {
            "is_mentor": True,
            # Past visits not signed off: their sessions wait for the mentor's record.
            "waiting": access.visits_visible_to(user)
            .filter(mentors=user, ends_on__lt=today)
            .exclude(status=VisitStatus.COMPLETE)
            .annotate(
                to_record=Count(
                    "sessions",
                    filter=Q(sessions__status=SessionStatus.PLANNED, sessions__starts_at__lt=now),
                )
            )
            .select_related("guidance__region", "guidance__cohort", "stage")
            .order_by("starts_on", "guidance__region__name")[:UPCOMING_SHOWN],
            "visits": access.visits_visible_to(user)
            .filter(mentors=user)
            .filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True))
            .select_related("guidance__region", "guidance__cohort", "stage")
            .order_by("starts_on", "guidance__region__name")[:UPCOMING_SHOWN],
            "sessions": access.sessions_visible_to(user)
            .filter(
                visit__mentors=user,
                starts_at__gte=timezone.now(),
                status=SessionStatus.PLANNED,
            )
            .select_related("visit__guidance__region", "visit__stage", "group")
            .order_by("starts_at")[:UPCOMING_SHOWN],
            "regions": access.guidance_visible_to(user)
            .select_related("region__province", "cohort")
            .order_by("-cohort__year", "region__name"),
        }
    return render(request, "bimtek/home.html", context)


def _cohort_page(
    request: HttpRequest,
    cohort: Cohort,
    *,
    plan_form: PlanForm | None = None,
    template: str = "bimtek/cohort.html",
) -> HttpResponse:
    user: Any = request.user
    is_office = access.is_program_office(user)
    guidance = (
        access.guidance_visible_to(user)
        .filter(cohort=cohort)
        .select_related("region__province")
        .prefetch_related(
            "team",
            Prefetch(
                "visits",
                queryset=access.visits_visible_to(user)
                .select_related("stage")
                .prefetch_related("mentors")
                .order_by("stage__number"),
            ),
        )
        .order_by("region__name")
    )
    rows = list(guidance)
    if not is_office and not rows:
        raise Http404
    deadline = masterplan_deadline(cohort)
    if plan_form is None and is_office:
        starts_on, ends_on = default_window(cohort, timezone.localdate())
        plan_form = PlanForm(
            initial={"starts_on": starts_on, "ends_on": ends_on, "time_limit_s": 30}
        )
    missing_holidays: list[int] = []
    if plan_form is not None:
        starts, ends = _window(plan_form, deadline)
        if starts and ends and starts <= ends:
            missing_holidays = list(workdays.years_without_holidays(starts, ends))
    runs = list(
        access.runs_visible_to(user)
        .filter(cohort=cohort)
        .select_related("job", "requested_by")
        .order_by("-created_at", "-pk")[:RUNS_SHOWN]
    )
    for run in runs:
        run.status_label = explain.status_label(run.status)  # type: ignore[attr-defined]
    context = {
        "cohort": cohort,
        "is_office": is_office,
        "stages": list(cohort.guidance_stages.all()),
        "rows": rows,
        "stage_headers": StageNumber.labels,
        "runs": runs,
        "plan_form": plan_form,
        "deadline": deadline,
        "missing_holidays": missing_holidays,
    }
    return render(request, template, context)


def _window(form: PlanForm, deadline: date | None) -> tuple[date | None, date | None]:
    """The window the form asks for (typed or initial), for the holiday-data warning."""
    if form.is_bound:
        data = getattr(form, "cleaned_data", {}) or {}
        return data.get("starts_on"), data.get("ends_on") or deadline
    return form.initial.get("starts_on"), form.initial.get("ends_on") or deadline


@login_required
def cohort_guidance(request: HttpRequest, year: int) -> HttpResponse:
    cohort = cohort_or_404(year)
    if request.method == "POST":
        access.require_program_office(request.user)
        if request.POST.get("action") == "enrol":
            try:
                enrolled = services.enrol_cohort_regions(request.user, cohort)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d region is in this cohort's guidance.",
                        "%(count)d regions are in this cohort's guidance.",
                        len(enrolled),
                    )
                    % {"count": len(enrolled)},
                )
            except ValidationError as error:
                report_errors(request, error)
        return redirect("bimtek:cohort", year=year)
    return _cohort_page(request, cohort)


def stages_or_defaults(cohort: Cohort) -> list[GuidanceStage]:
    """The cohort's stages I-IV: the saved ones, and unsaved defaults for the missing
    (a GET writes nothing; saving the form or enrolling the regions creates them)."""
    existing = {stage.number: stage for stage in cohort.guidance_stages.all()}
    return [
        existing.get(number)
        or GuidanceStage(
            cohort=cohort,
            number=number,
            expected_outputs=EXPECTED_OUTPUTS[number],
            days_in_region=DEFAULT_DAYS,
            min_gap_days=DEFAULT_MIN_GAP,
            max_gap_days=DEFAULT_MAX_GAP,
        )
        for number in StageNumber.values
    ]


@login_required
def stages(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = cohort_or_404(year)
    stage_list = stages_or_defaults(cohort)
    forms = [
        StageForm(
            request.POST if request.method == "POST" else None,
            prefix=f"stage{stage.number}",
            initial={
                "expected_outputs": stage.expected_outputs,
                "days_in_region": stage.days_in_region,
                "min_gap_days": stage.min_gap_days,
                "max_gap_days": stage.max_gap_days,
            },
        )
        for stage in stage_list
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            with transaction.atomic():  # all four stages or none, created with them
                saved = {s.number: s for s in services.ensure_stages(request.user, cohort)}
                failed = False
                for stage, form in zip(stage_list, forms, strict=True):
                    try:
                        services.save_stage(request.user, saved[stage.number], **form.cleaned_data)
                    except ValidationError as error:
                        add_service_errors(form, error)
                        failed = True
                if failed:
                    raise _Rollback
            messages.success(request, _("The stages are saved."))
            return redirect("bimtek:cohort", year=year)
        except _Rollback:
            pass
        except ValidationError as error:
            report_errors(request, error)
            return redirect("bimtek:cohort", year=year)
    context = {
        "cohort": cohort,
        "pairs": list(zip(stage_list, forms, strict=True)),
        "rows_have_errors": any(form.errors for form in forms),
    }
    return render(request, "bimtek/stages.html", context)


class _Rollback(Exception):
    """Undo the stages saved before one was refused."""


@login_required
def plan(request: HttpRequest, year: int) -> HttpResponse:
    """Start a schedule run: the job plans the cohort's visits in the background."""
    access.require_program_office(request.user)
    cohort = cohort_or_404(year)
    if request.method != "POST":
        return redirect("bimtek:cohort", year=year)
    form = PlanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            run = services.start_schedule_run(
                request.user,
                cohort,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                time_limit_s=data["time_limit_s"],
                team_size=data["team_size"],
            )
            messages.info(request, _("The plan is being made. This page shows its progress."))
            return redirect("bimtek:run", year=year, pk=run.pk)
        except ValidationError as error:
            add_service_errors(form, error)
    return _cohort_page(request, cohort, plan_form=form, template="bimtek/plan.html")


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
