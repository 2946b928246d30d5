"""Planning a cohort's guidance: the schedule run (a background job) and applying its
stored answer to the visits and sessions."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.bimtek import access, notifications
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceVisit,
    RunStatus,
    ScheduleRun,
    SessionStatus,
    VisitStatus,
)
from kotacerdas.bimtek.services.common import (
    check_period,
    date_text,
    deadline_of,
    local_day_minute,
    set_time,
    utc_start,
    visit_held,
)
from kotacerdas.bimtek.services.stages import cohort_stages
from kotacerdas.core.audit import service
from kotacerdas.core.jobs import start_job
from kotacerdas.program.models import Cohort

SCHEDULE_JOB = "bimtek.schedule"
# Statuses of a run that has finished with an answer (a plan, maybe partial).
FINISHED = (RunStatus.OPTIMAL, RunStatus.FEASIBLE, RunStatus.INCOMPLETE, RunStatus.INFEASIBLE)


@service
def start_schedule_run(
    actor: Any,
    cohort: Cohort,
    *,
    starts_on: date,
    ends_on: date | None = None,
    time_limit_s: int = 30,
    team_size: int = 1,
) -> ScheduleRun:
    """Office only. Records a ScheduleRun and starts the job `bimtek.schedule` (core.jobs)
    that builds the Problem from the database (planning_input.py), solves it with progress,
    and stores the answer on the run. `ends_on` defaults to the cohort's masterplan
    deadline (its MASTERPLAN phase's end). Held and pinned visits/sessions are fixed.

    Errors: "ends_on" (no deadline to default to, before the start), "starts_on",
    "time_limit_s", "team_size", or a message without a field (no region enrolled).
    `core.jobs.JobLimitReached` (a ValidationError) when the office has too many jobs."""
    access.require_program_office(actor)
    if ends_on is None:
        ends_on = deadline_of(cohort)
        if ends_on is None:
            raise ValidationError(
                {
                    "ends_on": _(
                        "The cohort has no masterplan deadline; give the last day the plan may use."
                    )
                }
            )
    check_period(starts_on, ends_on)
    if not GuidanceRegion.objects.filter(cohort=cohort).exists():
        raise ValidationError(
            _("No region of %(cohort)s is in guidance yet: enrol the signed regions first.")
            % {"cohort": cohort.name}
        )
    cohort_stages(cohort)
    run = ScheduleRun(
        cohort=cohort,
        requested_by=actor,
        starts_on=starts_on,
        ends_on=ends_on,
        time_limit_s=time_limit_s,
        team_size=team_size,
        status=RunStatus.QUEUED,
    )
    run.full_clean(exclude=["cohort", "job", "requested_by", "applied_by"])
    run.save()
    run.job = start_job(SCHEDULE_JOB, actor, {"run_id": run.pk, "cohort": cohort.year})
    run.save(update_fields=["job", "updated_at"])
    return run


@service
def mark_run_started(actor: Any, run: ScheduleRun) -> ScheduleRun:
    """The job took the run (called by the job, as the person who started it)."""
    run.status = RunStatus.RUNNING
    run.save(update_fields=["status", "updated_at"])
    return run


@service
def record_result(actor: Any, run: ScheduleRun, result: Any) -> ScheduleRun:
    """Store the solver's answer on the run and tell the person who started it."""
    from kotacerdas.bimtek.planning_input import store_result

    store_result(run, result)
    notifications.run_finished(run)
    return run


@service
def record_failure(actor: Any, run: ScheduleRun, message: str) -> ScheduleRun:
    """The run failed: its status and the reason, and the person who started it told."""
    run.status = RunStatus.FAILED
    run.warnings = [message]
    run.save(update_fields=["status", "warnings", "updated_at"])
    notifications.run_finished(run)
    return run


def _refusal(run: ScheduleRun) -> str | None:
    if run.status not in FINISHED:
        return _("This run has not finished with a plan (it is %(status)s).") % {
            "status": run.get_status_display()
        }
    if not run.plan:
        return _("This run placed no visit: there is nothing to apply.")
    if run.applied_at is not None:
        return _("This run was applied on %(date)s already.") % {
            "date": date_text(timezone.localdate(run.applied_at))
        }
    newer = (
        ScheduleRun.objects.filter(cohort_id=run.cohort_id, applied_at__isnull=False)
        .filter(created_at__gt=run.created_at)
        .exists()
    )
    if newer:
        return _("A newer run of this cohort was applied; apply that one or run again.")
    return None


def _plan_keys(run: ScheduleRun) -> set[tuple[str, int]]:
    return {(str(row["region"]), int(row["stage"])) for row in run.plan or []}


def unplaced_on_apply(run: ScheduleRun) -> int:
    """How many of the cohort's visits stay unscheduled when the run is applied: the
    unheld, unpinned visits its plan does not place (applying clears their dates, team
    and session times). One query."""
    placed = _plan_keys(run)
    held = GuidanceSession.objects.filter(visit=OuterRef("pk"), status=SessionStatus.HELD)
    rows = (
        GuidanceVisit.objects.filter(guidance__cohort_id=run.cohort_id, pinned=False)
        .exclude(status=VisitStatus.COMPLETE)
        .exclude(Exists(held))
        .values_list("guidance__region_id", "stage__number")
    )
    return sum(1 for region, stage in rows if (region, stage) not in placed)


def apply_refusal(run: ScheduleRun) -> str | None:
    """Why the run cannot be applied, or None (for pages: hide or explain the button)."""
    return _refusal(run)


@service
def apply_run(actor: Any, run: ScheduleRun) -> ScheduleRun:
    """Office only; a finished run with a plan. Writes its dates, teams and session times
    to the unheld, unpinned visits and sessions (sequence + 1 on each changed session),
    sets each region's team, adds the regions to the mentors' assigned regions, and
    notifies mentors and coordinators of sessions set or moved. Refused when a visit
    was held or pinned since the run started, or a newer run was applied.

    A partial plan: each unheld, unpinned visit the run does not place loses its dates,
    its team and its sessions' times (sequence + 1 on each; its sessions' pins go too),
    so no stage stays out of order and no mentor double-booked; its former mentors and
    the region are told (`unplaced_on_apply` counts these visits beforehand).

    Errors: a ValidationError without a field saying why."""
    from django.contrib.auth import get_user_model

    from kotacerdas.bimtek.planning_input import placed_visits

    access.require_program_office(actor)
    run = ScheduleRun.objects.select_for_update().select_related("cohort").get(pk=run.pk)
    refusal = _refusal(run)
    if refusal:
        raise ValidationError(refusal)
    plan = {(p.region, p.stage): p for p in placed_visits(run)}
    visits = list(
        GuidanceVisit.objects.filter(guidance__cohort=run.cohort)
        .select_related("guidance__region", "guidance__cohort", "stage")
        .prefetch_related("mentors", Prefetch("sessions", GuidanceSession.objects.order_by("pk")))
    )
    mentor_ids = {m for placed in plan.values() for m in placed.team}
    mentors = {
        str(m.pk): m for m in get_user_model().objects.filter(pk__in=[int(i) for i in mentor_ids])
    }
    # Refused when a visit the plan moves has been held or pinned since the run started.
    changed_fixed = []
    for visit in visits:
        placed = plan.get((visit.guidance.region_id, visit.stage.number))
        if placed is None:
            continue
        fixed = visit.pinned or visit_held(visit)
        current = tuple(sorted(str(m.pk) for m in visit.mentors.all()))
        if fixed and (
            visit.starts_on != placed.start
            or visit.ends_on != placed.end
            or current != tuple(sorted(placed.team))
        ):
            changed_fixed.append(visit)
    if changed_fixed:
        names = ", ".join(
            f"{v.guidance.region.name} ({v.stage.get_number_display()})" for v in changed_fixed[:5]
        )
        raise ValidationError(
            _(
                "Since this run started, these visits were held or pinned elsewhere: "
                "%(visits)s. Run the schedule again."
            )
            % {"visits": names}
        )
    touched: list[GuidanceVisit] = []
    cleared: list[tuple[GuidanceVisit, list[Any]]] = []
    teams: dict[int, set[str]] = {}
    for visit in visits:
        placed = plan.get((visit.guidance.region_id, visit.stage.number))
        if placed is None:
            if not (visit.pinned or visit_held(visit)):
                former = _unschedule(visit)
                if former is not None:
                    cleared.append((visit, former))
            continue
        teams.setdefault(visit.guidance_id, set()).update(placed.team)
        if visit.pinned or visit_held(visit):
            continue
        region = visit.guidance.region
        changed = visit.starts_on != placed.start or visit.ends_on != placed.end
        visit.starts_on, visit.ends_on = placed.start, placed.end
        if changed:
            visit.sequence += 1
            visit.save()
        visit_team = [mentors[m] for m in placed.team if m in mentors]
        if {m.pk for m in visit_team} != {m.pk for m in visit.mentors.all()}:
            visit.mentors.set(visit_team)
            changed = True
        times = {s.id: (s.day, s.start_minute) for s in placed.sessions}
        for session in visit.sessions.all():
            if session.status != SessionStatus.PLANNED or session.pinned:
                continue
            where = times.get(str(session.pk))
            if where is None or local_day_minute(session, region) == where:
                continue
            set_time(session, utc_start(region, *where))
            session.save()
            changed = True
        if changed:
            touched.append(visit)
    guidance = {
        g.pk: g for g in GuidanceRegion.objects.filter(pk__in=list(teams)).select_related("region")
    }
    for guidance_id, ids in teams.items():
        region_team = [mentors[m] for m in sorted(ids) if m in mentors]
        region_guidance = guidance[guidance_id]
        region_guidance.team.set(region_team)
        for mentor in region_team:
            mentor.assigned_regions.add(region_guidance.region)
    run.applied_at = timezone.now()
    run.applied_by = actor
    run.save(update_fields=["applied_at", "applied_by", "updated_at"])
    notifications.plan_applied(actor, run, touched)
    if cleared:
        notifications.plan_unscheduled(actor, run, cleared)
    return run


def _unschedule(visit: GuidanceVisit) -> list[Any] | None:
    """Clear an unplaced visit's dates, team and session times; its former team, or
    None when it had nothing to clear."""
    former = [m for m in visit.mentors.all() if m.is_active]
    changed = bool(visit.mentors.all())
    if visit.starts_on is not None or visit.ends_on is not None:
        visit.starts_on = visit.ends_on = None
        visit.sequence += 1
        visit.save()
        changed = True
    if visit.mentors.all():
        visit.mentors.clear()
    for session in visit.sessions.all():
        if session.status != SessionStatus.PLANNED:
            continue
        if set_time(session, None) or session.pinned:
            session.pinned = False
            session.save()
            changed = True
    return former if changed else None
