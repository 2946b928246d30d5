"""Query-count baselines for the main pages and the list endpoints (tests/queries.py),
asked by the people who use them, on the world of tests/world.py and again after each
list has grown by a few rows: the count must not change, as ARCHITECTURE.md asks ("A
page's number of SQL queries does not grow with the number of rows")."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from tests import world as shared
from tests.queries import assert_queries

# The shared world's fixtures (tests/world.py).
media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world
world = shared.world

PLAN = "/masterplans/{plan}"
API = "/api/v1/masterplans/{plan}"

# (what, url) each role opens; their baselines are "<what> (world, <role>)" and
# "<what> (grown world, <role>)".
SHARED = [
    ("page home", "/"),
    ("page job-list", "/jobs/"),
    ("page accounts:tokens", "/accounts/tokens/"),
    ("page program:cohorts", "/program/"),
    ("page program:cohort", "/program/{year}/"),
    ("page program:agreements", "/program/{year}/agreements/"),
    ("page masterplan:list", "/masterplans/"),
    ("api GET /api/v1/jobs", "/api/v1/jobs"),
    ("api GET /api/v1/tokens", "/api/v1/tokens"),
    ("api GET /api/v1/cohorts", "/api/v1/cohorts"),
    ("api GET /api/v1/applications", "/api/v1/applications"),
    ("api GET /api/v1/agreements", "/api/v1/agreements"),
    ("api GET /api/v1/masterplans", "/api/v1/masterplans"),
]
REGION = [
    ("page regions:workspace", "/regions/{code}/workspace/"),
    ("page regions:opd", "/regions/opds/{opd}/"),
    ("page program:application", "/program/applications/{application}/"),
    ("page program:agreement", "/program/agreements/{agreement}/"),
    ("page program:body", "/program/regions/{code}/bodies/council/"),
    ("page masterplan:detail", PLAN + "/"),
    ("page masterplan:programs", PLAN + "/programs/"),
    ("page masterplan:program-edit", PLAN + "/programs/{program}/"),
    ("page masterplan:introduction", PLAN + "/introduction/"),
    ("page masterplan:profile", PLAN + "/profile/"),
    ("page masterplan:findings", PLAN + "/findings/"),
    ("page masterplan:analyses", PLAN + "/analyses/"),
    ("page masterplan:vision", PLAN + "/vision/"),
    ("page masterplan:review", PLAN + "/review/"),
    ("page masterplan:versions", PLAN + "/versions/"),
    ("page masterplan:compare", PLAN + "/versions/compare/"),
    ("page masterplan:documents", PLAN + "/documents/"),
    ("api GET /api/v1/regions/{code}/opds", "/api/v1/regions/{code}/opds"),
    ("api GET /api/v1/regions/{code}/audit", "/api/v1/regions/{code}/audit"),
    ("api GET /api/v1/regions/{code}/bodies", "/api/v1/regions/{code}/bodies"),
    ("api GET /api/v1/applications/{application_id}", "/api/v1/applications/{application}"),
    ("api GET /api/v1/masterplans/{masterplan_id}", API),
    ("api GET /api/v1/masterplans/{masterplan_id}/programs", API + "/programs"),
    ("api GET /api/v1/masterplans/{masterplan_id}/check", API + "/check"),
    ("api GET /api/v1/masterplans/{masterplan_id}/profile", API + "/profile"),
    ("api GET /api/v1/masterplans/{masterplan_id}/findings", API + "/findings"),
    ("api GET /api/v1/masterplans/{masterplan_id}/goals", API + "/goals"),
    ("api GET /api/v1/masterplans/{masterplan_id}/analyses", API + "/analyses"),
    ("api GET /api/v1/masterplans/{masterplan_id}/strategies", API + "/strategies"),
    ("api GET /api/v1/masterplans/{masterplan_id}/comments", API + "/comments"),
    ("api GET /api/v1/masterplans/{masterplan_id}/versions", API + "/versions"),
    ("api GET /api/v1/masterplans/{masterplan_id}/documents", API + "/documents"),
]
OFFICE = [
    ("page program:selection", "/program/{year}/selection/"),
    ("page program:dashboard", "/program/{year}/dashboard/"),
    ("page program:rubric", "/program/{year}/rubric/"),
    ("api GET /api/v1/cohorts/{year}/funnel", "/api/v1/cohorts/{year}/funnel"),
]
PAGES: dict[str, list[tuple[str, str]]] = {
    "program_office": SHARED + REGION + OFFICE,
    "coordinator": SHARED + REGION + [("page program:result", "/program/{year}/result/")],
    "mentor": [(w, u) for w, u in SHARED + REGION if "masterplan" in u],
    "assessor": [
        ("page program:cohorts", "/program/"),
        ("page program:assignment", "/program/assignments/{assignment}/"),
        ("api GET /api/v1/assignments", "/api/v1/assignments"),
    ],
}


def names() -> set[str]:
    """Every baseline this module counts (tests/core/test_query_baselines.py asks)."""
    return {
        f"{what} ({size}, {role})"
        for role, pages in PAGES.items()
        for what, _u in pages
        for size in ("world", "grown world")
    }


def _grow(people: dict[str, Any], world: dict[str, Any], rows: int = 3) -> None:
    """A few more of every listed thing: OPDs with commitments, programs, findings,
    comment threads, applications with agreements, council members, jobs and tokens."""
    from kotacerdas.accounts.services import create_token
    from kotacerdas.core.models import Job
    from kotacerdas.masterplan import services as masterplan
    from kotacerdas.masterplan.models import Masterplan
    from kotacerdas.program import services as program
    from kotacerdas.program.models import Agreement, Cohort
    from kotacerdas.regions.models import OPD, OPDKind, Region
    from tests.masterplan.conftest import program_input

    office, coordinator = people["program_office"], people["coordinator"]
    plan = Masterplan.objects.get(pk=world["plan"])
    cohort = Cohort.objects.get(year=world["year"])
    others = Region.objects.exclude(pk__in=["33.25", "15.04"]).order_by("pk")[:rows]
    for n, region in enumerate(others):
        opd = OPD.objects.create(region=plan.region, name=f"Dinas {n}", kind=OPDKind.DINAS)
        masterplan.save_program(coordinator, plan, program_input(opd.pk, name=f"Program {n}"))
        masterplan.save_finding(
            coordinator, plan, masterplan.FindingInput("problem", f"Masalah {n}", opd.pk)
        )
        thread = masterplan.add_comment(people["mentor"], plan, f"Catatan {n}", section="vision")
        masterplan.add_comment(coordinator, plan, f"Balasan {n}", parent=thread)
        program.record_commitment(
            coordinator, opd, signed_by=f"Kepala {n}", signed_on=date(2023, 8, 1)
        )
        application = program.start_application(office, cohort, region)
        Agreement.objects.create(application=application)
        Job.objects.create(kind="regions.export_csv", requested_by=coordinator, status="failed")
        create_token(coordinator, f"Sistem {n}")
    members = [
        program.MemberInput(f"Anggota {n}", "Kepala", "Bappeda", "anggota") for n in range(rows)
    ]
    program.save_body(
        coordinator,
        plan.region,
        kind="council",
        decree_number="555.6/2019",
        decree_date=date(2019, 9, 2),
        members=members,
    )


def _count(client: Client, what: str, url: str, size: str) -> int:
    with assert_queries(f"{what} ({size})") as counted:
        response = client.get(url)
    assert response.status_code == 200, (size, url, response.status_code)
    return len(counted)


@pytest.mark.parametrize("role", list(PAGES))
def test_page_and_list_queries_do_not_grow_with_rows(people, world, role) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(people[role])
    pages = [(what, url.format_map(world)) for what, url in PAGES[role]]
    before = {what: _count(client, what, url, f"world, {role}") for what, url in pages}
    _grow(people, world)
    after = {what: _count(client, what, url, f"grown world, {role}") for what, url in pages}
    grown = [
        f"{what}: {before[what]} -> {after[what]}" for what in before if after[what] > before[what]
    ]
    assert not grown, f"Query counts that grow with rows ({role}):\n" + "\n".join(grown)
