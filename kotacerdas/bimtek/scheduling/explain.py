"""Why visits stay unplaced, in resources: expertise, the window, mentor-days per month."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from kotacerdas.bimtek.scheduling.figures import days_away, month
from kotacerdas.bimtek.scheduling.greedy import Teams
from kotacerdas.bimtek.scheduling.prepare import Key, Prepared
from kotacerdas.bimtek.scheduling.problem import Plan, Shortage, Unplaced


def shortages(
    pp: Prepared, plan: Plan, teams: Teams, dom: dict[Key, list[int]]
) -> tuple[Shortage, ...]:
    out: list[Shortage] = []
    out.extend(_expertise(pp, plan.unplaced))
    out.extend(_window(pp, plan.unplaced))
    out.extend(_mentor_days(pp, plan, teams, dom))
    return tuple(out)


def _expertise(pp: Prepared, unplaced: tuple[Unplaced, ...]) -> list[Shortage]:
    nobody: dict[str, set[str]] = defaultdict(set)
    small: set[str] = set()
    for u in unplaced:
        if u.reason != "no_expertise":
            continue
        dims = u.detail.get("dimensions") or []
        for d in dims:  # type: ignore[attr-defined]
            nobody[str(d)].add(u.region)
        if not dims:
            small.add(u.region)
    out = [
        Shortage(
            "expertise", needed=len(regions), available=0, dimension=d,
            detail={"regions": sorted(regions)},
        )
        for d, regions in sorted(nobody.items())
    ]  # fmt: skip
    if small:
        # Every dimension has a mentor, but no team of `team_size` covers them all.
        most = max(len(pp.regions[r].priority_dimensions) for r in small)
        out.append(
            Shortage(
                "expertise",
                needed=most,
                available=pp.problem.team_size,
                detail={"regions": sorted(small), "problem": "team_too_small"},
            )
        )
    return out


def _window(pp: Prepared, unplaced: tuple[Unplaced, ...]) -> list[Shortage]:
    regions = sorted({u.region for u in unplaced if u.reason == "no_window"})
    if not regions:
        return []
    # Calendar days the stages need at the least: the gaps, then the last visit.
    needed = 0
    for r in regions:
        keys = sorted(k for k in pp.visit if k[0] == r)
        gaps = sum(pp.stages[k[1]].min_gap_days for k in keys[1:])
        needed = max(needed, gaps + pp.length[keys[-1]])
    available = (pp.problem.end - pp.problem.start).days + 1
    return [Shortage("window", needed, available, detail={"regions": regions})]


def _mentor_days(
    pp: Prepared, plan: Plan, teams: Teams, dom: dict[Key, list[int]]
) -> list[Shortage]:
    """Per month the unplaced visits would fall in: the mentor-days they and the plan
    need from their mentors against what those mentors have (caps, unavailability)."""
    placed = {(v.region, v.stage): v for v in plan.visits}
    wanted: dict[str, list[Unplaced]] = defaultdict(list)
    for u in plan.unplaced:
        if u.reason not in ("mentor_days", "no_mentor"):
            continue
        key = (u.region, u.stage)
        prev = placed.get((u.region, u.stage - 1))
        if prev is not None:
            day = prev.start + timedelta(days=pp.stages[u.stage].min_gap_days)
        elif dom.get(key):
            day = pp.day(dom[key][0])
        else:
            day = pp.problem.start
        wanted[month(day)].append(u)
    if not wanted:
        return []
    away = days_away(plan.trips)
    out = []
    for mo, items in sorted(wanted.items()):
        mentors: set[str] = set()
        for u in items:
            team = pp.visit[(u.region, u.stage)].fixed_team or teams.get(u.region)
            mentors |= set(team) if team else set(pp.mentors)
        available = sum(_available(pp, m, mo) for m in mentors)
        used = sum(away.get(m, {}).get(mo, 0) for m in mentors)
        new = 0
        for u in items:
            key = (u.region, u.stage)
            team = pp.visit[key].fixed_team or teams.get(u.region) or ()
            size = len(team) or pp.problem.team_size
            trip = min((pp.travel(m.home, u.region) * 2 for m in pp.mentors.values()), default=0)
            new += size * (pp.length[key] + trip)
        out.append(
            Shortage(
                "mentor_days",
                needed=used + new,
                available=available,
                month=mo,
                detail={
                    "visits": [[u.region, u.stage] for u in items],
                    "mentors": sorted(mentors),
                    # Enough days in the month, but not in one piece for these mentors.
                    "fragmented": used + new <= available,
                },
            )
        )
    return out


def _available(pp: Prepared, mentor: str, mo: str) -> int:
    """Days the mentor may be away in month `mo` (inside the window, not unavailable)."""
    m = pp.mentors[mentor]
    year, number = (int(x) for x in mo.split("-"))
    n = 0
    day = max(pp.problem.start, pp.problem.start.replace(year=year, month=number, day=1))
    while day.month == number and day <= pp.problem.end:
        if day not in m.unavailable:
            n += 1
        day += timedelta(days=1)
    return min(n, m.max_travel_days_per_month)
