"""The selection optimiser: optimal choices, true explanations, named conflicts.

Plain functions, no database. `check_result` re-derives every claim a result makes from
the candidates and rules alone, and `brute_force` finds the optimum by enumeration.
"""

import json
import random
from collections import Counter
from itertools import combinations

import pytest

from kotacerdas.program import selection
from kotacerdas.program.selection import Candidate, Conflict, Rules, SelectionResult, select

GROUP = {"1": "sumatera", "3": "jawa", "6": "kalimantan", "8": "maluku", "9": "papua"}


def cand(cid: str, province: str, score: float | None) -> Candidate:
    return Candidate(cid, province, GROUP[province[0]], score)


def eligible(c: Candidate, rules: Rules) -> bool:
    return (
        c.score is not None
        and c.id not in rules.must_exclude
        and (rules.min_score is None or c.score >= rules.min_score)
    )


def feasible(chosen: list[Candidate], rules: Rules) -> bool:
    ids = {c.id for c in chosen}
    if len(chosen) > rules.quota or not rules.must_include <= ids:
        return False
    if not all(eligible(c, rules) for c in chosen):
        return False
    provinces = Counter(c.province for c in chosen)
    if rules.max_per_province is not None and any(
        n > rules.max_per_province for n in provinces.values()
    ):
        return False
    groups = Counter(c.island_group for c in chosen)
    return all(groups[g] >= m for g, m in rules.min_per_island_group.items())


def brute_force(candidates: list[Candidate], rules: Rules) -> int | None:
    """Best total in thousandths of a point, or None when no selection obeys the rules."""
    pool = [c for c in candidates if eligible(c, rules)]
    best = None
    for size in range(min(rules.quota, len(pool)) + 1):
        for combo in combinations(pool, size):
            if feasible(list(combo), rules):
                total = sum(round((c.score or 0) * 1000) for c in combo)
                best = total if best is None else max(best, total)
    return best


def by_id(result: SelectionResult) -> dict[str, selection.Decision]:
    return {d.id: d for d in result.decisions}


def check_result(candidates: list[Candidate], rules: Rules, result: SelectionResult) -> None:
    """Every statement in the result must follow from the input."""
    assert [d.id for d in result.decisions] == [c.id for c in candidates]
    json.dumps([d.detail for d in result.decisions] + [c.detail for c in result.conflicts])
    cands = {c.id: c for c in candidates}
    decisions = by_id(result)
    chosen = [cands[d.id] for d in result.decisions if d.selected]

    if result.status == "infeasible":
        assert result.conflicts
        assert not chosen
        assert result.objective == 0
        return
    assert result.status == "optimal"
    assert not result.conflicts
    assert feasible(chosen, rules)
    assert result.objective == pytest.approx(sum(c.score or 0 for c in chosen), abs=1e-9)

    ranked = sorted(chosen, key=lambda c: (-(c.score or 0), selection.id_order(c.id)))
    assert [decisions[c.id].rank for c in ranked] == list(range(1, len(chosen) + 1))
    cutoff = min((c.score or 0 for c in chosen), default=None)
    assert result.cutoff == cutoff
    in_province = Counter(c.province for c in chosen)
    in_group = Counter(c.island_group for c in chosen)
    minimum = dict(rules.min_per_island_group)

    for d in result.decisions:
        c = cands[d.id]
        assert d.score == c.score
        assert (d.rank is not None) == d.selected
        if d.reason == "selected":
            assert d.selected and c.id not in rules.must_include
        elif d.reason == "must_include":
            assert d.selected and c.id in rules.must_include
        elif d.reason == "not_assessed":
            assert not d.selected and c.score is None
        elif d.reason == "excluded":
            assert not d.selected and c.id in rules.must_exclude
        elif d.reason == "below_min_score":
            assert not d.selected
            assert rules.min_score is not None and c.score is not None
            assert c.score < rules.min_score
        elif d.reason == "province_limit":
            assert not d.selected and eligible(c, rules)
            assert in_province[c.province] == rules.max_per_province
            assert d.detail["selected_in_province"] == rules.max_per_province
            lowest = min(x.score or 0 for x in chosen if x.province == c.province)
            assert d.detail["lowest_selected_score"] == lowest
            assert (c.score or 0) >= (cutoff or 0) or len(chosen) < rules.quota
        elif d.reason == "below_cutoff":
            assert not d.selected and eligible(c, rules)
            if cutoff is None:  # nothing selected: only a zero quota does that
                assert rules.quota == 0 and d.gap is None and d.detail["quota"] == 0
                continue
            assert c.score is not None
            assert d.gap == round(cutoff - c.score, 3) and d.gap >= 0
            assert d.detail["cutoff"] == cutoff
            if "tied_with" in d.detail:
                other = cands[str(d.detail["tied_with"])]
                assert decisions[other.id].selected and other.score == c.score == cutoff
                assert selection.id_order(other.id) < selection.id_order(c.id)
            else:
                assert c.score < cutoff
        elif d.reason == "island_quota":
            assert not d.selected and eligible(c, rules)
            assert cutoff is not None and (c.score or 0) >= cutoff
            if rules.max_per_province is not None:
                assert in_province[c.province] < rules.max_per_province
            reserved = d.detail["reserved_ids"]
            assert isinstance(reserved, list) and reserved
            for rid in reserved:
                other = cands[rid]
                assert decisions[rid].selected and rid not in rules.must_include
                assert (other.score or 0) <= (c.score or 0)
                assert other.island_group != c.island_group
                # Taking it out would drop its group below the minimum.
                assert in_group[other.island_group] == minimum[other.island_group]
                assert decisions[rid].detail["reserved_for"] == other.island_group
        elif d.reason == "must_include_slots":
            assert not d.selected and eligible(c, rules)
            for rid in d.detail["must_include_ids"]:  # type: ignore[attr-defined]
                assert rid in rules.must_include and decisions[rid].selected
                assert (cands[rid].score or 0) <= (c.score or 0)
        else:
            raise AssertionError(f"unexpected reason {d.reason}")

    # Ties go to the lower id: no feasible swap of equal scores brings a lower id in.
    for out in (c for c in candidates if not decisions[c.id].selected and eligible(c, rules)):
        for keep in chosen:
            if keep.score == out.score and selection.id_order(out.id) < selection.id_order(keep.id):
                swapped = [x for x in chosen if x.id != keep.id] + [out]
                assert not feasible(swapped, rules), (out.id, keep.id)

    pool = sorted(
        (c for c in candidates if eligible(c, rules)),
        key=lambda c: (-(c.score or 0), selection.id_order(c.id)),
    )
    greedy = pool[: max(rules.quota, 0)]
    assert result.greedy_ids == [c.id for c in greedy]
    assert result.greedy_objective == pytest.approx(sum(c.score or 0 for c in greedy), abs=1e-9)


def run(candidates: list[Candidate], rules: Rules) -> SelectionResult:
    result = select(candidates, rules)
    check_result(candidates, rules, result)
    return result


# --- choices -----------------------------------------------------------------------------


def test_without_rules_it_is_the_top_n() -> None:
    candidates = [
        cand("a", "31", 3.1),
        cand("b", "32", 4.5),
        cand("c", "33", 2.0),
        cand("d", "11", 3.9),
        cand("e", "91", 1.5),
    ]
    result = run(candidates, Rules(quota=3))
    assert result.status == "optimal"
    assert result.selected_ids == ["a", "b", "d"]
    assert result.greedy_ids == ["b", "d", "a"]
    assert result.objective == result.greedy_objective == 11.5
    assert [by_id(result)[i].rank for i in ("b", "d", "a")] == [1, 2, 3]
    assert result.cutoff == 3.1
    c, e = by_id(result)["c"], by_id(result)["e"]
    assert (c.reason, c.gap, e.reason, e.gap) == ("below_cutoff", 1.1, "below_cutoff", 1.6)
    assert result.warnings == []


def test_province_cap_changes_the_choice() -> None:
    candidates = [
        cand("a", "33", 4.9),
        cand("b", "33", 4.8),
        cand("c", "33", 4.7),
        cand("d", "32", 4.0),
        cand("e", "35", 3.0),
    ]
    result = run(candidates, Rules(quota=3, max_per_province=2))
    assert result.greedy_ids == ["a", "b", "c"]
    assert result.selected_ids == ["a", "b", "d"]
    assert result.objective == 13.7 and result.greedy_objective == 14.4
    kept_out = by_id(result)["c"]
    assert kept_out.reason == "province_limit"
    assert kept_out.detail == {
        "province": "33",
        "limit": 2,
        "selected_in_province": 2,
        "lowest_selected_score": 4.8,
    }
    assert by_id(result)["e"].reason == "below_cutoff"
    assert by_id(result)["e"].gap == 1.0


def test_province_limit_with_room_left_in_the_quota() -> None:
    candidates = [cand("a", "33", 4.0), cand("b", "33", 3.0), cand("c", "11", 2.0)]
    result = run(candidates, Rules(quota=3, max_per_province=1))
    assert result.selected_ids == ["a", "c"]
    assert by_id(result)["b"].reason == "province_limit"


def test_island_minimum_brings_in_a_lower_score() -> None:
    candidates = [
        cand("a", "33", 4.9),
        cand("b", "32", 4.8),
        cand("c", "35", 4.7),
        cand("p", "91", 2.5),
        cand("q", "94", 2.0),
    ]
    rules = Rules(quota=3, min_per_island_group={"papua": 1})
    result = run(candidates, rules)
    assert result.selected_ids == ["a", "b", "p"]
    assert result.cutoff == 2.5
    displaced = by_id(result)["c"]
    assert displaced.reason == "island_quota"
    assert displaced.detail["reserved_for"] == ["papua"]
    assert displaced.detail["reserved_ids"] == ["p"]
    assert by_id(result)["p"].detail["reserved_for"] == "papua"
    assert by_id(result)["q"].reason == "below_cutoff" and by_id(result)["q"].gap == 0.5
    # Counterfactual: without the minimum the displaced region is in.
    assert "c" in run(candidates, Rules(quota=3)).selected_ids


def test_min_score_leaves_room_unused() -> None:
    candidates = [cand("a", "33", 4.0), cand("b", "11", 2.9), cand("c", "91", 3.0)]
    result = run(candidates, Rules(quota=3, min_score=3.0))
    assert result.selected_ids == ["a", "c"]
    assert by_id(result)["b"].reason == "below_min_score"
    assert by_id(result)["b"].detail == {"min_score": 3.0}
    assert result.warnings == ["quota_exceeds_eligible"]


def test_must_include_and_must_exclude() -> None:
    candidates = [
        cand("a", "33", 4.9),
        cand("b", "32", 4.8),
        cand("c", "35", 4.7),
        cand("d", "11", 1.2),
    ]
    rules = Rules(quota=2, must_include=frozenset({"d"}), must_exclude=frozenset({"a"}))
    result = run(candidates, rules)
    assert result.selected_ids == ["b", "d"]
    assert by_id(result)["d"].reason == "must_include"
    assert by_id(result)["a"].reason == "excluded"
    out = by_id(result)["c"]
    assert out.reason == "must_include_slots"
    assert out.detail == {"must_include_ids": ["d"]}


def test_quota_above_eligible_selects_all_and_warns() -> None:
    candidates = [cand("a", "33", 4.0), cand("b", "11", None), cand("c", "91", 2.0)]
    result = run(candidates, Rules(quota=50))
    assert result.selected_ids == ["a", "c"]
    assert by_id(result)["b"].reason == "not_assessed"
    assert result.warnings == ["quota_exceeds_eligible"]


def test_quota_zero_selects_nothing() -> None:
    candidates = [cand("a", "33", 4.0), cand("b", "11", 3.0)]
    result = select(candidates, Rules(quota=0))
    assert result.status == "optimal"
    assert result.selected_ids == [] and result.cutoff is None and result.objective == 0
    assert {d.reason for d in result.decisions} == {"below_cutoff"}


def test_ties_go_to_the_lower_id_whatever_the_input_order() -> None:
    candidates = [cand(f"r{i}", f"3{i % 6 + 1}", 3.5) for i in range(8)]
    rules = Rules(quota=3)
    seen = set()
    for seed in range(5):
        shuffled = candidates[:]
        random.Random(seed).shuffle(shuffled)
        result = run(shuffled, rules)
        seen.add(tuple(result.selected_ids[i] for i in range(3)))
        assert sorted(result.selected_ids) == ["r0", "r1", "r2"]
        assert [by_id(result)[i].rank for i in ("r0", "r1", "r2")] == [1, 2, 3]
        loser = by_id(result)["r5"]
        assert (loser.reason, loser.gap, loser.detail["tied_with"]) == ("below_cutoff", 0.0, "r0")
    assert len({frozenset(s) for s in seen}) == 1


def test_numeric_ids_order_as_numbers() -> None:
    candidates = [cand("10", "33", 3.0), cand("9", "11", 3.0)]
    result = run(candidates, Rules(quota=1))
    assert result.selected_ids == ["9"]


def test_scores_closer_than_a_thousandth_stay_distinct() -> None:
    candidates = [cand("a", "33", 3.3333), cand("b", "11", 3.3334)]
    assert select(candidates, Rules(quota=1)).selected_ids == ["b"]


def test_bad_scores_are_not_selectable() -> None:
    candidates = [
        cand("a", "33", float("nan")),
        cand("b", "11", 7.5),
        cand("c", "91", 3.0),
    ]
    result = select(candidates, Rules(quota=3))
    assert result.selected_ids == ["c"]
    assert by_id(result)["a"].reason == by_id(result)["b"].reason == "not_assessed"
    assert by_id(result)["b"].detail == {"invalid_score": 7.5}
    assert by_id(result)["a"].detail == {"invalid_score": "nan"}
    assert "invalid_score" in result.warnings


# --- conflicts ---------------------------------------------------------------------------


def infeasible(candidates: list[Candidate], rules: Rules) -> list[Conflict]:
    result = run(candidates, rules)
    assert result.status == "infeasible"
    assert brute_force(candidates, rules) is None  # the conflict is real
    assert {d.reason for d in result.decisions} <= {
        "infeasible",
        "not_assessed",
        "excluded",
        "below_min_score",
    }
    return result.conflicts


SPREAD = [
    cand("j1", "33", 4.0),
    cand("j2", "33", 3.8),
    cand("j3", "32", 3.6),
    cand("s1", "11", 3.4),
    cand("s2", "12", 3.2),
    cand("p1", "91", 2.4),
    cand("p2", "91", 2.2),
    cand("m1", "81", 2.6),
]


def test_island_minimums_above_quota() -> None:
    rules = Rules(quota=3, min_per_island_group={"papua": 2, "maluku": 1, "jawa": 1})
    assert infeasible(SPREAD, rules) == [
        Conflict("min_per_island_group", {"required_total": 4, "quota": 3}, related=("quota",))
    ]


def test_island_minimum_above_eligible() -> None:
    rules = Rules(quota=5, min_per_island_group={"papua": 2}, min_score=2.3)
    (conflict,) = infeasible(SPREAD, rules)
    assert conflict.rule == "min_per_island_group"
    assert conflict.related == ("min_score",)
    assert conflict.detail == {
        "island_group": "papua",
        "required": 2,
        "eligible": 1,
        "candidates": 2,
        "assessed": 2,
        "excluded": 0,
        "below_min_score": 1,
    }


def test_island_minimum_beyond_the_province_cap() -> None:
    rules = Rules(quota=5, max_per_province=1, min_per_island_group={"papua": 2})
    (conflict,) = infeasible(SPREAD, rules)
    assert conflict.rule == "min_per_island_group"
    assert conflict.related == ("max_per_province",)
    assert conflict.detail == {
        "island_group": "papua",
        "required": 2,
        "max_per_province": 1,
        "provinces": 1,
        "reachable": 1,
    }


def test_more_must_includes_than_quota() -> None:
    rules = Rules(quota=2, must_include=frozenset({"j1", "s1", "p1"}))
    conflicts = infeasible(SPREAD, rules)
    assert Conflict("must_include", {"count": 3, "quota": 2}, ("quota",)) in conflicts


@pytest.mark.parametrize(
    ("rules", "problem", "related"),
    [
        (Rules(quota=3, must_include=frozenset({"p1"}), must_exclude=frozenset({"p1"})), "excluded", ("must_exclude",)),
        (Rules(quota=3, must_include=frozenset({"zz"})), "unknown", ()),
        (Rules(quota=3, must_include=frozenset({"p1"}), min_score=3.0), "below_min_score", ("min_score",)),
        (Rules(quota=3, must_include=frozenset({"n1"})), "not_assessed", ()),
    ],
)  # fmt: skip
def test_must_include_that_cannot_be_selected(
    rules: Rules, problem: str, related: tuple[str, ...]
) -> None:
    candidates = [*SPREAD, cand("n1", "61", None)]
    (conflict,) = infeasible(candidates, rules)
    assert conflict.rule == "must_include"
    assert conflict.detail["problem"] == problem
    assert conflict.related == related
    if problem == "below_min_score":
        assert conflict.detail["score"] == 2.4 and conflict.detail["min_score"] == 3.0


def test_must_includes_over_the_province_cap() -> None:
    rules = Rules(quota=3, max_per_province=1, must_include=frozenset({"j1", "j2"}))
    assert infeasible(SPREAD, rules) == [
        Conflict(
            "max_per_province",
            {"province": "33", "must_include": 2, "limit": 1},
            ("must_include",),
        )
    ]


def test_must_includes_leave_no_room_for_island_minimums() -> None:
    rules = Rules(
        quota=3,
        must_include=frozenset({"j1", "s1"}),
        min_per_island_group={"papua": 1, "maluku": 1},
    )
    (conflict,) = infeasible(SPREAD, rules)
    assert conflict.rule == "min_per_island_group"
    assert conflict.related == ("must_include", "quota")
    assert conflict.detail["free_slots"] == 1
    assert conflict.detail["still_required"] == 2
    assert conflict.detail["short_by_group"] == {"maluku": 1, "papua": 1}


def test_solver_names_the_rules_counting_cannot_see() -> None:
    # Province 81 holds one maluku and one papua application: a data mix-up the counting
    # checks do not model, so CP-SAT assumptions must find the clash.
    candidates = [
        Candidate("a", "81", "maluku", 3.0),
        Candidate("b", "81", "papua", 3.5),
        Candidate("c", "33", "jawa", 4.0),
    ]
    rules = Rules(quota=3, max_per_province=1, min_per_island_group={"maluku": 1, "papua": 1})
    conflicts = infeasible(candidates, rules)
    assert [(c.rule, c.detail.get("province") or c.detail.get("island_group")) for c in conflicts] == [
        ("max_per_province", "81"),
        ("min_per_island_group", "maluku"),
        ("min_per_island_group", "papua"),
    ]  # fmt: skip
    assert conflicts[0].detail == {"province": "81", "limit": 1, "eligible": 2}
    assert conflicts[0].related == ("min_per_island_group",)


def test_solver_diagnosis_includes_exclusions_when_they_starve_a_group() -> None:
    candidates = [
        Candidate("a", "81", "maluku", 3.0),
        Candidate("b", "81", "papua", 3.5),
        Candidate("c", "82", "maluku", 2.0),
    ]
    rules = Rules(
        quota=3,
        max_per_province=1,
        min_per_island_group={"maluku": 1, "papua": 1},
        must_exclude=frozenset({"c"}),
    )
    rules_named = {c.rule for c in infeasible(candidates, rules)}
    assert rules_named == {"max_per_province", "min_per_island_group", "must_exclude"}


@pytest.mark.parametrize(
    ("rules", "rule"),
    [
        (Rules(quota=-1), "quota"),
        (Rules(quota="50"), "quota"),  # type: ignore[arg-type]
        (Rules(quota=3, max_per_province=-2), "max_per_province"),
        (Rules(quota=3, min_per_island_group={"papua": -1}), "min_per_island_group"),
        (Rules(quota=3, min_score=float("nan")), "min_score"),
    ],
)
def test_bad_rules_are_conflicts_not_crashes(rules: Rules, rule: str) -> None:
    result = select(SPREAD, rules)
    assert result.status == "infeasible"
    assert [c.rule for c in result.conflicts] == [rule]
    json.dumps([c.detail for c in result.conflicts])


def test_duplicate_ids_are_a_conflict() -> None:
    result = select([*SPREAD, cand("j1", "31", 2.0)], Rules(quota=3))
    assert result.status == "infeasible"
    assert result.conflicts == [Conflict("candidates", {"duplicate_ids": ["j1"]})]


# --- solver edges ------------------------------------------------------------------------


def test_a_time_limited_answer_is_repaired_and_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend CP-SAT stopped early with a poor selection and an unreached bound.
    candidates = [*SPREAD, cand("k1", "61", 3.9), cand("k2", "62", 1.1)]
    rules = Rules(quota=4, max_per_province=1, min_per_island_group={"papua": 1})
    poor = {i for i, c in enumerate(candidates) if c.id in {"j1", "k2", "p2", "s2"}}
    monkeypatch.setattr(
        selection, "_solve", lambda pb, values, seconds: selection._Solved("feasible", poor, 10**15)
    )
    result = select(candidates, rules)
    assert result.status == "feasible" and "time_limit" in result.warnings
    assert result.bound is not None and result.bound >= result.objective
    # Add/swap moves improve on the poor start; they need not reach the optimum in general.
    best = brute_force(candidates, rules)
    assert best is not None
    assert (
        round(sum(c.score or 0 for c in candidates if c.id in {"j1", "k2", "p2", "s2"}) * 1000)
        < round(result.objective * 1000)
        <= best
    )
    check_result(candidates, rules, _as_optimal(result))


def _as_optimal(result: SelectionResult) -> SelectionResult:
    return SelectionResult(**{**result.__dict__, "status": "optimal", "bound": None})


def test_no_answer_in_time_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        selection, "_solve", lambda pb, values, seconds: selection._Solved("unknown", set(), None)
    )
    result = select(SPREAD, Rules(quota=3))
    assert result.status == "unknown"
    assert {d.reason for d in result.decisions} == {"undecided"}
    assert result.warnings == ["time_limit_no_solution"]


# --- against brute force -----------------------------------------------------------------


def random_instance(rng: random.Random) -> tuple[list[Candidate], Rules]:
    provinces = rng.sample(["11", "12", "31", "33", "61", "81", "91", "94"], rng.randint(2, 6))
    candidates = []
    for n in range(rng.randint(1, 12)):
        # One decimal so ties are common; some applications are not assessed.
        score = None if rng.random() < 0.1 else rng.randint(10, 50) / 10
        candidates.append(cand(f"{n:02d}", rng.choice(provinces), score))
    ids = [c.id for c in candidates]
    groups = sorted({c.island_group for c in candidates})
    rules = Rules(
        quota=rng.randint(0, 6),
        max_per_province=rng.choice([None, None, 1, 2, 3]),
        min_per_island_group={
            g: rng.randint(0, 2) for g in rng.sample(groups, rng.randint(0, len(groups)))
        },
        must_include=frozenset(rng.sample(ids, rng.choice([0, 0, 0, 1, 2]) % (len(ids) + 1))),
        must_exclude=frozenset(rng.sample(ids, rng.choice([0, 0, 1, 2]) % (len(ids) + 1))),
        min_score=rng.choice([None, None, 2.0, 3.0]),
    )
    return candidates, rules


def test_optimal_against_brute_force() -> None:
    rng = random.Random(20230)
    outcomes: Counter[str] = Counter()
    for _ in range(400):
        candidates, rules = random_instance(rng)
        result = run(candidates, rules)
        best = brute_force(candidates, rules)
        if best is None:
            assert result.status == "infeasible", (candidates, rules)
        else:
            assert result.status == "optimal", (candidates, rules, result.conflicts)
            assert round(result.objective * 1000) == best, (candidates, rules)
        outcomes[result.status] += 1
        outcomes.update(d.reason for d in result.decisions)
    # The instances must exercise both outcomes and the interesting reasons.
    for seen in ("optimal", "infeasible", "province_limit", "island_quota", "below_cutoff"):
        assert outcomes[seen] >= 5, outcomes


def test_national_scale_is_fast() -> None:
    rng = random.Random(7)
    provinces = [f"{d}{n}" for d in "13689" for n in range(1, 8)]
    candidates = [
        cand(f"{n:03d}", rng.choice(provinces), round(min(5, max(1, rng.gauss(3.2, 0.6))), 3))
        for n in range(514)
    ]
    rules = Rules(quota=50, max_per_province=3, min_per_island_group={g: 2 for g in GROUP.values()})
    result = run(candidates, rules)
    assert result.status == "optimal"
    assert result.solve_seconds < 1.0
