"""The scheduler's input read from the database, and its answer stored and read back."""

from datetime import date

import pytest

from kotacerdas.bimtek import services
from kotacerdas.bimtek.models import ScheduleRun
from kotacerdas.bimtek.planning_input import build_problem, jsonable, placed_visits, result_fields
from kotacerdas.bimtek.scheduling import problem as P
from kotacerdas.bimtek.services import AttendeeInput
from kotacerdas.bimtek.services.common import DAY_START_MINUTE
from tests.bimtek.factories import HOME, guidance_world

pytestmark = pytest.mark.django_db


def _run(world):
    return ScheduleRun.objects.create(
        cohort=world.cohort,
        requested_by=world.office,
        starts_on=world.starts[2],
        ends_on=world.deadline,
        team_size=1,
        time_limit_s=7,
    )


def test_the_problem_holds_the_cohorts_guidance(django_assert_max_num_queries):
    world = guidance_world()
    mentor = world.mentors[0]
    for session in world.sessions(stage=1):
        services.mark_held(mentor, session, attendees=[AttendeeInput("Ani")])
    services.set_pinned(world.office, world.visit(world.regions[1].code, 2), True)
    services.add_blackout(
        world.office, world.region, starts_on=date(2027, 2, 1), ends_on=date(2027, 2, 2)
    )
    ill = world.starts[3]
    services.add_unavailability(world.office, mentor, starts_on=ill, ends_on=ill)
    run = _run(world)
    with django_assert_max_num_queries(12):
        problem = build_problem(run)
    assert (problem.start, problem.end, problem.time_limit_s) == (
        world.starts[2],
        world.deadline,
        7,
    )
    assert [s.number for s in problem.stages] == [1, 2, 3, 4]
    assert {r.code for r in problem.regions} == {r.code for r in world.regions}
    batang = next(r for r in problem.regions if r.code == world.code)
    assert batang.province == "33" and batang.priority_dimensions == {"governance"}
    assert date(2027, 2, 1) in batang.blackout
    by_id = {m.id: m for m in problem.mentors}
    assert by_id[str(mentor.pk)].home == HOME and ill in by_id[str(mentor.pk)].unavailable
    assert by_id[str(mentor.pk)].expertise == {"governance", "society"}
    visits = {v.key: v for v in problem.visits}
    held = visits[(world.code, 1)]
    assert held.fixed_start == world.starts[1] and held.fixed_team == (str(mentor.pk),)
    assert all(s.fixed_day is not None for s in held.sessions)
    plenary = next(s for s in held.sessions if s.plenary)
    assert plenary.fixed_start_minute == DAY_START_MINUTE  # region time
    pinned = visits[(world.regions[1].code, 2)]
    assert pinned.fixed_start == world.starts[2]
    free = visits[(world.code, 3)]
    assert free.fixed_start is None and all(s.fixed_day is None for s in free.sessions)
    assert problem.current_team[world.code] == (str(mentor.pk),)
    assert (HOME, world.code) in problem.travel and (world.code, HOME) in problem.travel
    assert date(2027, 1, 1) in problem.non_working


def test_a_result_is_stored_as_json_and_read_back():
    placed = P.PlacedVisit(
        region="33.25",
        stage=1,
        start=date(2027, 1, 11),
        end=date(2027, 1, 13),
        team=("7",),
        sessions=(P.PlacedSession("3", date(2027, 1, 11), 510),),
    )
    figures = P.Figures(1, 1, 2, date(2027, 1, 13), 5, 5)
    plan = P.Plan(
        visits=(placed,),
        trips=(P.Trip("7", date(2027, 1, 10), date(2027, 1, 14), ("33.25",), 2),),
        unplaced=(P.Unplaced("73.71", 2, "no_window", {"month": "2027-02"}),),
        figures=figures,
    )
    result = P.ScheduleResult(
        "feasible",
        plan,
        plan,
        objective=10.0,
        bound=9.0,
        gap=0.1,
        shortages=(P.Shortage("mentor_days", 10, 4, month="2027-02"),),
    )
    stored = result_fields(result)
    assert stored["plan"][0]["start"] == "2027-01-11"
    assert stored["figures"]["finish"] == "2027-01-13"
    assert stored["unplaced"][0] == {
        "region": "73.71",
        "stage": 2,
        "reason": "no_window",
        "detail": {"month": "2027-02"},
    }
    assert stored["shortages"][0]["month"] == "2027-02"
    assert jsonable(frozenset({date(2027, 1, 2), date(2027, 1, 1)})) == ["2027-01-01", "2027-01-02"]
    run = ScheduleRun(plan=stored["plan"])
    assert placed_visits(run) == [placed]
