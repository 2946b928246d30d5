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
best), "infeasible", "unknown" (time limit hit before any selection was found).
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ortools.sat.python import cp_model

# Scores go to CP-SAT as integers. A micro-point scale keeps distinct real scores distinct
# (averages of assessors like 3.3333...) while every sum stays far inside int64.
SCALE = 1_000_000
SCORE_MIN = 1.0
SCORE_MAX = 5.0
_SCORE_TOLERANCE = 1e-9
# Headroom for CP-SAT, which rejects objectives whose bounds may overflow int64.
_MAX_OBJECTIVE = 2**60


@dataclass(frozen=True)
class Candidate:
    id: str  # application id
    province: str  # province code, e.g. "33"
    island_group: str  # e.g. "jawa", "sumatera", "papua"
    score: float | None  # 1-5 weighted score; None = not assessed -> never selectable


@dataclass(frozen=True)
class Rules:
    quota: int
    max_per_province: int | None = None
    min_per_island_group: Mapping[str, int] = field(default_factory=dict)
    must_include: frozenset[str] = frozenset()
    must_exclude: frozenset[str] = frozenset()
    min_score: float | None = None


@dataclass(frozen=True)
class Decision:
    id: str
    selected: bool
    score: float | None
    rank: int | None  # 1-based among the selected, by score then id
    reason: str
    gap: float | None = None  # "below_cutoff": cutoff - score, >= 0, 3 decimals
    detail: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Conflict:
    rule: str
    detail: Mapping[str, object]
    related: tuple[str, ...] = ()  # the other rules this one clashes with


@dataclass(frozen=True)
class SelectionResult:
    status: str
    objective: float
    bound: float | None
    decisions: list[Decision]
    conflicts: list[Conflict]
    warnings: list[str]
    cutoff: float | None
    solve_seconds: float
    greedy_ids: list[str]
    greedy_objective: float

    @property
    def selected_ids(self) -> list[str]:
        return [d.id for d in self.decisions if d.selected]


# --- preparation -------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def id_order(value: object) -> tuple[int, int, str]:
    """How ids order among equal scores: numbers ("9" before "10"), then text."""
    text = str(value)
    if text.isdigit():
        return (0, int(text), text)
    return (1, 0, text)


def _plain(value: object) -> object:
    """A JSON-safe echo of a value the caller gave (details are stored as JSON)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return repr(value)


def _key(score: object) -> int | None:
    """The integer the model sees, or None when the score cannot be used."""
    if not _is_number(score):
        return None
    value = float(score)  # type: ignore[arg-type]
    if not math.isfinite(value):
        return None
    if not SCORE_MIN - _SCORE_TOLERANCE <= value <= SCORE_MAX + _SCORE_TOLERANCE:
        return None
    return round(value * SCALE)


@dataclass
class _Problem:
    candidates: list[Candidate]
    keys: list[int | None]
    eligible: list[int]  # indices, sorted by id so the model never depends on input order
    ineligible: dict[int, tuple[str, dict[str, object]]]
    forced: set[int]
    quota: int
    limit: int | None
    minimums: dict[str, int]
    min_score: float | None
    must_include: frozenset[str]
    must_exclude: frozenset[str]
    warnings: list[str]

    def province(self, i: int) -> str:
        return self.candidates[i].province

    def group(self, i: int) -> str:
        return self.candidates[i].island_group


def _warn(warnings: list[str], code: str) -> None:
    if code not in warnings:
        warnings.append(code)


def _validate_rules(rules: Rules, conflicts: list[Conflict]) -> None:
    if not _is_int(rules.quota):
        conflicts.append(
            Conflict("quota", {"quota": _plain(rules.quota), "problem": "not_integer"})
        )
    elif rules.quota < 0:
        conflicts.append(Conflict("quota", {"quota": rules.quota, "problem": "negative"}))
    limit = rules.max_per_province
    if limit is not None and (not _is_int(limit) or limit < 0):
        conflicts.append(
            Conflict("max_per_province", {"limit": _plain(limit), "problem": "not_a_count"})
        )
    for group, required in sorted(dict(rules.min_per_island_group).items(), key=str):
        if not _is_int(required) or required < 0:
            conflicts.append(
                Conflict(
                    "min_per_island_group",
                    {"island_group": group, "required": _plain(required), "problem": "not_a_count"},
                )
            )
    min_score = rules.min_score
    if min_score is not None and (not _is_number(min_score) or not math.isfinite(min_score)):
        conflicts.append(
            Conflict("min_score", {"min_score": _plain(min_score), "problem": "not_finite"})
        )


def _prepare(candidates: Sequence[Candidate], rules: Rules, conflicts: list[Conflict]) -> _Problem:
    cands = list(candidates)
    warnings: list[str] = []
    _validate_rules(rules, conflicts)
    quota = rules.quota if _is_int(rules.quota) else 0
    limit = rules.max_per_province
    if limit is not None and (not _is_int(limit) or limit < 0):
        limit = None
    minimums = {g: m for g, m in dict(rules.min_per_island_group).items() if _is_int(m) and m > 0}
    min_score = rules.min_score
    if min_score is not None:
        valid = _is_number(min_score) and math.isfinite(min_score)
        min_score = float(min_score) if valid else None
    must_in = frozenset(rules.must_include)
    must_out = frozenset(rules.must_exclude)

    counts = Counter(c.id for c in cands)
    duplicates = sorted((i for i, n in counts.items() if n > 1), key=id_order)
    if duplicates:
        conflicts.append(Conflict("candidates", {"duplicate_ids": duplicates}))
    if must_out - counts.keys():
        _warn(warnings, "must_exclude_unknown")

    keys = [_key(c.score) for c in cands]
    eligible: list[int] = []
    ineligible: dict[int, tuple[str, dict[str, object]]] = {}
    for i, c in enumerate(cands):
        if keys[i] is None:
            detail: dict[str, object] = {}
            if c.score is not None:
                detail = {"invalid_score": _plain(c.score)}
                _warn(warnings, "invalid_score")
            ineligible[i] = ("not_assessed", detail)
        elif c.id in must_out:
            ineligible[i] = ("excluded", {})
        elif min_score is not None and float(c.score) < min_score:  # type: ignore[arg-type]
            ineligible[i] = ("below_min_score", {"min_score": min_score})
        else:
            eligible.append(i)
    eligible.sort(key=lambda i: (id_order(cands[i].id), i))
    forced = {i for i in eligible if cands[i].id in must_in}
    return _Problem(
        candidates=cands,
        keys=keys,
        eligible=eligible,
        ineligible=ineligible,
        forced=forced,
        quota=quota,
        limit=limit,
        minimums=minimums,
        min_score=min_score,
        must_include=must_in,
        must_exclude=must_out,
        warnings=warnings,
    )


# --- cheap conflict checks -----------------------------------------------------------------


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


# --- the model ---------------------------------------------------------------------------


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


@dataclass
class _Solved:
    status: str
    chosen: set[int]
    bound: int | None


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


# --- infeasibility diagnosis ---------------------------------------------------------------


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


# --- explanations ------------------------------------------------------------------------


def _cutoff(pb: _Problem, chosen: set[int]) -> tuple[int | None, float | None]:
    """The lowest selected score, as the model's integer and as given."""
    lowest = min(
        chosen, key=lambda j: (pb.keys[j] or 0, id_order(pb.candidates[j].id)), default=None
    )
    if lowest is None:
        return None, None
    return pb.keys[lowest], pb.candidates[lowest].score


def _explain(pb: _Problem, chosen: set[int], values: dict[int, int]) -> dict[int, Decision]:
    """A reason for every eligible application, relying only on `chosen` being swap-optimal."""
    cands = pb.candidates
    by_province = Counter(pb.province(j) for j in chosen)
    by_group = Counter(pb.group(j) for j in chosen)
    cut, cutoff = _cutoff(pb, chosen)
    ranked = sorted(chosen, key=lambda j: (-(pb.keys[j] or 0), id_order(cands[j].id)))
    rank = {j: n for n, j in enumerate(ranked, start=1)}
    reserved: dict[int, str] = {}  # selected only thanks to its group's minimum
    out: dict[int, Decision] = {}

    def decide(i: int, reason: str, gap: float | None = None, **detail: object) -> None:
        out[i] = Decision(cands[i].id, False, cands[i].score, None, reason, gap, detail)

    for i in pb.eligible:
        if i in chosen:
            continue
        key = pb.keys[i] or 0
        province, group = pb.province(i), pb.group(i)
        province_full = pb.limit is not None and by_province[province] >= pb.limit
        if cut is None and not province_full:
            # Nothing selected and not for lack of room in its province: quota 0.
            decide(i, "below_cutoff", None, cutoff=None, quota=pb.quota)
            continue
        if province_full and (cut is None or key >= cut or len(chosen) < pb.quota):
            lowest = _cutoff(pb, {j for j in chosen if pb.province(j) == province})[1]
            decide(
                i,
                "province_limit",
                province=province,
                limit=pb.limit,
                selected_in_province=by_province[province],
                lowest_selected_score=lowest,
            )
            continue
        assert cut is not None
        if key < cut:
            decide(i, "below_cutoff", round((cut - key) / SCALE, 3), cutoff=cutoff)
            continue
        # It outscores someone selected (or ties the cut-off): find what keeps that one in.
        # Swap-optimality means every strictly lower selection is forced or holds the last
        # slot of its island group's minimum.
        held = [j for j in chosen if (pb.keys[j] or 0) < key]
        if not held:
            held = [j for j in chosen if pb.keys[j] == key]
            swappable = [
                j
                for j in held
                if j not in pb.forced
                and (
                    pb.group(j) == group or by_group[pb.group(j)] > pb.minimums.get(pb.group(j), 0)
                )
            ]
            if swappable:  # a plain tie at the cut-off, won by a lower id
                tied = min(swappable, key=lambda j: id_order(cands[j].id))
                decide(i, "below_cutoff", 0.0, cutoff=cutoff, tied_with=cands[tied].id)
                continue
        by_island = [j for j in held if j not in pb.forced]
        if by_island:
            by_island.sort(key=lambda j: (pb.keys[j] or 0, id_order(cands[j].id)))
            for j in by_island:
                reserved[j] = pb.group(j)
            decide(
                i,
                "island_quota",
                province=province,
                island_group=group,
                reserved_for=sorted({pb.group(j) for j in by_island}),
                reserved_ids=[cands[j].id for j in by_island],
            )
        else:
            decide(
                i,
                "must_include_slots",
                must_include_ids=sorted((cands[j].id for j in held), key=id_order),
            )

    for j in chosen:
        c = cands[j]
        detail: dict[str, object] = {"province": c.province, "island_group": c.island_group}
        if j in reserved:
            detail["reserved_for"] = reserved[j]
        reason = "must_include" if j in pb.forced else "selected"
        out[j] = Decision(c.id, True, c.score, rank[j], reason, None, detail)
    return out


# --- entry point -------------------------------------------------------------------------


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
