"""Phase B: when each visit is held, the teams fixed (CP-SAT).

Per visit a start over its allowed days (`Domain.from_values`) and a presence literal
(an unplaced visit costs W_UNPLACED). Per mentor and visit one optional interval of days
away: travel out, the visit, travel back; c[m, v, w] says the mentor goes straight from
v to w (same stage and province, `figures.chains`): then v's interval runs up to w's
start and w's has no travel out. NoOverlap per mentor, with the unavailable days as
fixed intervals. Month caps are added lazily (`caps`): only for the (mentor, month)
pairs a previous round broke, as exact overlaps of intervals with the month.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from ortools.sat.python import cp_model

from kotacerdas.bimtek.scheduling.greedy import Teams, team_of
from kotacerdas.bimtek.scheduling.prepare import Key, Prepared
from kotacerdas.bimtek.scheduling.problem import Plan

W_UNPLACED = 1_000_000  # per visit left out
W_TRAVEL = 100  # per travel day
W_TRIP = 30  # per trip
W_LOAD = 10  # per day away of the busiest mentor
W_FINISH = 1  # per day from the window's start to the last visit's end

MonthKey = tuple[str, int]  # (mentor, year * 12 + month)


@dataclass
class Outcome:
    status: str  # CP-SAT's status name
    starts: dict[Key, int]
    objective: float | None = None
    bound: float | None = None


def domains(pp: Prepared, teams: Teams) -> tuple[dict[Key, list[int]], dict[Key, str]]:
    """Allowed starts per visit (calendar, team availability, stage gaps reachable)."""
    out: dict[Key, list[int]] = {}
    reasons: dict[Key, str] = {}
    for v in pp.visits:
        team = team_of(pp, v.key, teams)
        if team is None:
            continue
        starts = pp.allowed_starts(v.key)
        prev = (v.region, v.stage - 1)
        if prev in pp.visit and v.fixed_start is None:
            if prev not in out:
                reasons[v.key] = "stage_order"
                continue
            st = pp.stages[v.stage]
            before = set(out[prev])
            starts = [
                s
                for s in starts
                if any(s - g in before for g in range(st.min_gap_days, st.max_gap_days + 1))
            ]
        if not starts:
            reasons[v.key] = "no_window"
            continue
        if v.fixed_start is None:
            n = pp.length[v.key]
            off = {pp.index(d) for m in team for d in pp.mentors[m].unavailable}
            starts = [s for s in starts if not any(s + i in off for i in range(n))]
            if not starts:
                reasons[v.key] = "mentor_days"
        if starts:
            out[v.key] = starts
    # Backward: drop starts no later stage can follow, unless that would leave none.
    for v in reversed(pp.visits):
        nxt = (v.region, v.stage + 1)
        if v.key not in out or nxt not in out or pp.visit[v.key].fixed_start is not None:
            continue
        st = pp.stages[nxt[1]]
        after = set(out[nxt])
        kept = [
            s
            for s in out[v.key]
            if any(s + g in after for g in range(st.min_gap_days, st.max_gap_days + 1))
        ]
        if kept:
            out[v.key] = kept
    return out, reasons


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, report: Callable[[], None]) -> None:
        super().__init__()
        self.report = report

    def on_solution_callback(self) -> None:
        self.report()


def solve_schedule(
    pp: Prepared,
    teams: Teams,
    dom: dict[Key, list[int]],
    caps: set[MonthKey],
    seconds: float,
    workers: int,
    hint: dict[Key, int] | None = None,
    hint_chains: set[tuple[str, Key, Key]] | None = None,
    on_solution: Callable[[], None] | None = None,
) -> Outcome:
    model = cp_model.CpModel()
    keys = [v.key for v in pp.visits if v.key in dom]
    s: dict[Key, cp_model.IntVar] = {}
    p: dict[Key, cp_model.IntVar] = {}
    for k in keys:
        s[k] = model.new_int_var_from_domain(cp_model.Domain.from_values(dom[k]), f"s{k}")
        p[k] = model.new_bool_var(f"p{k}")
        if pp.visit[k].fixed_start is not None:
            model.add(p[k] == 1)
    for k in keys:
        prev = (k[0], k[1] - 1)
        if prev not in s:
            continue
        if pp.visit[k].fixed_start is not None:
            if pp.visit[prev].fixed_start is not None:
                continue  # both given
            when = p[prev]  # a held visit stays; the one before it fits around it
        else:
            model.add(p[k] <= p[prev])
            when = p[k]
        st = pp.stages[k[1]]
        model.add(s[k] - s[prev] >= st.min_gap_days).only_enforce_if(when)
        model.add(s[k] - s[prev] <= st.max_gap_days).only_enforce_if(when)

    by_mentor: dict[str, list[Key]] = defaultdict(list)
    for k in keys:
        for m in team_of(pp, k, teams) or ():
            by_mentor[m].append(k)
    travel_terms: list[cp_model.LinearExprT] = []
    trip_terms: list[cp_model.LinearExprT] = []
    loads: list[cp_model.LinearExprT] = []
    span: dict[tuple[str, Key], tuple[cp_model.LinearExprT, cp_model.LinearExprT]] = {}
    chained: dict[tuple[str, Key, Key], cp_model.IntVar] = {}
    for m in sorted(by_mentor):
        home = pp.mentors[m].home
        vs = by_mentor[m]
        out = {k: pp.travel(home, k[0]) for k in vs}
        back = {k: pp.travel(k[0], home) for k in vs}
        groups: dict[tuple[str, int], list[Key]] = defaultdict(list)
        for k in vs:
            groups[(pp.regions[k[0]].province, k[1])].append(k)
        succ: dict[Key, list[tuple[Key, cp_model.IntVar]]] = defaultdict(list)
        pred: dict[Key, list[tuple[Key, cp_model.IntVar]]] = defaultdict(list)
        for group in groups.values():
            for v in group:
                for w in group:
                    if v == w:
                        continue
                    hop, most = pp.travel(v[0], w[0]), back[v] + out[w]
                    n = pp.length[v]
                    lo_gap = dom[w][0] - dom[v][-1] - n
                    hi_gap = dom[w][-1] - dom[v][0] - n
                    if hop > most or hi_gap < hop or lo_gap > most:
                        continue
                    c = model.new_bool_var(f"c_{m}_{v}_{w}")
                    model.add_implication(c, p[v])
                    model.add_implication(c, p[w])
                    gap = s[w] - s[v] - n
                    model.add(gap >= hop).only_enforce_if(c)
                    model.add(gap <= most).only_enforce_if(c)
                    if (m, w, v) in chained:  # not both ways
                        model.add(c + chained[(m, w, v)] <= 1)
                    succ[v].append((w, c))
                    pred[w].append((v, c))
                    chained[(m, v, w)] = c
                    travel_terms.append(-(most - hop) * c)
                    trip_terms.append(-c)
        intervals = []
        load = []
        for k in vs:
            n = pp.length[k]
            travel_terms.append((out[k] + back[k]) * p[k])
            trip_terms.append(p[k])
            if len(succ[k]) > 1:
                model.add_at_most_one(c for _, c in succ[k])
            if len(pred[k]) > 1:
                model.add_at_most_one(c for _, c in pred[k])
            if not succ[k] and not pred[k]:
                size = n + out[k] + back[k]
                iv = model.new_optional_fixed_size_interval_var(s[k] - out[k], size, p[k], "i")
                intervals.append(iv)
                load.append(size * p[k])
                span[(m, k)] = (s[k] - out[k], s[k] + n - 1 + back[k])
                continue
            a = model.new_int_var(-pp.horizon, 2 * pp.horizon, "a")
            b = model.new_int_var(-pp.horizon, 2 * pp.horizon, "b")
            has_pred = sum(c for _, c in pred[k])
            model.add(a == s[k] - out[k] + out[k] * has_pred)
            if succ[k]:
                has_succ = model.new_bool_var("has_succ")
                model.add(has_succ == sum(c for _, c in succ[k]))
                for w, c in succ[k]:
                    model.add(b == s[w] - 1).only_enforce_if(c)
                model.add(b == s[k] + n - 1 + back[k]).only_enforce_if(~has_succ)
            else:
                model.add(b == s[k] + n - 1 + back[k])
            size_var = model.new_int_var(0, 2 * pp.horizon, "size")
            model.add(size_var == b - a + 1)
            intervals.append(model.new_optional_interval_var(a, size_var, b + 1, p[k], "i"))
            days = model.new_int_var(0, 2 * pp.horizon, "days")
            model.add(days == size_var).only_enforce_if(p[k])
            model.add(days == 0).only_enforce_if(~p[k])
            load.append(days)
            span[(m, k)] = (a, b)
        for lo, hi in _off_runs(pp, m, vs, out, back):
            intervals.append(model.new_fixed_size_interval_var(lo, hi - lo + 1, "off"))
        model.add_no_overlap(intervals)
        loads.append(sum(load))
        _month_caps(pp, model, m, vs, caps, dom, span, p)

    busiest = model.new_int_var(0, 2 * pp.horizon, "busiest")
    for expr in loads:
        model.add(busiest >= expr)
    finish = model.new_int_var(0, 2 * pp.horizon, "finish")
    for k in keys:
        model.add(finish >= s[k] + pp.length[k] - 1 - pp.first).only_enforce_if(p[k])
    free = [k for k in keys if pp.visit[k].fixed_start is None]
    unplaced = cp_model.LinearExpr.sum([1 - p[k] for k in free])
    model.minimize(
        W_UNPLACED * unplaced
        + W_TRAVEL * cp_model.LinearExpr.sum(travel_terms)
        + W_TRIP * cp_model.LinearExpr.sum(trip_terms)
        + W_LOAD * busiest
        + W_FINISH * finish
    )
    if hint:
        for k in keys:
            model.add_hint(p[k], k in hint)
            if k in hint:
                model.add_hint(s[k], hint[k])
        for triple, c in chained.items():
            model.add_hint(c, triple in (hint_chains or set()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(seconds, 0.05)
    solver.parameters.num_workers = max(workers, 1)
    solver.parameters.random_seed = 0
    callback = _Progress(on_solution) if on_solution else None
    code = solver.solve(model, callback)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(solver.status_name(code), {})
    starts = {k: solver.value(s[k]) for k in keys if solver.boolean_value(p[k])}
    return Outcome(
        solver.status_name(code), starts, solver.objective_value, solver.best_objective_bound
    )


def _off_runs(
    pp: Prepared, m: str, vs: list[Key], out: dict[Key, int], back: dict[Key, int]
) -> list[tuple[int, int]]:
    """The mentor's unavailable days as runs, leaving out the days of fixed visits
    (held visits are given, even on a day the mentor is now away)."""
    given: set[int] = set()
    for k in vs:
        if pp.visit[k].fixed_start is not None:
            start = pp.index(pp.visit[k].fixed_start)  # type: ignore[arg-type]
            given.update(range(start - out[k], start + pp.length[k] + back[k]))
    days = sorted(
        i
        for d in pp.mentors[m].unavailable
        if 0 <= (i := pp.index(d)) < pp.horizon and i not in given
    )
    runs: list[tuple[int, int]] = []
    for i in days:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def month_bounds(pp: Prepared) -> dict[int, tuple[int, int]]:
    """First and last day index of each month in the horizon, by year * 12 + month."""
    out: dict[int, tuple[int, int]] = {}
    for i in range(pp.horizon):
        d = pp.day(i)
        mo = d.year * 12 + d.month
        lo, _ = out.get(mo, (i, i))
        out[mo] = (lo, i)
    return out


def _month_caps(
    pp: Prepared,
    model: cp_model.CpModel,
    m: str,
    vs: list[Key],
    caps: set[MonthKey],
    dom: dict[Key, list[int]],
    span: dict[tuple[str, Key], tuple[cp_model.LinearExprT, cp_model.LinearExprT]],
    p: dict[Key, cp_model.IntVar],
) -> None:
    months = sorted(mo for mentor, mo in caps if mentor == m)
    if not months:
        return
    bounds = month_bounds(pp)
    cap = pp.mentors[m].max_travel_days_per_month
    for mo in months:
        if mo not in bounds:
            continue
        first, last = bounds[mo]
        overlaps = []
        for k in vs:
            n = pp.length[k]
            reach = (dom[k][0] - 7, dom[k][-1] + n + 14)  # travel is a few days
            if reach[1] < first or reach[0] > last:
                continue  # cannot touch this month
            a, b = span[(m, k)]
            lo = model.new_int_var(-pp.horizon, 2 * pp.horizon, "lo")
            hi = model.new_int_var(-pp.horizon, 2 * pp.horizon, "hi")
            model.add_max_equality(lo, [a, first])
            model.add_min_equality(hi, [b, last])
            ov = model.new_int_var(0, last - first + 1, "ov")
            model.add(ov >= hi - lo + 1).only_enforce_if(p[k])
            overlaps.append(ov)
        model.add(sum(overlaps) <= cap)


def month_keys(pp: Prepared, teams: Teams, dom: dict[Key, list[int]]) -> set[MonthKey]:
    """Every (mentor, month) a mentor's trips could reach whose cap could bind: the days
    of its visits that can fall in the month, with travel, exceed the cap."""
    bounds = month_bounds(pp)
    potential: dict[MonthKey, int] = defaultdict(int)
    for k, starts in dom.items():
        n = pp.length[k]
        for m in team_of(pp, k, teams) or ():
            for mo, (first, last) in bounds.items():
                if starts[0] - 7 <= last and starts[-1] + n + 14 >= first:
                    potential[(m, mo)] += n + 2 * pp.travel(pp.mentors[m].home, k[0])
    return {
        key
        for key, days in potential.items()
        if days > pp.mentors[key[0]].max_travel_days_per_month
    }


def chain_links(plan: Plan) -> set[tuple[str, Key, Key]]:
    """(mentor, visit, next visit) of each trip that chains visits, for a hint."""
    out = set()
    for t in plan.trips:
        for a, b in pairwise(t.regions):
            stage = next(
                v.stage
                for v in plan.visits
                if v.region == a and t.mentor in v.team and t.leaves <= v.start <= t.returns
            )
            out.add((t.mentor, (a, stage), (b, stage)))
    return out
