"""The input checked and indexed: day numbers, visit lengths, allowed start days, travel.

Days are numbered from `origin` (a little before the first day anything can happen: a
held visit may lie before `Problem.start`, and travel out precedes a visit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kotacerdas.bimtek.scheduling.problem import Mentor, Problem, Region, Stage, Visit
from kotacerdas.bimtek.scheduling.sessions import visit_days

Key = tuple[str, int]
# Room before the first day for travel out (days); travel is a few days at most.
_MARGIN = 14


def travel_between(problem: Problem, a: str, b: str) -> int | None:
    """Whole days of travel from `a` to `b`; the reverse pair if only that one is given."""
    if a == b:
        return problem.travel.get((a, b), 0)
    days = problem.travel.get((a, b))
    if days is None:
        days = problem.travel.get((b, a))
    return days


def working(problem: Problem, region: Region | None, day: date) -> bool:
    if day in problem.non_working:
        return False
    return region is None or day not in region.blackout


@dataclass
class Prepared:
    problem: Problem
    origin: date
    first: int  # index of Problem.start
    last: int  # index of Problem.end
    horizon: int  # days indexed: 0 .. horizon - 1
    stages: dict[int, Stage]
    regions: dict[str, Region]
    mentors: dict[str, Mentor]
    visits: list[Visit]  # by region order, then stage
    visit: dict[Key, Visit]
    length: dict[Key, int]
    warnings: list[str] = field(default_factory=list)

    def index(self, day: date) -> int:
        return (day - self.origin).days

    def day(self, index: int) -> date:
        return self.origin + timedelta(days=index)

    def travel(self, a: str, b: str) -> int:
        return travel_between(self.problem, a, b) or 0

    def team_of_fixed(self, key: Key) -> tuple[str, ...]:
        return self.visit[key].fixed_team

    def region_working(self, region: str, index: int) -> bool:
        return working(self.problem, self.regions[region], self.day(index))

    def allowed_starts(self, key: Key) -> list[int]:
        """Start days where the visit fits: consecutive working days inside the window,
        covering its fixed-day sessions. A fixed visit has its one start, whatever it is."""
        visit = self.visit[key]
        if visit.fixed_start is not None:
            return [self.index(visit.fixed_start)]
        n = self.length[key]
        fixed_days = [self.index(s.fixed_day) for s in visit.sessions if s.fixed_day]
        ok = [self.region_working(visit.region, i) for i in range(self.horizon)]
        out = []
        run = 0  # working days in a row ending at i
        for i in range(self.last, self.first - 1, -1):
            run = run + 1 if ok[i] else 0
            fits = run >= n and i + n - 1 <= self.last
            if fits and all(i <= d <= i + n - 1 for d in fixed_days):
                out.append(i)
        out.reverse()
        return out


def _warn(warnings: list[str], code: str) -> None:
    if code not in warnings:
        warnings.append(code)


def validate(problem: Problem) -> list[str]:
    """Warning codes for input that breaks a rule; empty when the problem can be solved."""
    w: list[str] = []
    if problem.end < problem.start:
        _warn(w, "window_reversed")
    if problem.team_size < 1:
        _warn(w, "team_size_invalid")
    if problem.team_size > len(problem.mentors):
        _warn(w, "team_size_exceeds_mentors")
    if problem.day_minutes <= 0:
        _warn(w, "day_minutes_invalid")
    stages: dict[int, Stage] = {}
    for stage in problem.stages:
        if stage.number in stages:
            _warn(w, "duplicate_stage")
        stages[stage.number] = stage
        if stage.days < 1 or stage.min_gap_days < 1 or stage.max_gap_days < stage.min_gap_days:
            _warn(w, "stage_invalid")
    regions: dict[str, Region] = {}
    for region in problem.regions:
        if region.code in regions:
            _warn(w, "duplicate_region")
        regions[region.code] = region
    mentors: dict[str, Mentor] = {}
    for mentor in problem.mentors:
        if mentor.id in mentors:
            _warn(w, "duplicate_mentor")
        mentors[mentor.id] = mentor
        if mentor.max_regions < 0 or mentor.max_travel_days_per_month < 0:
            _warn(w, "mentor_limits_invalid")
    keys: set[Key] = set()
    used_stages: dict[str, set[int]] = {}
    for visit in problem.visits:
        if visit.key in keys:
            _warn(w, "duplicate_visit")
        keys.add(visit.key)
        if visit.region not in regions:
            _warn(w, "unknown_region")
        if visit.stage not in stages:
            _warn(w, "stage_missing")
        used_stages.setdefault(visit.region, set()).add(visit.stage)
        if any(m not in mentors for m in visit.fixed_team):
            _warn(w, "unknown_mentor")
        if len(set(visit.fixed_team)) != len(visit.fixed_team):
            _warn(w, "fixed_team_invalid")
        _check_sessions(problem, visit, w)
    for numbers in used_stages.values():
        # Stages are held in order: a region's stages run 1..k without holes.
        if numbers != set(range(1, max(numbers) + 1)):
            _warn(w, "stage_missing")
    for m in problem.mentors:
        for code in regions:
            if travel_between(problem, m.home, code) is None:
                _warn(w, "travel_missing")
    for a in regions.values():
        for b in regions.values():
            same = a.code < b.code and a.province == b.province
            if same and travel_between(problem, a.code, b.code) is None:
                _warn(w, "travel_missing")
    if any(d < 0 for d in problem.travel.values()):
        _warn(w, "travel_negative")
    return w


def _check_sessions(problem: Problem, visit: Visit, w: list[str]) -> None:
    ids = [s.id for s in visit.sessions]
    if len(set(ids)) != len(ids):
        _warn(w, "duplicate_session")
    if sum(1 for s in visit.sessions if s.plenary) > 1:
        _warn(w, "session_invalid")
    for s in visit.sessions:
        if s.minutes <= 0 or (problem.day_minutes > 0 and s.minutes > problem.day_minutes):
            _warn(w, "session_invalid")
    if visit.fixed_start is not None and problem.day_minutes > 0:
        n = visit_days(problem, visit)
        last = visit.fixed_start + timedelta(days=n - 1)
        for s in visit.sessions:
            if s.fixed_day is not None and not visit.fixed_start <= s.fixed_day <= last:
                _warn(w, "fixed_session_outside_visit")


def prepare(problem: Problem) -> Prepared:
    """Index a valid problem (call `validate` first)."""
    fixed = [v.fixed_start for v in problem.visits if v.fixed_start is not None]
    origin = min([problem.start, *fixed]) - timedelta(days=_MARGIN)
    stages = {s.number: s for s in problem.stages}
    regions = {r.code: r for r in problem.regions}
    order = {r.code: i for i, r in enumerate(problem.regions)}
    visits = sorted(problem.visits, key=lambda v: (order[v.region], v.stage))
    length = {v.key: visit_days(problem, v) for v in visits}
    last = (problem.end - origin).days
    ends = [(v.fixed_start - origin).days + length[v.key] for v in visits if v.fixed_start]
    horizon = max([last, *ends]) + 1 + _MARGIN
    return Prepared(
        problem=problem,
        origin=origin,
        first=(problem.start - origin).days,
        last=last,
        horizon=horizon,
        stages=stages,
        regions=regions,
        mentors={m.id: m for m in problem.mentors},
        visits=visits,
        visit={v.key: v for v in visits},
        length=length,
    )
