"""Every rule a plan must obey, checked on the plan alone (`check_plan`).

Used on the solver's and the greedy plan in the tests, and by the services to check a
manual move. A visit with a fixed start (held or pinned) is taken as given: its days are
not checked against the calendar or the window, and its mentors' unavailability on its
own days is not reported; it still counts for double booking, caps and stage gaps.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta

from kotacerdas.bimtek.scheduling.figures import days_away, trips
from kotacerdas.bimtek.scheduling.prepare import travel_between, working
from kotacerdas.bimtek.scheduling.problem import (
    Mentor,
    PlacedSession,
    PlacedVisit,
    Plan,
    Problem,
    Region,
    Stage,
    Trip,
    Violation,
    Visit,
)
from kotacerdas.bimtek.scheduling.sessions import visit_days

Key = tuple[str, int]


def check_plan(problem: Problem, plan: Plan) -> list[Violation]:
    out: list[Violation] = []
    visits = {v.key: v for v in problem.visits}
    regions = {r.code: r for r in problem.regions}
    mentors = {m.id: m for m in problem.mentors}
    stages = {s.number: s for s in problem.stages}
    placed: dict[tuple[str, int], PlacedVisit] = {}
    for pv in plan.visits:
        key = (pv.region, pv.stage)
        if key not in visits:
            out.append(Violation("unknown_visit", pv.region, pv.stage))
            continue
        if key in placed:
            out.append(Violation("duplicate_visit", pv.region, pv.stage))
        placed[key] = pv
    for key, pv in placed.items():
        out.extend(_visit_rules(problem, visits[key], pv, mentors))
    out.extend(_region_rules(problem, placed, regions, mentors, stages))
    out.extend(_mentor_rules(problem, plan, placed, mentors))
    return out


def _visit_rules(
    problem: Problem, visit: Visit, pv: PlacedVisit, mentors: dict[str, Mentor]
) -> list[Violation]:
    out: list[Violation] = []
    r, k = pv.region, pv.stage
    n = visit_days(problem, visit)
    if (pv.end - pv.start).days + 1 != n:
        out.append(Violation("visit_length", r, k, detail={"days": n}))
    if visit.fixed_start is not None:
        if pv.start != visit.fixed_start:
            out.append(Violation("fixed_moved", r, k, day=pv.start))
    else:
        if pv.start < problem.start:
            out.append(Violation("before_start", r, k, day=pv.start))
        if pv.end > problem.end:
            out.append(Violation("deadline", r, k, day=pv.end))
        region = next((g for g in problem.regions if g.code == r), None)
        for i in range((pv.end - pv.start).days + 1):
            day = pv.start + timedelta(days=i)
            if not working(problem, region, day):
                out.append(Violation("non_working_day", r, k, day=day))
    if visit.fixed_team:
        if tuple(pv.team) != tuple(visit.fixed_team):
            out.append(Violation("fixed_team_changed", r, k))
    elif len(pv.team) != problem.team_size or len(set(pv.team)) != len(pv.team):
        out.append(Violation("team_size", r, k, detail={"team": list(pv.team)}))
    for m in pv.team:
        if m not in mentors:
            out.append(Violation("unknown_mentor", r, k, mentor=m))
    out.extend(_session_rules(problem, visit, pv))
    return out


def _session_rules(problem: Problem, visit: Visit, pv: PlacedVisit) -> list[Violation]:
    out: list[Violation] = []
    r, k = pv.region, pv.stage
    given = {s.id: s for s in visit.sessions}
    seen: dict[str, PlacedSession] = {}
    for ps in pv.sessions:
        if ps.id not in given or ps.id in seen:
            out.append(Violation("session_unknown", r, k, detail={"session": ps.id}))
        seen[ps.id] = ps
    for sid in given:
        if sid not in seen:
            out.append(Violation("session_missing", r, k, detail={"session": sid}))
    first, last = problem.day_start_minute, problem.day_start_minute + problem.day_minutes
    by_day: dict[date, list[tuple[int, int, str]]] = defaultdict(list)
    for ps in pv.sessions:
        s = given.get(ps.id)
        if s is None:
            continue
        if not pv.start <= ps.day <= pv.end:
            out.append(
                Violation("session_outside_visit", r, k, day=ps.day, detail={"session": s.id})
            )
        if s.fixed_day is not None and (
            ps.day != s.fixed_day
            or (s.fixed_start_minute is not None and ps.start_minute != s.fixed_start_minute)
        ):
            out.append(Violation("fixed_session_moved", r, k, day=ps.day, detail={"session": s.id}))
        if s.fixed_day is None and (ps.start_minute < first or ps.start_minute + s.minutes > last):
            out.append(Violation("session_overflow", r, k, day=ps.day, detail={"session": s.id}))
        by_day[ps.day].append((ps.start_minute, ps.start_minute + s.minutes, s.id))
    for _day, items in by_day.items():
        items.sort()
        for a, b in itertools.pairwise(items):
            if b[0] < a[1]:
                out.append(Violation("session_overlap", r, k, detail={"sessions": [a[2], b[2]]}))
    plenary = next((s for s in visit.sessions if s.plenary and s.fixed_day is None), None)
    if plenary is not None and plenary.id in seen:
        ps = seen[plenary.id]
        firsts = by_day.get(pv.start, [])
        if ps.day != pv.start or not _fixed_before(visit, firsts, plenary.id):
            out.append(Violation("plenary_not_first", r, k, detail={"session": plenary.id}))
    return out


def _fixed_before(visit: Visit, firsts: list[tuple[int, int, str]], plenary_id: str) -> bool:
    """Only fixed sessions may precede the plenary on day 1 (they hold their slot)."""
    fixed = {s.id for s in visit.sessions if s.fixed_day is not None}
    for _, _, sid in firsts:
        if sid == plenary_id:
            return True
        if sid not in fixed:
            return False
    return True


def _region_rules(
    problem: Problem,
    placed: dict[Key, PlacedVisit],
    regions: dict[str, Region],
    mentors: dict[str, Mentor],
    stages: dict[int, Stage],
) -> list[Violation]:
    out: list[Violation] = []
    visits = {v.key: v for v in problem.visits}
    by_region: dict[str, list[PlacedVisit]] = defaultdict(list)
    for pv in placed.values():
        by_region[pv.region].append(pv)
    for code, pvs in by_region.items():
        pvs.sort(key=lambda v: v.stage)
        for pv in pvs:
            prev = placed.get((code, pv.stage - 1))
            if pv.stage > 1 and (code, pv.stage - 1) in visits and prev is None:
                out.append(Violation("stage_order", code, pv.stage))
            if prev is not None and pv.stage in stages:
                st = stages[pv.stage]
                gap = (pv.start - prev.start).days
                if not st.min_gap_days <= gap <= st.max_gap_days:
                    out.append(Violation("stage_gap", code, pv.stage, detail={"gap": gap}))
        free = [pv for pv in pvs if not visits[(pv.region, pv.stage)].fixed_team]
        if len({frozenset(pv.team) for pv in free}) > 1:
            out.append(Violation("team_changed", code))
        region = regions.get(code)
        for pv in free:
            covered: set[str] = set()
            for m in pv.team:
                if m in mentors:
                    covered |= mentors[m].expertise
            missing = sorted(region.priority_dimensions - covered) if region else []
            if missing:
                out.append(Violation("expertise", code, pv.stage, detail={"missing": missing}))
    return out


def _mentor_rules(
    problem: Problem, plan: Plan, placed: dict[Key, PlacedVisit], mentors: dict[str, Mentor]
) -> list[Violation]:
    out: list[Violation] = []
    derived = trips(problem, placed.values())
    if tuple(plan.trips) != derived:
        out.append(Violation("trips_mismatch"))
    visits = {v.key: v for v in problem.visits}
    # Days of fixed visits (with their travel) are given: unavailability there is not new.
    given: dict[str, set[date]] = defaultdict(set)
    for key, pv in placed.items():
        if visits[key].fixed_start is None:
            continue
        for m in pv.team:
            if m not in mentors:
                continue
            home = mentors[m].home
            before = travel_between(problem, home, pv.region) or 0
            after = travel_between(problem, pv.region, home) or 0
            days = (pv.end - pv.start).days + before + after + 1
            first = pv.start - timedelta(days=before)
            given[m].update(first + timedelta(days=i) for i in range(days))
    by_mentor: dict[str, list[Trip]] = defaultdict(list)
    for t in derived:
        by_mentor[t.mentor].append(t)
    for mid, ts in by_mentor.items():
        mentor = mentors[mid]
        ts.sort(key=lambda t: t.leaves)
        for a, b in itertools.pairwise(ts):
            if b.leaves <= a.returns:
                out.append(Violation("double_booked", mentor=mid, day=b.leaves))
        for t in ts:
            for i in range((t.returns - t.leaves).days + 1):
                day = t.leaves + timedelta(days=i)
                if day in mentor.unavailable and day not in given[mid]:
                    out.append(Violation("unavailable", mentor=mid, day=day))
    for mid, months in days_away(derived).items():
        cap = mentors[mid].max_travel_days_per_month
        for m, days in sorted(months.items()):
            if days > cap:
                out.append(Violation("month_cap", mentor=mid, detail={"month": m, "days": days}))
    served: dict[str, set[str]] = defaultdict(set)
    for pv in placed.values():
        for m in pv.team:
            served[m].add(pv.region)
    for mid, regs in served.items():
        if mid in mentors and len(regs) > mentors[mid].max_regions:
            out.append(Violation("max_regions", mentor=mid, detail={"regions": len(regs)}))
    return out
