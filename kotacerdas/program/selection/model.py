"""The CP-SAT model: each candidate's value, the rules as constraints, the solver's settings."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from kotacerdas.program.selection.problem import _Problem


def _values(pb: _Problem) -> tuple[dict[int, int], int]:
    """Objective coefficients: weight * score + a tie bonus favouring lower ids.

    The bonus only orders applications with equal scores (rank from the top within each
    equal-score class), and the weight exceeds any total bonus, so the score total is
    maximised first and exactly.
    """
    classes: dict[int, list[int]] = defaultdict(list)
    for i in pb.eligible:  # already sorted by id
        classes[pb.keys[i] or 0].append(i)
    bonus: dict[int, int] = {}
    for members in classes.values():
        for position, i in enumerate(members):
            bonus[i] = len(members) - position
    weight = sum(bonus.values()) + 1
    return {i: weight * (pb.keys[i] or 0) + bonus[i] for i in pb.eligible}, weight


def _add_rules(
    model: cp_model.CpModel,
    pb: _Problem,
    x: dict[int, cp_model.IntVar],
    literal: dict[tuple[str, str], cp_model.IntVar] | None,
) -> None:
    """The rules as constraints; with `literal`, each rule group is switchable for diagnosis."""

    def add(constraint: cp_model.Constraint, rule: str, key: str) -> None:
        if literal is not None:
            if (rule, key) not in literal:
                literal[(rule, key)] = model.new_bool_var(f"{rule}:{key}")
            constraint.only_enforce_if(literal[(rule, key)])

    add(model.add(cp_model.LinearExpr.sum(list(x.values())) <= pb.quota), "quota", "")
    if pb.limit is not None:
        by_province: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for i, var in x.items():
            by_province[pb.province(i)].append(var)
        for province, variables in sorted(by_province.items(), key=lambda kv: str(kv[0])):
            if len(variables) > pb.limit:
                add(
                    model.add(cp_model.LinearExpr.sum(variables) <= pb.limit),
                    "max_per_province",
                    province,
                )
    for group, required in sorted(pb.minimums.items(), key=lambda kv: str(kv[0])):
        members = [var for i, var in x.items() if pb.group(i) == group]
        add(model.add(cp_model.LinearExpr.sum(members) >= required), "min_per_island_group", group)
    for i, var in x.items():
        if pb.candidates[i].id in pb.must_include:
            add(model.add(var == 1), "must_include", str(pb.candidates[i].id))


def _solver(seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    # One worker: the search, and so the chosen optimum among equals, is reproducible.
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = max(seconds, 0.01)
    return solver
