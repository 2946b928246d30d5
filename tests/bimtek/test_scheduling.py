"""The guidance schedule solver: pure tests on small problems (no database)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from itertools import product

import pytest

from kotacerdas.bimtek.scheduling import (
    FEASIBLE,
    INCOMPLETE,
    INFEASIBLE,
    INVALID,
    OPTIMAL,
    Mentor,
    PlacedVisit,
    Problem,
    Region,
    Session,
    Stage,
    Visit,
    check_plan,
    make_plan,
    place_sessions,
    score,
    solve,
    visit_days,
    working_starts,
)
from kotacerdas.bimtek.scheduling.prepare import prepare

START = date(2027, 3, 1)  # a Monday
HOME = "31.71"


def weekends(start: date, end: date) -> frozenset[date]:
    days = (start + timedelta(days=i) for i in range((end - start).days + 1))
    return frozenset(d for d in days if d.weekday() >= 5)


def travel_for(codes: list[str], home_days: int = 1, hop: int = 1, far: int = 2) -> dict:
    """`home_days` from a home to any region, `hop` inside a province, `far` between."""
    out = {}
    for a in codes:
        for b in codes:
            if a == b:
                days = 0
            elif a == HOME or b == HOME:
                days = home_days
            elif a[:2] == b[:2]:
                days = hop
            else:
                days = far
            out[(a, b)] = days
    return out


def sessions(code: str, stage: int, n: int = 3, minutes: int = 90) -> tuple[Session, ...]:
    first = Session(f"{code}-{stage}-p", 60, plenary=True)
    return (first, *(Session(f"{code}-{stage}-{i}", minutes) for i in range(n)))


def problem(
    regions: list[str],
    mentors: int = 2,
    stages: int = 2,
    weeks: int = 10,
    team_size: int = 1,
    home_days: int = 1,
    hop: int = 1,
    dims: dict[str, frozenset[str]] | None = None,
    expertise: dict[str, frozenset[str]] | None = None,
    seconds: float = 3.0,
) -> Problem:
    end = START + timedelta(weeks=weeks) - timedelta(days=3)
    rs = tuple(Region(c, c[:2], (dims or {}).get(c, frozenset())) for c in regions)
    ms = tuple(
        Mentor(f"m{i}", HOME, (expertise or {}).get(f"m{i}", frozenset())) for i in range(mentors)
    )
    return Problem(
        start=START,
        end=end,
        stages=tuple(Stage(n, 2, 7, 14) for n in range(1, stages + 1)),
        regions=rs,
        mentors=ms,
        visits=tuple(Visit(c, n, sessions(c, n)) for c in regions for n in range(1, stages + 1)),
        non_working=weekends(START - timedelta(days=30), end + timedelta(days=30)),
        travel=travel_for([*regions, HOME], home_days, hop),
        team_size=team_size,
        time_limit_s=seconds,
        workers=1,
    )


def random_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    provinces = ["32", "33", "73"]
    regions = sorted({f"{rng.choice(provinces)}.{rng.randint(1, 20):02d}" for _ in range(5)})
    dims = {c: frozenset(rng.sample(["a", "b", "c"], rng.choice([0, 1]))) for c in regions}
    mentors = rng.randint(2, 4)
    expertise = {f"m{i}": frozenset(rng.sample(["a", "b", "c"], 2)) for i in range(mentors)}
    p = problem(
        regions,
        mentors=mentors,
        stages=rng.choice([2, 3]),
        weeks=rng.choice([8, 12]),
        team_size=rng.choice([1, 1, 2]),
        home_days=rng.choice([1, 2]),
        hop=rng.choice([0, 1]),
        dims=dims,
        expertise=expertise,
        seconds=2.0,
    )
    holiday = START + timedelta(days=rng.randint(0, 30))
    off = frozenset(START + timedelta(days=rng.randint(0, 40) + i) for i in range(5))
    ms = tuple(
        replace(m, unavailable=off, max_travel_days_per_month=rng.choice([8, 12])) if i == 0 else m
        for i, m in enumerate(p.mentors)
    )
    return replace(p, mentors=ms, non_working=p.non_working | {holiday})


def _ok(pb: Problem, plan) -> None:  # type: ignore[no-untyped-def]
    assert check_plan(pb, plan) == []


@pytest.mark.parametrize("seed", range(8))
def test_both_plans_obey_every_rule_on_random_problems(seed: int) -> None:
    pb = random_problem(seed)
    result = solve(pb)
    assert result.status in (OPTIMAL, FEASIBLE, INCOMPLETE, INFEASIBLE)
    _ok(pb, result.plan)
    _ok(pb, result.greedy)
    assert len(result.plan.visits) >= len(result.greedy.visits)
    assert len(result.plan.visits) + len(result.plan.unplaced) == len(pb.visits)


def test_chaining_same_province_visits_saves_travel() -> None:
    pb = problem(["33.01", "33.02"], mentors=1, stages=2, home_days=2, hop=0)
    result = solve(pb)
    assert result.status in (OPTIMAL, FEASIBLE)
    _ok(pb, result.plan)
    assert result.plan.figures.travel_days < result.greedy.figures.travel_days
    assert any(len(t.regions) == 2 for t in result.plan.trips)
    assert result.plan.figures.trips < result.greedy.figures.trips


def _fix(pb: Problem, plan, stages: set[int]) -> Problem:  # type: ignore[no-untyped-def]
    placed = {(v.region, v.stage): v for v in plan.visits}
    visits = tuple(
        replace(v, fixed_start=placed[v.key].start, fixed_team=placed[v.key].team)
        if v.stage in stages and v.key in placed
        else v
        for v in pb.visits
    )
    teams = {v.region: v.team for v in plan.visits}
    return replace(pb, visits=visits, current_team=teams)


def test_fixed_visits_stay_fixed_on_resolve() -> None:
    pb = problem(["32.01", "33.01", "33.02"], mentors=2, stages=3)
    first = solve(pb)
    assert first.status in (OPTIMAL, FEASIBLE)
    again = _fix(pb, first.plan, {1})
    second = solve(again)
    _ok(again, second.plan)
    before = {(v.region, v.stage): v for v in first.plan.visits}
    after = {(v.region, v.stage): v for v in second.plan.visits}
    for key, v in before.items():
        if key[1] == 1:
            assert after[key].start == v.start and after[key].team == v.team
    # Teams are kept where nothing forces a change.
    assert {v.region: v.team for v in second.plan.visits} == {
        v.region: v.team for v in first.plan.visits
    }


def test_unavailable_week_moves_unheld_visits_and_keeps_fixed_ones() -> None:
    pb = problem(["32.01", "33.01"], mentors=2, stages=3)
    first = solve(pb)
    assert first.status in (OPTIMAL, FEASIBLE)
    stage2 = next(v for v in first.plan.visits if v.stage == 2)
    mentor = stage2.team[0]
    week = frozenset(stage2.start + timedelta(days=i) for i in range(-2, 5))
    again = _fix(pb, first.plan, {1})
    again = replace(
        again,
        mentors=tuple(replace(m, unavailable=week) if m.id == mentor else m for m in pb.mentors),
    )
    second = solve(again)
    assert second.status in (OPTIMAL, FEASIBLE)
    _ok(again, second.plan)
    for v in second.plan.visits:
        if mentor in v.team and v.stage > 1:
            days = {v.start + timedelta(days=i) for i in range((v.end - v.start).days + 1)}
            assert not days & week
    held = {(v.region, v.start, v.team) for v in first.plan.visits if v.stage == 1}
    assert held <= {(v.region, v.start, v.team) for v in second.plan.visits}


def test_impossible_unavailability_names_the_short_month() -> None:
    pb = problem(["32.01"], mentors=1, stages=2)
    held = replace(pb.visits[0], fixed_start=START, fixed_team=("m0",))
    # Stage 2 must start 7-14 days after 1 March: the mentor is away all March.
    march = frozenset(date(2027, 3, d) for d in range(3, 32))
    pb = replace(
        pb,
        visits=(held, pb.visits[1]),
        mentors=(replace(pb.mentors[0], unavailable=march),),
    )
    result = solve(pb)
    assert result.status in (INFEASIBLE, INCOMPLETE)
    assert [(u.region, u.stage) for u in result.plan.unplaced] == [("32.01", 2)]
    short = [s for s in result.shortages if s.resource == "mentor_days"]
    assert short and short[0].month == "2027-03"
    assert short[0].needed > short[0].available
    _ok(pb, result.plan)


def test_missing_expertise_is_a_shortage_of_that_dimension() -> None:
    pb = problem(
        ["32.01", "33.01"],
        mentors=2,
        dims={"32.01": frozenset({"economy"}), "33.01": frozenset({"living"})},
        expertise={"m0": frozenset({"living"}), "m1": frozenset({"living", "society"})},
    )
    result = solve(pb)
    assert result.status == INFEASIBLE
    assert {u.reason for u in result.plan.unplaced} == {"no_expertise"}
    assert {u.region for u in result.plan.unplaced} == {"32.01"}
    (short,) = [s for s in result.shortages if s.resource == "expertise"]
    assert short.dimension == "economy" and short.available == 0
    _ok(pb, result.plan)
    for v in result.plan.visits:
        assert set(v.team) <= {"m0", "m1"}


def test_window_too_short_for_the_stages() -> None:
    pb = problem(["32.01"], mentors=1, stages=4, weeks=3)
    result = solve(pb)
    assert result.status == INFEASIBLE
    assert any(u.reason == "no_window" for u in result.plan.unplaced)
    assert any(s.resource == "window" for s in result.shortages)
    _ok(pb, result.plan)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            lambda p: replace(p, travel={k: v for k, v in p.travel.items() if HOME not in k}),
            "travel_missing",
        ),
        (lambda p: replace(p, stages=p.stages[:1]), "stage_missing"),
        (lambda p: replace(p, team_size=5), "team_size_exceeds_mentors"),
        (lambda p: replace(p, end=p.start - timedelta(days=1)), "window_reversed"),
        (
            lambda p: replace(
                p,
                visits=(
                    replace(
                        p.visits[0],
                        fixed_start=START,
                        sessions=(Session("x", 60, fixed_day=START + timedelta(days=20)),),
                    ),
                    *p.visits[1:],
                ),
            ),
            "fixed_session_outside_visit",
        ),
        (lambda p: replace(p, visits=(*p.visits, p.visits[0])), "duplicate_visit"),
        (
            lambda p: replace(
                p, visits=(replace(p.visits[0], fixed_team=("nobody",)), *p.visits[1:])
            ),
            "unknown_mentor",
        ),
    ],
)
def test_invalid_input_is_reported_not_raised(change, code) -> None:  # type: ignore[no-untyped-def]
    pb = change(problem(["32.01", "33.01"], mentors=2))
    result = solve(pb)
    assert result.status == INVALID
    assert code in result.warnings
    assert result.plan.visits == ()
    assert {u.reason for u in result.plan.unplaced} <= {"invalid"}


def test_sessions_plenary_first_fixed_kept_all_inside() -> None:
    day = START + timedelta(days=1)
    items = (
        Session("a", 120),
        Session("b", 180, fixed_day=day, fixed_start_minute=13 * 60),
        Session("plenary", 90, plenary=True),
        Session("c", 240),
        Session("d", 200),
        Session("e", 60, fixed_day=START),
    )
    pb = problem(["32.01"], mentors=1, stages=1)
    visit = replace(pb.visits[0], sessions=items)
    assert visit_days(pb, visit) == 4  # 890 minutes, first-fit: more than the stage's 2 days
    placed = {s.id: s for s in place_sessions(pb, visit, START)}
    assert placed["plenary"].day == START and placed["plenary"].start_minute == pb.day_start_minute
    assert placed["b"].day == day and placed["b"].start_minute == 13 * 60
    assert placed["e"].day == START
    last = START + timedelta(days=3)
    assert all(START <= s.day <= last for s in placed.values())
    pb = replace(pb, visits=(visit,))
    result = solve(pb)
    assert result.status in (OPTIMAL, FEASIBLE)
    _ok(pb, result.plan)
    (v,) = result.plan.visits
    assert (v.end - v.start).days + 1 == 4 and v.start == START


def test_plan_matches_brute_force_on_a_tiny_problem() -> None:
    pb = problem(["33.01", "33.02", "32.01"], mentors=1, stages=1, weeks=3, home_days=2, hop=0)
    result = solve(pb)
    assert result.status == OPTIMAL
    pp = prepare(pb)
    best = None
    keys = [v.key for v in pp.visits]
    for starts in product(*(pp.allowed_starts(k) for k in keys)):
        visits = [
            PlacedVisit(k[0], k[1], pp.day(s), pp.day(s + pp.length[k] - 1), ("m0",),
                        place_sessions(pb, pp.visit[k], pp.day(s)))
            for k, s in zip(keys, starts, strict=True)
        ]  # fmt: skip
        plan = make_plan(pb, visits)
        if not check_plan(pb, plan):
            value = score(pb, plan)
            best = value if best is None else min(best, value)
    assert best is not None
    assert score(pb, result.plan) == best


def test_progress_is_reported_up_to_100() -> None:
    marks: list[int] = []
    solve(problem(["32.01", "33.01"], mentors=2), marks.append)
    assert marks[0] == 0 and marks[-1] == 100 and marks == sorted(marks)


def test_check_plan_finds_broken_rules() -> None:
    pb = problem(["32.01", "33.01"], mentors=1, stages=2)
    plan = solve(pb).plan
    a, b = plan.visits[0], plan.visits[2]
    saturday = START + timedelta(days=5)
    moved = replace(b, start=a.start, end=a.end)  # same mentor, same days
    weekend = replace(a, start=saturday, end=saturday + timedelta(days=1))
    rules = {v.rule for v in check_plan(pb, make_plan(pb, [moved, weekend, *plan.visits[1:2]]))}
    assert {"double_booked", "non_working_day", "stage_gap"} <= rules or "non_working_day" in rules
    assert "trips_mismatch" in {v.rule for v in check_plan(pb, replace(plan, trips=()))}


def test_working_starts_are_weekdays_with_room() -> None:
    pb = problem(["32.01"], mentors=1, stages=1, weeks=2)
    starts = working_starts(pb, pb.visits[0])
    assert starts[0] == START and all(d.weekday() <= 3 for d in starts)
