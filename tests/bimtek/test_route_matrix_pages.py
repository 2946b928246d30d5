"""Every role against every guidance page (the calendars have their own matrix): the
office plans and manages mentors; Batang's coordinator organises its region (blackouts,
priorities, groups, confirming and moving sessions); the mentor of Batang's team holds
its sessions and keeps their own profile; Batang's OPD officer reads; everyone else
finds nothing (404) where Batang's guidance is concerned. The world is tests/world.py
with the guidance of tests/bimtek/test_api_setup.py, the mentor in Batang's team."""

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from tests.bimtek import test_api_setup as setup
from tests.routes import MANAGERS, OFFICE, SIGNED_IN, case, check
from tests.world import PDF

media_root = setup.media_root
people = setup.people
shared_world = setup.shared_world

# Who sees Batang's guidance: the office, its people and the mentor of its team.
GUIDANCE = MANAGERS | {"opd_officer", "mentor"}
HOLDERS = OFFICE | {"mentor"}  # hold Batang's sessions, sign its stages off
MENTOR_SELF = OFFICE | {"mentor"}  # the mentor's own page
BATANG_PEOPLE = frozenset({"coordinator", "opd_officer"})


@pytest.fixture(scope="module")
def guidance_world(shared_world, django_db_blocker):  # type: ignore[no-untyped-def]
    from kotacerdas.bimtek.models import GuidanceRegion

    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        built = setup.build_guidance(shared_world.people, shared_world.world)
        GuidanceRegion.objects.get(pk=built["guidance"]).team.add(shared_world.people["mentor"])
        return built


@pytest.fixture
def world(shared_world, guidance_world, db):  # type: ignore[no-untyped-def]
    return {**shared_world.world, **guidance_world}


def _all_held(world: dict[str, Any]) -> None:
    """Every session of Batang's stage I visit held, with someone attending."""
    from kotacerdas.bimtek.models import Attendance, GuidanceSession

    for session in GuidanceSession.objects.filter(visit_id=world["visit"]):
        session.status = "held"
        session.save(update_fields=["status"])
        Attendance.objects.create(session=session, name="Hadir")


def _output_file(world: dict[str, Any]) -> None:
    from kotacerdas.bimtek.models import GuidanceSession

    session = GuidanceSession.objects.get(pk=world["session"])
    session.output_file.save("notulen.pdf", ContentFile(PDF))


def _stages(world: dict[str, Any]) -> dict[str, Any]:
    from kotacerdas.bimtek.models import GuidanceStage

    data: dict[str, Any] = {}
    for stage in GuidanceStage.objects.filter(cohort__year=world["year"]):
        prefix = f"stage{stage.number}-"
        data |= {
            prefix + "expected_outputs": stage.expected_outputs,
            prefix + "days_in_region": 4,
            prefix + "min_gap_days": stage.min_gap_days,
            prefix + "max_gap_days": stage.max_gap_days,
        }
    return data


P = "/bimtek"
PAGES = [
    # Where a person starts: a region's people go on to their region's page.
    case(
        "bimtek:home",
        P + "/",
        SIGNED_IN,
        special={"coordinator": 302, "opd_officer": 302},
    ),
    case("bimtek:cohort", P + "/{year}/", GUIDANCE, denied=404),
    case(
        "bimtek:cohort",
        P + "/{year}/",
        OFFICE,
        method="post",
        data={"action": "enrol"},
    ),
    case("bimtek:stages", P + "/{year}/stages/", OFFICE),
    case("bimtek:stages", P + "/{year}/stages/", OFFICE, method="post", data=_stages),
    case("bimtek:plan", P + "/{year}/plan/", OFFICE, ok=302),
    case(
        "bimtek:plan",
        P + "/{year}/plan/",
        OFFICE,
        method="post",
        data={
            "starts_on": "2023-09-01",
            "ends_on": "2023-12-29",
            "time_limit_s": "5",
            "team_size": "1",
        },
    ),
    case("bimtek:run", P + "/{year}/runs/{run}/", OFFICE, seen_by=OFFICE),
    case(
        "bimtek:run-apply", P + "/{year}/runs/{run}/apply/", OFFICE, method="post", seen_by=OFFICE
    ),
    case("bimtek:region", P + "/{year}/regions/{code}/", GUIDANCE, denied=404),
    case(
        "bimtek:region",
        P + "/{year}/regions/{code}/",
        MANAGERS,
        method="post",
        seen_by=GUIDANCE,
        data={
            "action": "blackout-add",
            "starts_on": "2023-12-26",
            "ends_on": "2023-12-27",
            "reason": "Hari jadi",
        },
    ),
    case("bimtek:groups", P + "/{year}/regions/{code}/groups/", GUIDANCE, denied=404),
    case(
        "bimtek:groups",
        P + "/{year}/regions/{code}/groups/",
        MANAGERS,
        method="post",
        seen_by=GUIDANCE,
        data={"action": "save", "name": "Arsip", "opds": ["{spare_opd}"], "session_minutes": 90},
    ),
    case("bimtek:visit", P + "/visits/{visit}/", GUIDANCE, denied=404),
    case(
        "bimtek:visit",
        P + "/visits/{visit}/",
        MANAGERS,
        method="post",
        seen_by=GUIDANCE,
        data={"action": "confirm"},
    ),
    case(
        "bimtek:visit-move",
        P + "/visits/{visit}/move/",
        OFFICE,
        method="post",
        seen_by=GUIDANCE,
        data={"starts_on": "2023-09-04", "mentors": ["{mentor_id}"]},
    ),
    case(
        "bimtek:visit-complete",
        P + "/visits/{visit}/complete/",
        HOLDERS,
        method="post",
        seen_by=GUIDANCE,
        data={"notes": "Tahap I selesai."},
        prepare=_all_held,
    ),
    case("bimtek:session", P + "/sessions/{session}/", GUIDANCE, denied=404),
    case(
        "bimtek:session",
        P + "/sessions/{session}/",
        HOLDERS,
        method="post",
        seen_by=GUIDANCE,
        data={"attendees": "Budi; Dinkes; Kepala Seksi", "record": "Notulen."},
    ),
    case(
        "bimtek:session-move",
        P + "/sessions/{session}/move/",
        MANAGERS,
        method="post",
        seen_by=GUIDANCE,
        data={"day": "2023-09-06", "time": "15:00"},
    ),
    case(
        "bimtek:session-output",
        P + "/sessions/{session}/output",
        GUIDANCE,
        denied=404,
        prepare=_output_file,
    ),
    # The office's list; a mentor is taken to their own page.
    case(
        "bimtek:mentors",
        P + "/mentors/",
        OFFICE,
        special={"mentor": 302, "unassigned_mentor": 302},
    ),
    case("bimtek:mentor", P + "/mentors/{mentor_id}/", MENTOR_SELF, denied=404),
    case(
        "bimtek:mentor",
        P + "/mentors/{mentor_id}/",
        MENTOR_SELF,
        method="post",
        denied=404,
        data={
            "action": "unavailable-add",
            "starts_on": "2023-12-04",
            "ends_on": "2023-12-08",
            "reason": "Konferensi",
        },
    ),
]


@pytest.mark.parametrize("item", PAGES)
def test_guidance_pages_by_role(item, people, world, media_root) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
