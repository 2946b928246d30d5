"""The guidance API's lists and details cost the same number of queries whatever their
size: counted on the guidance world (tests/bimtek/test_api_setup.py) and again after it
has grown (more OPDs and so sessions, another region, groups, mentors), against the
baselines in tests/query_counts.json."""

from datetime import date

import pytest

from tests.bimtek import test_api_setup as setup
from tests.bimtek.test_api_setup import client_for
from tests.queries import assert_queries

media_root = setup.media_root
people = setup.people
shared_world = setup.shared_world
guidance_world = setup.guidance_world
world = setup.world

B = "/api/v1/bimtek"

# (baseline on the world, baseline on the grown world, role, url)
MEASURED = [
    (
        "api GET /api/v1/bimtek/visits (world, program_office)",
        "api GET /api/v1/bimtek/visits (grown world, program_office)",
        "program_office",
        B + "/visits",
    ),
    (
        "api GET /api/v1/bimtek/visits (world, mentor)",
        "api GET /api/v1/bimtek/visits (grown world, mentor)",
        "mentor",
        B + "/visits",
    ),
    (
        "api GET /api/v1/bimtek/sessions (world, program_office)",
        "api GET /api/v1/bimtek/sessions (grown world, program_office)",
        "program_office",
        B + "/sessions?page_size=200",
    ),
    (
        "api GET /api/v1/bimtek/sessions (world, coordinator)",
        "api GET /api/v1/bimtek/sessions (grown world, coordinator)",
        "coordinator",
        B + "/sessions?page_size=200&from=2023-01-01",
    ),
    (
        "api GET /api/v1/bimtek/cohorts/{year}/regions (world, program_office)",
        "api GET /api/v1/bimtek/cohorts/{year}/regions (grown world, program_office)",
        "program_office",
        B + "/cohorts/{year}/regions",
    ),
    (
        "api GET /api/v1/bimtek/mentors (world, program_office)",
        "api GET /api/v1/bimtek/mentors (grown world, program_office)",
        "program_office",
        B + "/mentors",
    ),
    (
        "api GET /api/v1/bimtek/guidance/{guidance_id}/groups (world, coordinator)",
        "api GET /api/v1/bimtek/guidance/{guidance_id}/groups (grown world, coordinator)",
        "coordinator",
        B + "/guidance/{guidance}/groups",
    ),
    (
        "api GET /api/v1/bimtek/visits/{visit_id} (world, mentor)",
        "api GET /api/v1/bimtek/visits/{visit_id} (grown world, mentor)",
        "mentor",
        B + "/visits/{visit}",
    ),
    (
        "api GET /api/v1/bimtek/runs/{run_id} (world, program_office)",
        "api GET /api/v1/bimtek/runs/{run_id} (grown world, program_office)",
        "program_office",
        B + "/runs/{run}",
    ),
]


def _grow(people, world) -> None:  # type: ignore[no-untyped-def]
    """More OPDs (so more sessions), groups, another region in guidance, more mentors."""
    from kotacerdas.accounts.models import User
    from kotacerdas.bimtek import services
    from kotacerdas.bimtek.models import GuidanceRegion, GuidanceSession, GuidanceVisit
    from kotacerdas.core.roles import Role
    from kotacerdas.program.models import Cohort
    from kotacerdas.regions.models import OPD, OPDKind, Region

    office, coordinator = people["program_office"], people["coordinator"]
    cohort = Cohort.objects.get(year=world["year"])
    batang = Region.objects.get(pk=world["code"])
    opds = [
        OPD.objects.create(region=batang, name=f"Dinas Tambahan {n}", kind=OPDKind.DINAS)
        for n in range(4)
    ]
    services.enrol_cohort_regions(office, cohort)
    guidance = GuidanceRegion.objects.get(pk=world["guidance"])
    services.save_group(coordinator, guidance, name="Tambahan", opds=opds[:2])
    other = GuidanceRegion.objects.create(cohort=cohort, region=Region.objects.get(pk="33.75"))
    for stage in cohort.guidance_stages.all():
        visit = GuidanceVisit.objects.create(guidance=other, stage=stage)
        GuidanceSession.objects.create(visit=visit, kind="plenary", title="Pleno")
    for n in range(3):
        mentor = User.objects.create(username=f"mentor-tambahan-{n}", role=Role.MENTOR)
        services.save_mentor_profile(
            office,
            mentor,
            home_region=batang,
            expertise=[],
            max_regions=3,
            max_travel_days_per_month=10,
        )
        visit = GuidanceVisit.objects.get(guidance=guidance, stage__number=1)
        visit.mentors.add(mentor)
    services.add_unavailability(
        office, people["mentor"], starts_on=date(2023, 12, 4), ends_on=date(2023, 12, 8)
    )


@pytest.mark.parametrize(
    ("small", "large", "role", "url"), MEASURED, ids=[m[0].split(" (")[0] for m in MEASURED]
)
def test_guidance_api_queries_do_not_grow(small, large, role, url, people, world) -> None:  # type: ignore[no-untyped-def]
    client = client_for(people[role])
    address = url.format_map(world)
    client.get(address)  # sessions, content types and translations warmed up
    with assert_queries(small) as before:
        assert client.get(address).status_code == 200
    _grow(people, world)
    client.get(address)
    with assert_queries(large) as after:
        answer = client.get(address)
        assert answer.status_code == 200
    assert len(before) == len(after), (small, len(before), len(after))
