"""The office's planning pages: guidance home, a cohort's guidance, its stages, and
starting a schedule run (its page is runs.py)."""

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

from kotacerdas.bimtek import access, services, workdays
from kotacerdas.bimtek import messages as explain
from kotacerdas.bimtek.forms import PlanForm, StageForm
from kotacerdas.bimtek.forms.common import add_service_errors
from kotacerdas.bimtek.messages import Names
from kotacerdas.bimtek.models import (
    GuidanceStage,
    RunStatus,
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
