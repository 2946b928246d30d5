"""Every role against the calendar pages (tests/routes.py). The shared world (tests/world.py)
gets Batang's guidance: a visit of stage I with the world's mentor (assigned to Batang) on
its team, a plenary and Dinkes's group session. The iCalendar feed (`bimtek:ics`) is on
the public allow-list: it is opened by its secret token, and tests/bimtek/test_ics.py
checks its refusals."""

from datetime import date
from typing import Any

import pytest

from tests import world as shared
from tests.bimtek.test_calendars import plan_guidance
from tests.routes import OFFICE, case, check

# The shared world's fixtures (tests/world.py).
media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world

# Who sees Batang's guidance: the office, its people and the mentor assigned to it (the
# assessor, though assigned, has no part in guidance).
GUIDANCE_VIEWERS = OFFICE | {"coordinator", "opd_officer", "mentor"}


@pytest.fixture(scope="module")
def calendar_world(shared_world, django_db_blocker) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Batang's guidance, added inside the shared world's transaction (rolled back with it)."""
    from kotacerdas.regions.models import Region

    with django_db_blocker.unblock():
        people = shared_world.people
        plan = plan_guidance(
            Region.objects.get(pk=shared_world.world["code"]),
            mentors=(people["mentor"],),
            health_opds=(people["opd_officer"].opd,),
            starts_on=date(2023, 9, 4),
        )
    return {"mentor_user": people["mentor"].pk, "session": plan.plenary.pk}


@pytest.fixture
def world(shared_world, calendar_world, db) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {**shared_world.world, **calendar_world}


PAGES = [
    # A mentor's calendar: the office and the mentor themself.
    case(
        "bimtek:mentor-calendar",
        "/bimtek/calendar/mentors/{mentor_user}/",
        OFFICE | {"mentor"},
        denied=404,
    ),
    case(
        "bimtek:region-calendar",
        "/bimtek/calendar/regions/{code}/",
        GUIDANCE_VIEWERS,
        denied=404,
    ),
    case("bimtek:opd-calendar", "/bimtek/calendar/opds/{opd}/", GUIDANCE_VIEWERS, denied=404),
]


@pytest.mark.parametrize("item", PAGES)
def test_calendar_pages(item, people, world) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)


def test_the_feed_is_404_without_its_token(people, world) -> None:  # type: ignore[no-untyped-def]
    """The public route refuses everything but a genuine token, signed in or not."""
    from django.test import Client

    from kotacerdas.bimtek import feeds

    url = feeds.feed_url(people["coordinator"], "region", world["code"])
    assert Client().get(url).status_code == 200
    for role in ("program_office", "coordinator", "anonymous"):
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        bad = f"/bimtek/calendar/region/{world['code']}/{people['coordinator'].pk}.forged-signature-abcdefghijkl.ics"
        assert client.get(bad).status_code == 404, role
