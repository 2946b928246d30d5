"""The scheduler's input read from the database, and its answer stored and read back.

`build_problem(run)` reads a cohort's guidance into a `scheduling.problem.Problem` in a
fixed number of queries (stages, regions in guidance with priorities and teams, their
blackouts, mentors with profiles, expertise and unavailability, visits with mentors and
sessions): held and pinned visits and sessions are fixed, the current teams kept where
they can be, travel between every region and mentor home, and the non-working days.

`result_fields(result)` turns a `ScheduleResult` into the run's JSON fields (dates as
ISO strings); `placed_visits(run)` reads the stored plan back for `apply_run`.

Ids in the problem: a region is its code, a mentor the user's primary key as text, a
session its primary key as text."""

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from kotacerdas.bimtek import workdays
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceStage,
    GuidanceVisit,
    MentorUnavailability,
    RegionBlackout,
    ScheduleRun,
    SessionStatus,
    VisitStatus,
)
from kotacerdas.bimtek.scheduling import problem as P
from kotacerdas.bimtek.services.common import (
    DAY_MINUTES,
    DAY_START_MINUTE,
    is_fixed_session,
    local_day_minute,
)
from kotacerdas.core.roles import Role

# Days either side of the window whose non-working days the solver may need (travel out
# before the first visit, held visits before the window's start).
MARGIN_DAYS = 31


def _days(start: date, end: date, low: date, high: date) -> frozenset[date]:
    first, last = max(start, low), min(end, high)
    return frozenset(first + timedelta(days=n) for n in range((last - first).days + 1))


def _travel(codes: list[str]) -> Mapping[tuple[str, str], int]:
    from kotacerdas.bimtek.travel import travel_matrix

    return travel_matrix(codes)


def mentor_users() -> Any:
    """Mentors the scheduler may plan: active accounts with the mentor role and a
    guidance profile."""
    return get_user_model().objects.filter(
        role=Role.MENTOR, is_active=True, mentor_profile__isnull=False
    )


def build_problem(run: ScheduleRun, *, workers: int = 2) -> P.Problem:
    """The Problem for the run's cohort, window, team size and time limit."""
    cohort = run.cohort
    stages = list(GuidanceStage.objects.filter(cohort=cohort).order_by("number"))
    guidance = list(
        GuidanceRegion.objects.filter(cohort=cohort)
        .select_related("region")
        .prefetch_related("priority_dimensions", "team")
        .order_by("region_id")
    )
    visits = list(
        GuidanceVisit.objects.filter(guidance__cohort=cohort)
        .select_related("stage")
        .prefetch_related(
            "mentors",
            Prefetch(
                "sessions",
                GuidanceSession.objects.exclude(status=SessionStatus.CANCELLED).order_by(
                    "starts_at", "pk"
                ),
            ),
        )
        .order_by("guidance_id", "stage__number")
    )
    # The window the solver sees: the run's, widened to held and pinned visits.
    fixed_days = [v.starts_on for v in visits if v.starts_on is not None and _fixed(v)]
    low = min([run.starts_on, *fixed_days]) - timedelta(days=MARGIN_DAYS)
    fixed_ends = [v.ends_on for v in visits if v.ends_on is not None and _fixed(v)]
    high = max([run.ends_on, *fixed_ends]) + timedelta(days=MARGIN_DAYS)
    region_ids = [g.region_id for g in guidance]
    blackouts: dict[str, set[date]] = {}
    for blackout in RegionBlackout.objects.filter(
        region_id__in=region_ids, starts_on__lte=high, ends_on__gte=low
    ):
        blackouts.setdefault(blackout.region_id, set()).update(
            _days(blackout.starts_on, blackout.ends_on, low, high)
        )
    mentors = list(
        mentor_users()
        .select_related("mentor_profile")
        .prefetch_related(
            "mentor_profile__expertise",
            Prefetch(
                "unavailability",
                MentorUnavailability.objects.filter(starts_on__lte=high, ends_on__gte=low),
            ),
        )
        .order_by("pk")
    )
    regions_by_guidance = {g.pk: g.region for g in guidance}
    problem_visits = []
    for visit in visits:
        region = regions_by_guidance[visit.guidance_id]
        fixed = _fixed(visit)
        sessions = []
        for session in visit.sessions.all():
            placed = (
                local_day_minute(session, region) if fixed or is_fixed_session(session) else None
            )
            sessions.append(
                P.Session(
                    id=str(session.pk),
                    minutes=session.duration_minutes,
                    plenary=session.kind == "plenary",
                    fixed_day=placed[0] if placed else None,
                    fixed_start_minute=placed[1] if placed else None,
                )
            )
        problem_visits.append(
            P.Visit(
                region=region.code,
                stage=visit.stage.number,
                sessions=tuple(sessions),
                fixed_start=visit.starts_on if fixed else None,
                fixed_team=tuple(str(m.pk) for m in visit.mentors.all()) if fixed else (),
            )
        )
    places = sorted(
        {g.region_id for g in guidance} | {m.mentor_profile.home_region_id for m in mentors}
    )
    return P.Problem(
        start=run.starts_on,
        end=run.ends_on,
        stages=tuple(
            P.Stage(s.number, s.days_in_region, s.min_gap_days, s.max_gap_days) for s in stages
        ),
        regions=tuple(
            P.Region(
                code=g.region_id,
                province=g.region.province_id,
                priority_dimensions=frozenset(d.code for d in g.priority_dimensions.all()),
                blackout=frozenset(blackouts.get(g.region_id, ())),
            )
            for g in guidance
        ),
        mentors=tuple(
            P.Mentor(
                id=str(m.pk),
                home=m.mentor_profile.home_region_id,
                expertise=frozenset(d.code for d in m.mentor_profile.expertise.all()),
                max_regions=m.mentor_profile.max_regions,
                max_travel_days_per_month=m.mentor_profile.max_travel_days_per_month,
                unavailable=frozenset(
                    day
                    for period in m.unavailability.all()
                    for day in _days(period.starts_on, period.ends_on, low, high)
                ),
            )
            for m in mentors
        ),
        visits=tuple(problem_visits),
        non_working=workdays.non_working_days(low, high),
        travel=dict(_travel(places)),
        team_size=run.team_size,
        day_minutes=DAY_MINUTES,
        day_start_minute=DAY_START_MINUTE,
        time_limit_s=float(run.time_limit_s),
        workers=workers,
        current_team={
            g.region_id: tuple(str(m.pk) for m in g.team.all() if m.is_active) for g in guidance
        },
    )


def _fixed(visit: GuidanceVisit) -> bool:
    """Held (complete, or a session held) or pinned, with dates: kept when re-solving."""
    if visit.starts_on is None:
        return False
    if visit.pinned or visit.status == VisitStatus.COMPLETE:
        return True
    return any(s.status == SessionStatus.HELD for s in visit.sessions.all())


# Storing the answer ---------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """Dataclasses as dicts, dates as ISO strings, sets sorted, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def result_fields(result: P.ScheduleResult) -> dict[str, Any]:
    """The run's fields for the result, JSON-safe."""
    return {
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "solve_seconds": result.solve_seconds,
        "figures": jsonable(result.plan.figures),
        "greedy_figures": jsonable(result.greedy.figures),
        "plan": jsonable(result.plan.visits),
        "trips": jsonable(result.plan.trips),
        "unplaced": jsonable(result.plan.unplaced),
        "shortages": jsonable(result.shortages),
        "warnings": list(result.warnings),
    }


def store_result(run: ScheduleRun, result: P.ScheduleResult) -> ScheduleRun:
    """Write the result on the run (no access check: the job and the service do)."""
    for name, value in result_fields(result).items():
        setattr(run, name, value)
    run.save()
    return run


def placed_visits(run: ScheduleRun) -> list[P.PlacedVisit]:
    """The run's stored plan as PlacedVisits again."""
    visits = []
    for row in run.plan or []:
        visits.append(
            P.PlacedVisit(
                region=str(row["region"]),
                stage=int(row["stage"]),
                start=date.fromisoformat(row["start"]),
                end=date.fromisoformat(row["end"]),
                team=tuple(str(m) for m in row.get("team", ())),
                sessions=tuple(
                    P.PlacedSession(
                        id=str(s["id"]),
                        day=date.fromisoformat(s["day"]),
                        start_minute=int(s["start_minute"]),
                    )
                    for s in row.get("sessions", ())
                ),
            )
        )
    return visits


__all__ = [
    "build_problem",
    "jsonable",
    "mentor_users",
    "placed_visits",
    "result_fields",
    "store_result",
]
