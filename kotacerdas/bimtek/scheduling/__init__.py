"""The guidance (Bimtek) schedule: teams, dates and sessions of every visit (CP-SAT).

Pure (standard library + OR-Tools, no Django). `solve(problem)` never raises: invalid
input gives status "invalid" with warning codes; visits that cannot be placed are left
out with reasons, and `shortages` name the short resource.

Two phases (a single model does not scale to 100 regions x 4 stages in a minute):
A (`teams.py`) picks each region's team, the same mentors for every stage whose team is
not fixed, estimating travel; B (`model.py`) dates the visits with the teams fixed,
chaining same-stage visits of one province into one trip. `gap` is phase B's (the
teams taken as given), so "optimal" means optimal for the chosen teams. Month caps enter
phase B lazily: a round that breaks one adds the exact cap for that mentor and month.

Expertise: a team's combined expertise must cover every priority dimension of its
region. A region whose dimensions no team of `team_size` can cover (above all: no mentor
has one of them) stays unplaced with reason "no_expertise" and an "expertise" shortage.

Objective (phase B; weights in `model.py`): 1,000,000 per unplaced visit, 100 per travel
day, 30 per trip, 10 per day away of the busiest mentor, 1 per day to the last visit's
end. The returned plan is the best (fewest unplaced, then that objective on the plan's
own figures) of the solver's plan, the greedy schedule on the solver's teams and the
greedy plan; every one obeys `check_plan`.

Travel days may fall on weekends and holidays; only visit days must be working days.
With `workers` > 1 CP-SAT's search depends on timing; with 1 worker it is reproducible.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from kotacerdas.bimtek.scheduling.chaining import chained_schedule
from kotacerdas.bimtek.scheduling.explain import shortages
from kotacerdas.bimtek.scheduling.figures import chains, days_away, make_plan, month, trips
from kotacerdas.bimtek.scheduling.greedy import Teams, greedy, greedy_teams, schedule
from kotacerdas.bimtek.scheduling.model import (
    W_FINISH,
    W_LOAD,
    W_TRAVEL,
    W_TRIP,
    W_UNPLACED,
    MonthKey,
    chain_links,
    domains,
    month_keys,
    solve_schedule,
)
from kotacerdas.bimtek.scheduling.prepare import Key, Prepared, prepare, validate
from kotacerdas.bimtek.scheduling.problem import (
    FEASIBLE,
    INCOMPLETE,
    INFEASIBLE,
    INVALID,
    OPTIMAL,
    Figures,
    Mentor,
    PlacedSession,
    PlacedVisit,
    Plan,
    Problem,
    Region,
    ScheduleResult,
    Session,
    Shortage,
    Stage,
    Trip,
    Unplaced,
    Violation,
    Visit,
)
from kotacerdas.bimtek.scheduling.rules import check_plan
from kotacerdas.bimtek.scheduling.sessions import place_sessions, visit_days
from kotacerdas.bimtek.scheduling.teams import solve_teams

# Reasons that prove a visit cannot be placed (not a matter of search time).
_PROVEN = {"no_expertise", "no_window", "stage_order", "invalid"}


def score(problem: Problem, plan: Plan) -> int:
    """Phase B's objective computed on a plan's own figures (lower is better)."""
    f = plan.figures
    finish = (f.finish - problem.start).days if f.finish else 0
    return (
        W_UNPLACED * len(plan.unplaced)
        + W_TRAVEL * f.travel_days
        + W_TRIP * f.trips
        + W_LOAD * f.max_mentor_days
        + W_FINISH * finish
    )


def working_starts(problem: Problem, visit: Visit) -> list[date]:
    """Days the visit may start on by the calendar alone (working days, blackout, window,
    its fixed sessions); mentors and stage gaps are not considered. Empty if invalid."""
    if validate(problem) or visit.key not in {v.key for v in problem.visits}:
        return []
    pp = prepare(problem)
    return [pp.day(i) for i in pp.allowed_starts(visit.key)]


def _plan(
    pp: Prepared,
    teams: Teams,
    starts: dict[Key, int],
    why: dict[Key, str],
    failed: dict[str, Unplaced] | None = None,
) -> Plan:
    placed = []
    unplaced = []
    for v in pp.visits:
        team = v.fixed_team or teams.get(v.region)
        if v.key in starts and team:
            n = pp.length[v.key]
            first = pp.day(starts[v.key])
            sessions = place_sessions(pp.problem, v, first, n)
            placed.append(
                PlacedVisit(v.region, v.stage, first, pp.day(starts[v.key] + n - 1), team, sessions)
            )
        else:
            reason = why.get(v.key, "mentor_days")
            team_failure = (failed or {}).get(v.region)
            detail = team_failure.detail if team_failure and team_failure.reason == reason else {}
            unplaced.append(Unplaced(v.region, v.stage, reason, detail))
    return make_plan(pp.problem, placed, unplaced)


def _over_caps(pp: Prepared, plan: Plan) -> set[MonthKey]:
    out: set[MonthKey] = set()
    for m, months in days_away(plan.trips).items():
        cap = pp.mentors[m].max_travel_days_per_month
        for mo, days in months.items():
            if days > cap:
                year, number = (int(x) for x in mo.split("-"))
                out.add((m, year * 12 + number))
    return out


def solve(problem: Problem, progress: Callable[[int], None] | None = None) -> ScheduleResult:
    """The best plan found within `problem.time_limit_s`, with the greedy plan beside it."""
    t0 = time.perf_counter()
    warnings = validate(problem)
    if warnings:
        empty = greedy(problem)
        return ScheduleResult(INVALID, empty, empty, warnings=tuple(warnings))
    limit = problem.time_limit_s if problem.time_limit_s and problem.time_limit_s > 0 else 30.0
    workers = max(int(problem.workers or 1), 1)
    pp = prepare(problem)
    reported = [-1]

    def report(percent: int) -> None:
        percent = max(0, min(percent, 100))
        if progress is not None and percent > reported[0]:
            reported[0] = percent
            progress(percent)

    def left() -> float:
        return limit - (time.perf_counter() - t0)

    def on_solution() -> None:
        report(10 + int(85 * (1 - max(left(), 0) / limit)))

    report(0)
    base_teams, base_failed = greedy_teams(pp)
    baseline = make_plan(problem, *schedule(pp, base_teams, base_failed))
    report(5)
    teams, failed, _ = solve_teams(pp, min(0.4 * limit, 30.0), workers, hint=base_teams)
    report(10)
    dom, why = domains(pp, teams)
    for v in pp.visits:
        if v.key not in dom and not v.fixed_team and v.region in failed:
            why[v.key] = failed[v.region].reason
    hinted = chained_schedule(pp, teams, failed)
    hint = {(v.region, v.stage): pp.index(v.start) for v in hinted.visits}
    links = chain_links(hinted)
    # Every cap that could bind, from the start: lazy rounds cost more than they save.
    caps = month_keys(pp, teams, dom)
    status_b, gap, objective, bound = "UNKNOWN", None, None, None
    solved: Plan | None = None
    # Keep a little of the limit for building, checking and explaining the plans.
    reserve = min(0.03 * limit, 2.0)
    while left() - reserve > 0.05:
        seconds = left() - reserve
        outcome = solve_schedule(pp, teams, dom, caps, seconds, workers, hint, links, on_solution)
        if not outcome.starts and outcome.status not in ("OPTIMAL", "FEASIBLE"):
            break
        candidate = _plan(pp, teams, outcome.starts, why, failed)
        over = _over_caps(pp, candidate)
        if not over:
            solved, status_b = candidate, outcome.status
            objective, bound = outcome.objective, outcome.bound
            break
        caps |= over
    if objective is not None and bound is not None:
        gap = 0.0 if status_b == "OPTIMAL" else max(objective - bound, 0) / max(abs(objective), 1)

    options = [
        (p, name) for p, name in ((solved, "solver"), (hinted, "hint"), (baseline, "greedy")) if p
    ]
    options = [(p, name) for p, name in options if not check_plan(problem, p)] or options
    plan, chosen = min(options, key=lambda o: score(problem, o[0]))
    extra: list[str] = []
    if chosen != "solver":
        extra.append(f"plan_from_{chosen}")
        gap = None
    if plan.unplaced:
        proven = all(u.reason in _PROVEN for u in plan.unplaced)
        status = (
            INFEASIBLE if proven or (chosen == "solver" and status_b == "OPTIMAL") else INCOMPLETE
        )
    else:
        status = OPTIMAL if chosen == "solver" and status_b == "OPTIMAL" else FEASIBLE
    report(100)
    return ScheduleResult(
        status=status,
        plan=plan,
        greedy=baseline,
        objective=float(score(problem, plan)),
        bound=bound if chosen == "solver" else None,
        gap=gap,
        shortages=shortages(pp, plan, teams if chosen != "greedy" else base_teams, dom),
        warnings=tuple(extra),
        solve_seconds=round(time.perf_counter() - t0, 3),
    )


__all__ = [
    "FEASIBLE",
    "INCOMPLETE",
    "INFEASIBLE",
    "INVALID",
    "OPTIMAL",
    "Figures",
    "Mentor",
    "PlacedSession",
    "PlacedVisit",
    "Plan",
    "Problem",
    "Region",
    "ScheduleResult",
    "Session",
    "Shortage",
    "Stage",
    "Trip",
    "Unplaced",
    "Violation",
    "Visit",
    "chains",
    "check_plan",
    "days_away",
    "greedy",
    "make_plan",
    "month",
    "place_sessions",
    "score",
    "solve",
    "trips",
    "visit_days",
    "working_starts",
]
