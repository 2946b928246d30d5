"""Every role against every operation of the guidance API (/api/v1/bimtek/), with the
pages' permissions: the office plans; Batang's coordinator organises its region (groups,
blackouts, priorities, confirming and moving sessions); the mentor of Batang's team holds
its sessions and keeps their own profile; Batang's OPD officer sees; everyone else finds
nothing (404) where a region's guidance is concerned. The world is tests/world.py with
the guidance of tests/bimtek/test_api_setup.py."""

from typing import Any

import pytest

from tests.bimtek import test_api_setup as setup
from tests.routes import MANAGERS, OFFICE, SIGNED_IN, case, check

media_root = setup.media_root
people = setup.people
shared_world = setup.shared_world
guidance_world = setup.guidance_world
world = setup.world

B = "/api/v1/bimtek"
K = "/api/v1/bimtek"  # the route keys name the same paths
# Who sees Batang's guidance: the office, its people and the mentor of its team.
GUIDANCE = MANAGERS | {"opd_officer", "mentor"}
MENTOR_SELF = OFFICE | {"mentor"}
HOLDERS = OFFICE | {"mentor"}


def _all_held(world: dict[str, Any]) -> None:
    """Every session of Batang's stage I visit held with someone attending."""
    from kotacerdas.bimtek.models import Attendance, GuidanceSession

    for session in GuidanceSession.objects.filter(visit_id=world["visit"]):
        session.status = "held"
        session.save(update_fields=["status"])
        Attendance.objects.create(session=session, name="Hadir")


API = [
    case(f"GET {K}/cohorts/{{year}}/stages", B + "/cohorts/{year}/stages", SIGNED_IN),
    case(
        f"PATCH {K}/stages/{{stage_id}}",
        B + "/stages/{stage}",
        OFFICE,
        data={"days_in_region": 4},
    ),
    case(f"GET {K}/cohorts/{{year}}/regions", B + "/cohorts/{year}/regions", SIGNED_IN),
    case(f"POST {K}/cohorts/{{year}}/regions/enrol", B + "/cohorts/{year}/regions/enrol", OFFICE),
    case(
        f"PUT {K}/guidance/{{guidance_id}}/priorities",
        B + "/guidance/{guidance}/priorities",
        MANAGERS,
        seen_by=GUIDANCE,
        data={"dimensions": ["{dimension}"]},
    ),
    case(
        f"GET {K}/regions/{{code}}/blackouts",
        B + "/regions/{code}/blackouts",
        GUIDANCE,
        denied=404,
    ),
    case(
        f"POST {K}/regions/{{code}}/blackouts",
        B + "/regions/{code}/blackouts",
        MANAGERS,
        ok=201,
        seen_by=GUIDANCE,
        data={"starts_on": "2023-12-25", "ends_on": "2023-12-26", "reason": "Hari jadi"},
    ),
    case(
        f"DELETE {K}/blackouts/{{blackout_id}}",
        B + "/blackouts/{blackout}",
        MANAGERS,
        ok=204,
        seen_by=GUIDANCE,
    ),
    case(
        f"GET {K}/guidance/{{guidance_id}}/groups",
        B + "/guidance/{guidance}/groups",
        GUIDANCE,
        denied=404,
    ),
    case(
        f"POST {K}/guidance/{{guidance_id}}/groups",
        B + "/guidance/{guidance}/groups",
        MANAGERS,
        ok=201,
        seen_by=GUIDANCE,
        data={"name": "Arsip", "opd_ids": ["{spare_opd}"], "session_minutes": 90},
    ),
    case(
        f"PUT {K}/groups/{{group_id}}",
        B + "/groups/{group}",
        MANAGERS,
        seen_by=GUIDANCE,
        data={"name": "Kesehatan dan Arsip", "opd_ids": ["{opd}", "{spare_opd}"]},
    ),
    case(
        f"DELETE {K}/groups/{{group_id}}", B + "/groups/{group}", MANAGERS, ok=204, seen_by=GUIDANCE
    ),
    case(
        f"GET {K}/mentors",
        B + "/mentors",
        OFFICE | {"mentor", "unassigned_mentor"},
    ),
    case(
        f"GET {K}/mentors/{{mentor_id}}/profile",
        B + "/mentors/{mentor_id}/profile",
        MENTOR_SELF,
        denied=404,
    ),
    case(
        f"PUT {K}/mentors/{{mentor_id}}/profile",
        B + "/mentors/{mentor_id}/profile",
        MENTOR_SELF,
        denied=404,
        data={"home_region": "{code}", "expertise": ["{dimension}"], "max_regions": 5},
    ),
    case(
        f"GET {K}/mentors/{{mentor_id}}/unavailability",
        B + "/mentors/{mentor_id}/unavailability",
        MENTOR_SELF,
        denied=404,
    ),
    case(
        f"POST {K}/mentors/{{mentor_id}}/unavailability",
        B + "/mentors/{mentor_id}/unavailability",
        MENTOR_SELF,
        ok=201,
        denied=404,
        data={"starts_on": "2023-12-04", "ends_on": "2023-12-08", "reason": "Sakit"},
    ),
    case(
        f"DELETE {K}/unavailability/{{period_id}}",
        B + "/unavailability/{period}",
        MENTOR_SELF,
        ok=204,
        denied=404,
    ),
    case(f"GET {K}/cohorts/{{year}}/runs", B + "/cohorts/{year}/runs", OFFICE),
    case(
        f"POST {K}/cohorts/{{year}}/runs",
        B + "/cohorts/{year}/runs",
        OFFICE,
        ok=202,
        data={"starts_on": "2023-09-01", "ends_on": "2023-12-29", "time_limit_s": 5},
    ),
    case(f"GET {K}/runs/{{run_id}}", B + "/runs/{run}", OFFICE),
    case(f"POST {K}/runs/{{run_id}}/apply", B + "/runs/{run}/apply", OFFICE),
    case(f"GET {K}/visits", B + "/visits", SIGNED_IN),
    case(f"GET {K}/visits/{{visit_id}}", B + "/visits/{visit}", GUIDANCE, denied=404),
    case(
        f"POST {K}/visits/{{visit_id}}/move",
        B + "/visits/{visit}/move",
        OFFICE,
        seen_by=GUIDANCE,
        data={"starts_on": "2023-09-11"},
    ),
    case(
        f"POST {K}/visits/{{visit_id}}/pin",
        B + "/visits/{visit}/pin",
        OFFICE,
        seen_by=GUIDANCE,
        data={"pinned": False},
    ),
    case(
        f"POST {K}/visits/{{visit_id}}/confirm",
        B + "/visits/{visit}/confirm",
        MANAGERS,
        seen_by=GUIDANCE,
    ),
    case(
        f"POST {K}/visits/{{visit_id}}/complete",
        B + "/visits/{visit}/complete",
        HOLDERS,
        seen_by=GUIDANCE,
        data={"notes": "Tahap I selesai"},
        prepare=_all_held,
    ),
    case(f"GET {K}/sessions", B + "/sessions", SIGNED_IN),
    case(f"GET {K}/sessions/{{session_id}}", B + "/sessions/{session}", GUIDANCE, denied=404),
    case(
        f"POST {K}/sessions/{{session_id}}/move",
        B + "/sessions/{session}/move",
        MANAGERS,
        seen_by=GUIDANCE,
        data={"local_date": "2023-09-06", "local_time": "15:00"},
    ),
    case(
        f"POST {K}/sessions/{{session_id}}/held",
        B + "/sessions/{session}/held",
        HOLDERS,
        seen_by=GUIDANCE,
        data={
            "attendees": [{"name": "dr. Rina", "opd_id": "{opd}", "position": "Kepala Dinas"}],
            "record": "Pembahasan layanan kesehatan digital.",
        },
    ),
]


@pytest.mark.parametrize("item", API)
def test_guidance_api_answers_each_role_as_the_pages_do(item, people, world) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
