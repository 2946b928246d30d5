"""Trips, days away and figures, derived from a plan's visits alone.

One function for every plan (the solver's, the greedy one, a plan after a manual move),
so the figures compare like with like. A mentor's visits are taken in date order; the
mentor goes straight from one visit to the next (one trip) when both are of the same
stage and province, the hop fits in the days between them, those days are no more than
going home and back would take (so chaining never adds days away) and none of them is
a day the mentor is unavailable. Otherwise the mentor goes home in between. All days from
leaving home to coming back are days away; travel days are the days on the road.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from kotacerdas.bimtek.scheduling.prepare import travel_between
from kotacerdas.bimtek.scheduling.problem import (
    Figures,
    Mentor,
    PlacedVisit,
    Plan,
    Problem,
    Trip,
    Unplaced,
)


def _travel(problem: Problem, a: str, b: str) -> int:
    return travel_between(problem, a, b) or 0


def chains(
    problem: Problem,
    mentor: Mentor,
    first: PlacedVisit,
    then: PlacedVisit,
    province: Mapping[str, str] | None = None,
) -> bool:
    """Whether the mentor goes straight from `first` to `then` (see the module's rule)."""
    if first.stage != then.stage:
        return False
    if province is None:
        province = {r.code: r.province for r in problem.regions}
    if province.get(first.region) != province.get(then.region):
        return False
    gap = (then.start - first.end).days - 1
    hop = _travel(problem, first.region, then.region)
    home = _travel(problem, first.region, mentor.home) + _travel(problem, mentor.home, then.region)
    if not hop <= gap <= home:
        return False
    between = (first.end + timedelta(days=i + 1) for i in range(gap))
    return not any(day in mentor.unavailable for day in between)


def trips(problem: Problem, visits: Iterable[PlacedVisit]) -> tuple[Trip, ...]:
    """Every mentor's trips, by mentor then date."""
    by_mentor: dict[str, list[PlacedVisit]] = defaultdict(list)
    for v in visits:
        for m in v.team:
            by_mentor[m].append(v)
    mentors = {m.id: m for m in problem.mentors}
    province = {r.code: r.province for r in problem.regions}
    out: list[Trip] = []
    for mid in sorted(by_mentor):
        mentor = mentors.get(mid)
        if mentor is None:
            continue
        run: list[PlacedVisit] = []
        for v in sorted(by_mentor[mid], key=lambda v: (v.start, v.region)):
            if run and not chains(problem, mentor, run[-1], v, province):
                out.append(_trip(problem, mentor, run))
                run = []
            run.append(v)
        if run:
            out.append(_trip(problem, mentor, run))
    return tuple(out)


def _trip(problem: Problem, mentor: Mentor, run: list[PlacedVisit]) -> Trip:
    out = _travel(problem, mentor.home, run[0].region)
    back = _travel(problem, run[-1].region, mentor.home)
    hops = sum(_travel(problem, a.region, b.region) for a, b in itertools.pairwise(run))
    return Trip(
        mentor=mentor.id,
        leaves=run[0].start - timedelta(days=out),
        returns=run[-1].end + timedelta(days=back),
        regions=tuple(v.region for v in run),
        travel_days=out + hops + back,
    )


def month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def days_away(all_trips: Iterable[Trip]) -> dict[str, dict[str, int]]:
    """Days away from home per mentor and month ("YYYY-MM")."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for t in all_trips:
        for i in range((t.returns - t.leaves).days + 1):
            out[t.mentor][month(t.leaves + timedelta(days=i))] += 1
    return {m: dict(months) for m, months in out.items()}


def figures(
    problem: Problem, visits: tuple[PlacedVisit, ...], all_trips: tuple[Trip, ...]
) -> Figures:
    away: Mapping[str, int] = {m: sum(ms.values()) for m, ms in days_away(all_trips).items()}
    loads = [away.get(m.id, 0) for m in problem.mentors] or [0]
    return Figures(
        visits=len(visits),
        trips=len(all_trips),
        travel_days=sum(t.travel_days for t in all_trips),
        finish=max((v.end for v in visits), default=None),
        max_mentor_days=max(loads),
        min_mentor_days=min(loads),
    )


def make_plan(
    problem: Problem, visits: Iterable[PlacedVisit], unplaced: Iterable[Unplaced] = ()
) -> Plan:
    """A plan from its visits: trips and figures derived (also after a manual move)."""
    order = {r.code: i for i, r in enumerate(problem.regions)}
    placed = tuple(sorted(visits, key=lambda v: (order.get(v.region, len(order)), v.stage)))
    all_trips = trips(problem, placed)
    return Plan(
        visits=placed,
        trips=all_trips,
        unplaced=tuple(unplaced),
        figures=figures(problem, placed, all_trips),
    )
