"""The guidance world the API tests share, built through the services on top of the
shared world (tests/world.py): the 2023 cohort's signed regions (Batang) enrolled, the
mentor's profile and Batang's stage I visit on 4-6 September 2023 with the mentor as its
team, an OPD group (Dinkes), a blackout, an unavailable week and a finished schedule run
that places stage II.

A module imports the fixtures `people`, `world` and `media_root` from here (`world`
holds the shared world's keys and this one's); the test below checks the world holds
what the API tests rely on."""

from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import translation

from tests import world as shared

shared_world = shared.shared_world
media_root = shared.media_root
people = shared.people

FIRST_DAY = date(2023, 9, 4)  # a Monday; Batang's stage I runs 4-6 September 2023
JSON = "application/json"


def build_guidance(people: dict[str, Any], world: dict[str, Any]) -> dict[str, Any]:
    from kotacerdas.bimtek import services
    from kotacerdas.bimtek.models import GuidanceSession, RunStatus, ScheduleRun
    from kotacerdas.program.models import Cohort
    from kotacerdas.regions.models import Dimension, Region

    office, coordinator = people["program_office"], people["coordinator"]
    mentor = people["mentor"]
    cohort = Cohort.objects.get(year=world["year"])
    (guidance,) = services.enrol_cohort_regions(office, cohort)
    batang = guidance.region
    dimensions = list(Dimension.objects.order_by("position", "code")[:2])
    jakarta = Region.objects.get(pk="31.71")
    services.save_mentor_profile(
        office,
        mentor,
        home_region=jakarta,
        expertise=dimensions,
        max_regions=6,
        max_travel_days_per_month=12,
    )
    services.save_mentor_profile(
        office,
        people["unassigned_mentor"],
        home_region=jakarta,
        expertise=dimensions[:1],
        max_regions=4,
        max_travel_days_per_month=10,
    )
    group = services.save_group(
        coordinator, guidance, name="Kesehatan", opds=[people["opd_officer"].opd]
    )
    visits = {v.stage.number: v for v in guidance.visits.select_related("stage")}
    services.move_visit(office, visits[1], starts_on=FIRST_DAY, mentors=[mentor])
    blackout = services.add_blackout(
        coordinator,
        batang,
        starts_on=date(2023, 10, 16),
        ends_on=date(2023, 10, 17),
        reason="Pilkades",
    )
    period = services.add_unavailability(
        office, mentor, starts_on=date(2023, 11, 6), ends_on=date(2023, 11, 10), reason="Cuti"
    )
    sessions = list(GuidanceSession.objects.filter(visit=visits[1]).order_by("starts_at", "pk"))
    plenary = next(s for s in sessions if s.kind == "plenary")
    health = next(s for s in sessions if s.group_id == group.pk)
    run = ScheduleRun.objects.create(
        cohort=cohort,
        requested_by=office,
        starts_on=date(2023, 9, 1),
        ends_on=date(2023, 12, 29),
        status=RunStatus.OPTIMAL,
        gap=0.0,
        solve_seconds=1.5,
        figures={"visits": 1, "trips": 1, "travel_days": 2, "finish": "2023-10-04"},
        greedy_figures={"visits": 1, "trips": 2, "travel_days": 4, "finish": "2023-10-11"},
        plan=[
            {
                "region": batang.code,
                "stage": 2,
                "start": "2023-10-02",
                "end": "2023-10-04",
                "team": [str(mentor.pk)],
                "sessions": [],
            }
        ],
        shortages=[{"resource": "mentor_days", "needed": 10, "available": 8, "month": "2023-11"}],
        unplaced=[{"region": batang.code, "stage": 3, "reason": "no_window", "detail": {}}],
    )
    return {
        "guidance": guidance.pk,
        "visit": visits[1].pk,
        "later_visit": visits[2].pk,
        "stage": visits[1].stage_id,
        "plenary": plenary.pk,
        "session": health.pk,
        "group": group.pk,
        "blackout": blackout.pk,
        "period": period.pk,
        "run": run.pk,
        "mentor_id": mentor.pk,
        "other_mentor_id": people["unassigned_mentor"].pk,
        "dimension": dimensions[0].code,
    }


@pytest.fixture(scope="module")
def guidance_world(shared_world, django_db_blocker):  # type: ignore[no-untyped-def]
    """Built once per module inside the shared world's transaction (rolled back with it)."""
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        return build_guidance(shared_world.people, shared_world.world)


@pytest.fixture
def world(shared_world, guidance_world, db):  # type: ignore[no-untyped-def]
    return {**shared_world.world, **guidance_world}


def client_for(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def test_the_guidance_world_holds_what_the_api_tests_use(world, people) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.bimtek.models import GuidanceSession, GuidanceVisit

    visit = GuidanceVisit.objects.get(pk=world["visit"])
    assert visit.starts_on == FIRST_DAY and visit.guidance.region_id == world["code"]
    assert list(visit.mentors.all()) == [people["mentor"]]
    session = GuidanceSession.objects.get(pk=world["session"])
    assert session.starts_at is not None and session.visit_id == visit.pk
