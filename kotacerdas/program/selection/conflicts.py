"""Rules that cannot all hold: the cheap checks first, then CP-SAT's assumptions core."""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from ortools.sat.python import cp_model

from kotacerdas.program.selection.model import _add_rules, _solver
from kotacerdas.program.selection.problem import Conflict, _Problem, id_order


def _obvious_conflicts(pb: _Problem) -> list[Conflict]:
    """Infeasibilities that simple counting proves; each check is a necessary condition."""
    out: list[Conflict] = []
    cands, quota, limit = pb.candidates, pb.quota, pb.limit
    index_by_id = {c.id: i for i, c in enumerate(cands)}

    for cid in sorted(pb.must_include, key=id_order):
        i = index_by_id.get(cid)
        if i is None:
            out.append(Conflict("must_include", {"id": cid, "problem": "unknown"}))
            continue
        if i in pb.ineligible:
            problem, _ = pb.ineligible[i]
            detail: dict[str, object] = {"id": cid, "problem": problem}
            related: tuple[str, ...] = ()
            if problem == "excluded":
                related = ("must_exclude",)
            elif problem == "below_min_score":
                detail |= {"score": cands[i].score, "min_score": pb.min_score}
                related = ("min_score",)
            out.append(Conflict("must_include", detail, related))

    n_forced = len(pb.must_include)
    if n_forced > quota:
        out.append(Conflict("must_include", {"count": n_forced, "quota": quota}, ("quota",)))

    if limit is not None:
        forced_by_province = Counter(pb.province(i) for i in pb.forced)
        for province, n in sorted(forced_by_province.items(), key=lambda kv: str(kv[0])):
            if n > limit:
                out.append(
                    Conflict(
                        "max_per_province",
                        {"province": province, "must_include": n, "limit": limit},
                        ("must_include",),
                    )
                )

    required_total = sum(pb.minimums.values())
    if required_total > quota:
        out.append(
            Conflict(
                "min_per_island_group",
                {"required_total": required_total, "quota": quota},
                ("quota",),
            )
        )

    assessed = Counter(pb.group(i) for i, k in enumerate(pb.keys) if k is not None)
    eligible = Counter(pb.group(i) for i in pb.eligible)
    per_province: dict[str, Counter[str]] = defaultdict(Counter)
    for i in pb.eligible:
        per_province[pb.group(i)][pb.province(i)] += 1
    for group, required in sorted(pb.minimums.items(), key=lambda kv: str(kv[0])):
        if eligible[group] < required:
            reasons = Counter(pb.ineligible[i][0] for i in pb.ineligible if pb.group(i) == group)
            out.append(
                Conflict(
                    "min_per_island_group",
                    {
                        "island_group": group,
                        "required": required,
                        "eligible": eligible[group],
                        "candidates": sum(1 for c in cands if c.island_group == group),
                        "assessed": assessed[group],
                        "excluded": reasons["excluded"],
                        "below_min_score": reasons["below_min_score"],
                    },
                    tuple(
                        rule
                        for rule, code in (
                            ("must_exclude", "excluded"),
                            ("min_score", "below_min_score"),
                        )
                        if reasons[code]
                    ),
                )
            )
        elif limit is not None:
            provinces = per_province[group]
            reachable = sum(min(limit, n) for n in provinces.values())
            if reachable < required:
                out.append(
                    Conflict(
                        "min_per_island_group",
                        {
                            "island_group": group,
                            "required": required,
                            "max_per_province": limit,
                            "provinces": len(provinces),
                            "reachable": reachable,
                        },
                        ("max_per_province",),
                    )
                )

    # Must-includes use up slots; the island groups still short must fit in the rest.
    if pb.forced and required_total <= quota and n_forced <= quota:
        forced_by_group = Counter(pb.group(i) for i in pb.forced)
        short = {
            g: m - forced_by_group[g]
            for g, m in sorted(pb.minimums.items(), key=lambda kv: str(kv[0]))
            if m > forced_by_group[g]
        }
        free = quota - n_forced
        if sum(short.values()) > free:
            out.append(
                Conflict(
                    "min_per_island_group",
                    {
                        "quota": quota,
                        "must_include": n_forced,
                        "free_slots": free,
                        "still_required": sum(short.values()),
                        "short_by_group": short,
                    },
                    ("must_include", "quota"),
                )
            )
    return out


def _diagnose(pb: _Problem, seconds: float) -> list[Conflict]:
    """Name a minimal set of rule groups that cannot hold together (CP-SAT assumptions)."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    assessed = [i for i, k in enumerate(pb.keys) if k is not None]
    x = {i: model.new_bool_var(f"x{i}") for i in assessed}
    literal: dict[tuple[str, str], cp_model.IntVar] = {}
    _add_rules(model, pb, x, literal)
    # Eligibility rules are switchable too: an exclusion can be what starves a group.
    for i in assessed:
        reason = pb.ineligible.get(i, ("", {}))[0]
        if reason == "excluded":
            rule = "must_exclude"
        elif reason == "below_min_score":
            rule = "min_score"
        else:
            continue
        if (rule, "") not in literal:
            literal[(rule, "")] = model.new_bool_var(rule)
        model.add(x[i] == 0).only_enforce_if(literal[(rule, "")])

    by_index = {var.index: key for key, var in literal.items()}
    core = list(literal)

    def infeasible(keys: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
        model.clear_assumptions()
        model.add_assumptions([literal[k] for k in keys])
        remaining = seconds - (time.perf_counter() - started)
        solver = _solver(remaining)
        if solver.solve(model) != cp_model.INFEASIBLE:
            return None
        found = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
        return [k for k in keys if k in found] or keys

    first = infeasible(core)
    if first is None:
        return [Conflict("unknown", {"problem": "no conflicting rules found"})]
    core = first
    # Deletion filter: drop every rule group the conflict does not need.
    for key in list(core):
        if key not in core or time.perf_counter() - started > seconds:
            continue
        smaller = infeasible([k for k in core if k != key])
        if smaller is not None:
            core = smaller
    return [_conflict_for(pb, key, core) for key in sorted(core)]


def _conflict_for(pb: _Problem, key: tuple[str, str], core: list[tuple[str, str]]) -> Conflict:
    rule, name = key
    related = tuple(sorted({r for r, _ in core} - {rule}))
    detail: dict[str, object]
    if rule == "quota":
        detail = {"quota": pb.quota}
    elif rule == "max_per_province":
        eligible = sum(1 for i in pb.eligible if pb.province(i) == name)
        detail = {"province": name, "limit": pb.limit, "eligible": eligible}
    elif rule == "min_per_island_group":
        eligible = sum(1 for i in pb.eligible if pb.group(i) == name)
        detail = {"island_group": name, "required": pb.minimums[name], "eligible": eligible}
    elif rule == "must_include":
        c = next(c for c in pb.candidates if str(c.id) == name)
        detail = {"id": c.id, "province": c.province, "island_group": c.island_group}
    elif rule == "must_exclude":
        ids = [pb.candidates[i].id for i, r in pb.ineligible.items() if r[0] == "excluded"]
        detail = {"ids": sorted(ids, key=id_order)}
    else:
        below = sum(1 for r in pb.ineligible.values() if r[0] == "below_min_score")
        detail = {"min_score": pb.min_score, "below": below}
    return Conflict(rule, detail, related)
