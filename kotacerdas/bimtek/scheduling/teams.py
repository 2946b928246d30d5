"""Phase A: which mentors form each region's team (CP-SAT).

x[r, m] = mentor m is in region r's team, for every stage whose team is not fixed. The
team covers the region's priority dimensions together, has `team_size` mentors, no mentor
serves more than `max_regions` regions, and a mentor's estimated days away fit the days
the month caps and unavailability leave. The objective estimates travel: a round trip
from home per region and stage, less what chaining two regions of one province saves;
plus a penalty for leaving a current team member out and a little for uneven loads.
A region that cannot get a team stays out (a big penalty) and is explained.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from ortools.sat.python import cp_model

from kotacerdas.bimtek.scheduling.greedy import Teams, coverable, fixed_served, team_regions
from kotacerdas.bimtek.scheduling.prepare import Prepared
from kotacerdas.bimtek.scheduling.problem import Unplaced

W_NO_TEAM = 1_000_000  # per region left without a team
W_TRAVEL = 100  # per estimated travel day
W_KEEP = 300  # per current team member replaced
W_BALANCE = 20  # per day of the busiest mentor's estimated load
W_OVER = 10_000  # per estimated day beyond what a mentor can give
W_CROWDED = 200  # per day of load beyond CROWDED of a mentor's capacity
CROWDED = 0.7  # leaves phase B room for the month caps, which bind per month


def capacity(pp: Prepared, mentor: str) -> int:
    """Days away the mentor can give inside the window: per month, the cap or the days
    the mentor is available, whichever is less."""
    m = pp.mentors[mentor]
    per_month: dict[tuple[int, int], int] = defaultdict(int)
    day = pp.problem.start
    while day <= pp.problem.end:
        if day not in m.unavailable:
            per_month[(day.year, day.month)] += 1
        day += timedelta(days=1)
    return sum(min(m.max_travel_days_per_month, n) for n in per_month.values())


def solve_teams(
    pp: Prepared, seconds: float, workers: int, hint: Teams | None = None
) -> tuple[Teams, dict[str, Unplaced], str]:
    """Teams per region, regions left out with reasons, and the CP-SAT status name."""
    size = pp.problem.team_size
    codes = team_regions(pp)
    failed: dict[str, Unplaced] = {}
    for code in codes:
        ok, nobody = coverable(pp, pp.regions[code].priority_dimensions, size)
        if not ok:
            failed[code] = Unplaced(
                code, 0, "no_expertise", {"dimensions": nobody} if nobody else {}
            )
    codes = [c for c in codes if c not in failed]
    if not codes:
        return {}, failed, "OPTIMAL"
    mentors = sorted(pp.mentors)
    free_visits = {c: [v for v in pp.visits if v.region == c and not v.fixed_team] for c in codes}
    model = cp_model.CpModel()
    x = {(r, m): model.new_bool_var(f"x_{r}_{m}") for r in codes for m in mentors}
    y = {r: model.new_bool_var(f"y_{r}") for r in codes}
    for r in codes:
        model.add(sum(x[r, m] for m in mentors) == size * y[r])
        for d in sorted(pp.regions[r].priority_dimensions):
            model.add(sum(x[r, m] for m in mentors if d in pp.mentors[m].expertise) >= y[r])
    served = fixed_served(pp)
    pairs = [
        (a, b)
        for i, a in enumerate(codes)
        for b in codes[i + 1 :]
        if pp.regions[a].province == pp.regions[b].province
    ]
    loads = []
    overload = []
    crowding = []
    travel_terms = []
    for m in mentors:
        mentor = pp.mentors[m]
        new = [x[r, m] for r in codes if r not in served[m]]
        limit = max(mentor.max_regions - len(served[m]), 0)
        model.add(sum(new) <= limit)
        load = []
        for r in codes:
            trip = pp.travel(mentor.home, r) + pp.travel(r, mentor.home)
            days = sum(pp.length[v.key] + trip for v in free_visits[r])
            load.append(days * x[r, m])
            travel_terms.append(trip * len(free_visits[r]) * x[r, m])
        room = capacity(pp, m)
        # Soft: visits that cannot be held anyway (no window) must not cost the team.
        over = model.new_int_var(0, sum(pp.length.values()) * 10 + 1000, f"over_{m}")
        model.add(over >= sum(load) - room)
        overload.append(over)
        loads.append(sum(load))
        crowded = model.new_int_var(0, max(room, 0) + 1, f"crowded_{m}")
        model.add(crowded >= sum(load) - int(CROWDED * room))
        crowding.append(crowded)
        # Chaining region a into b (same province) saves going home and back once per
        # stage: a matching of the mentor's regions into such pairs.
        paired: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for a, b in pairs:
            saving = pp.travel(a, mentor.home) + pp.travel(mentor.home, b) - pp.travel(a, b)
            stages = min(len(free_visits[a]), len(free_visits[b]))
            if saving <= 0 or stages == 0:
                continue
            q = model.new_bool_var(f"q_{m}_{a}_{b}")
            model.add_implication(q, x[a, m])
            model.add_implication(q, x[b, m])
            paired[a].append(q)
            paired[b].append(q)
            travel_terms.append(-saving * stages * q)
        for qs in paired.values():
            if len(qs) > 1:
                model.add_at_most_one(qs)
    busiest = model.new_int_var(0, sum(pp.length.values()) * 10 + 1000, "busiest")
    for load_expr in loads:
        model.add(busiest >= load_expr)
    keep = []
    for r in codes:
        for m in pp.problem.current_team.get(r, ()):
            if (r, m) in x:
                keep.append(1 - x[r, m])
    model.minimize(
        W_NO_TEAM * sum(1 - y[r] for r in codes)
        + W_TRAVEL * sum(travel_terms)
        + W_KEEP * sum(keep)
        + W_BALANCE * busiest
        + W_CROWDED * sum(crowding)
        + W_OVER * sum(overload)
    )
    if hint:
        for (r, m), var in x.items():
            model.add_hint(var, m in hint.get(r, ()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.05)
    solver.parameters.num_workers = max(workers, 1)
    solver.parameters.random_seed = 0
    result = solver.solve(model)
    if result not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for r in codes:
            failed[r] = Unplaced(r, 0, "no_mentor")
        return {}, failed, solver.status_name(result)
    teams: Teams = {}
    for r in codes:
        if solver.boolean_value(y[r]):
            teams[r] = tuple(m for m in mentors if solver.boolean_value(x[r, m]))
        else:
            failed[r] = Unplaced(r, 0, "no_mentor")
    return teams, failed, solver.status_name(result)
