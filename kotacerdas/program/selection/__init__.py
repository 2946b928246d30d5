"""Choosing the regions for the smart-city programme: an exact optimisation that explains itself.

Pure (standard library + OR-Tools CP-SAT, no Django). `select` picks at most `quota`
applications maximising the total readiness score under the equity rules, and returns
one `Decision` per application with a stable reason code, or, when the rules cannot all
hold, the `Conflict`s that say which rules clash and by how much. It never raises on bad
input.

Reason codes: "selected", "must_include", "not_assessed", "excluded", "below_min_score",
"province_limit", "island_quota", "must_include_slots" (outscored only forced selections),
"below_cutoff" (with `gap`; a tie lost to a lower id has gap 0 and detail "tied_with"),
"infeasible" (no selection satisfies the rules) and "undecided" (the solver found no
selection within the time limit; status "unknown").

Statuses: "optimal", "feasible" (time limit hit; `bound` says how far it may be from the
best), "infeasible", "unknown" (time limit hit before any selection was found)."""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from kotacerdas.program.selection.conflicts import _diagnose, _obvious_conflicts
from kotacerdas.program.selection.explain import _cutoff, _explain
from kotacerdas.program.selection.model import _add_rules, _solver, _values
from kotacerdas.program.selection.problem import (
    _MAX_OBJECTIVE,
    SCALE,
    Candidate,
    Conflict,
    Decision,
    Rules,
    SelectionResult,
    _is_number,
    _prepare,
    _Problem,
    _warn,
    id_order,
)


@dataclass
class _Solved:
    status: str
    chosen: set[int]
    bound: int | None


def _solve(pb: _Problem, values: dict[int, int], seconds: float) -> _Solved:
    model = cp_model.CpModel()
    x = {i: model.new_bool_var(f"x{i}") for i in pb.eligible}
    _add_rules(model, pb, x, None)
    model.maximize(
        cp_model.LinearExpr.weighted_sum(
            [x[i] for i in pb.eligible], [values[i] for i in pb.eligible]
        )
    )
    solver = _solver(seconds)
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = {i for i in pb.eligible if solver.boolean_value(x[i])}
        status = "optimal" if code == cp_model.OPTIMAL else "feasible"
        return _Solved(status, chosen, math.floor(solver.best_objective_bound))
    if code == cp_model.INFEASIBLE:
        return _Solved("infeasible", set(), None)
    return _Solved("unknown", set(), None)


def _improve(pb: _Problem, chosen: set[int], values: dict[int, int]) -> set[int]:
    """Add and swap moves until none helps.

    A no-op on an optimal selection; after a time-limited solve it makes the selection
    swap-optimal, which is what the reasons of the kept-out applications rely on.
    """
    chosen = set(chosen)
    by_province = Counter(pb.province(j) for j in chosen)
    by_group = Counter(pb.group(j) for j in chosen)
    order = sorted(pb.eligible, key=lambda i: -values[i])
    improved = True
    while improved:
        improved = False
        for i in order:
            if i in chosen:
                continue
            full = pb.limit is not None and by_province[pb.province(i)] >= pb.limit
            out: int | None = None
            if len(chosen) >= pb.quota or full:
                for j in chosen:
                    if j in pb.forced or values[j] >= values[i]:
                        continue
                    if full and pb.province(j) != pb.province(i):
                        continue
                    g = pb.group(j)
                    if g != pb.group(i) and by_group[g] <= pb.minimums.get(g, 0):
                        continue
                    if out is None or values[j] < values[out]:
                        out = j
                if out is None:
                    continue
                chosen.discard(out)
                by_province[pb.province(out)] -= 1
                by_group[pb.group(out)] -= 1
            chosen.add(i)
            by_province[pb.province(i)] += 1
            by_group[pb.group(i)] += 1
            improved = True
    return chosen


def _greedy(pb: _Problem) -> list[int]:
    order = sorted(pb.eligible, key=lambda i: (-(pb.keys[i] or 0), id_order(pb.candidates[i].id)))
    return order[: max(pb.quota, 0)]


def _total(pb: _Problem, indices: set[int] | list[int]) -> float:
    return round(sum(float(pb.candidates[i].score or 0.0) for i in indices), 3)


def select(
    candidates: Sequence[Candidate], rules: Rules, time_limit_s: float = 10.0
) -> SelectionResult:
    """Choose at most `rules.quota` applications maximising the total score under the rules."""
    started = time.perf_counter()
    valid_limit = _is_number(time_limit_s) and math.isfinite(time_limit_s)
    time_limit_s = float(time_limit_s) if valid_limit else 10.0
    conflicts: list[Conflict] = []
    pb = _prepare(candidates, rules, conflicts)
    warnings = pb.warnings
    greedy = _greedy(pb)
    if len(pb.eligible) < pb.quota:
        _warn(warnings, "quota_exceeds_eligible")

    values, weight = _values(pb)
    if values and max(values.values()) * len(values) > _MAX_OBJECTIVE:
        conflicts.append(Conflict("candidates", {"problem": "too_many_tied_scores"}))
    if not conflicts:
        conflicts = _obvious_conflicts(pb)

    solved = _Solved("infeasible", set(), None)
    if not conflicts:
        solved = _solve(pb, values, time_limit_s)
        if solved.status == "infeasible":
            remaining = time_limit_s - (time.perf_counter() - started)
            conflicts = _diagnose(pb, remaining)
        elif solved.status == "unknown":
            _warn(warnings, "time_limit_no_solution")

    chosen: set[int] = set()
    bound: float | None = None
    explained: dict[int, Decision] = {}
    if solved.status in ("optimal", "feasible"):
        chosen = _improve(pb, solved.chosen, values)
        achieved = sum(values[i] for i in chosen)
        if solved.status == "feasible":
            # The moves in _improve may close the gap the time limit left.
            if solved.bound is not None and achieved >= solved.bound:
                solved.status = "optimal"
            else:
                _warn(warnings, "time_limit")
                if solved.bound is not None:
                    bound = round(solved.bound // weight / SCALE, 3)
        explained = _explain(pb, chosen, values)

    status = solved.status
    fallback = "undecided" if status == "unknown" else "infeasible"
    decisions: list[Decision] = []
    for i, c in enumerate(pb.candidates):
        if i in explained:
            decisions.append(explained[i])
        elif i in pb.ineligible:
            reason, detail = pb.ineligible[i]
            decisions.append(Decision(c.id, False, c.score, None, reason, None, detail))
        else:
            decisions.append(Decision(c.id, False, c.score, None, fallback))

    _, cutoff = _cutoff(pb, chosen)
    return SelectionResult(
        status=status,
        objective=_total(pb, chosen),
        bound=bound,
        decisions=decisions,
        conflicts=conflicts,
        warnings=warnings,
        cutoff=cutoff,
        solve_seconds=round(time.perf_counter() - started, 6),
        greedy_ids=[pb.candidates[i].id for i in greedy],
        greedy_objective=_total(pb, greedy),
    )


__all__ = ["Candidate", "Conflict", "Decision", "Rules", "SelectionResult", "id_order", "select"]
