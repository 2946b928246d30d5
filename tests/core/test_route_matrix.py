"""Every role against every route of the site's own pages, the accounts, jobs and regions
(pages and API): who gets through, who gets 403 or 404, and a log-in for anonymous
visitors. The routes are registered in tests/routes.py."""

import pytest

from tests import world as shared
from tests.routes import MANAGERS, REGION_VIEWERS, SIGNED_IN, case, check

# The shared world's fixtures (tests/world.py).
media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world
world = shared.world

OWNER = {"program_office", "coordinator"}  # the coordinator asked for the jobs; the office sees all

CASES = [
    case("start", "/start/", SIGNED_IN, ok=302),
    # Jobs: one's own, and the office sees everyone's.
    case("job-list", "/jobs/", SIGNED_IN),
    case("job-detail", "/jobs/{document}/", OWNER, denied=404),
    case("job-download", "/jobs/{document}/download/", OWNER, denied=404),
    case("job-retry", "/jobs/{failed_job}/retry/", OWNER, method="post", denied=404),
    case("GET /api/v1/jobs", "/api/v1/jobs", SIGNED_IN),
    case("GET /api/v1/jobs/{job_id}", "/api/v1/jobs/{document}", OWNER, denied=404),
    case(
        "POST /api/v1/jobs/{job_id}/retry",
        "/api/v1/jobs/{failed_job}/retry",
        OWNER,
        ok=202,
        denied=404,
    ),
    # Accounts: one's own tokens only.
    case("accounts:tokens", "/accounts/tokens/", SIGNED_IN),
    case(
        "accounts:token-revoke",
        "/accounts/tokens/{token}/revoke/",
        {"coordinator"},
        method="post",
        denied=404,
    ),
    case("GET /api/v1/me", "/api/v1/me", SIGNED_IN),
    case("GET /api/v1/tokens", "/api/v1/tokens", SIGNED_IN),
    case("POST /api/v1/tokens", "/api/v1/tokens", SIGNED_IN, ok=201, data={"name": "Sistem"}),
    case(
        "DELETE /api/v1/tokens/{token_id}",
        "/api/v1/tokens/{token}",
        {"coordinator"},
        ok=204,
        denied=404,
    ),
    # Regions: the export is a job anyone signed in may start; private data by region.
    case("regions:export", "/regions/export/", SIGNED_IN, method="post", data={"q": "batang"}),
    case("POST /api/v1/regions/export", "/api/v1/regions/export", SIGNED_IN, ok=202, data={}),
    case("regions:workspace", "/regions/{code}/workspace/", REGION_VIEWERS),
    case("regions:opd-create", "/regions/{code}/opds/new/", MANAGERS),
    case(
        "regions:opd-create",
        "/regions/{code}/opds/new/",
        MANAGERS,
        method="post",
        data={"name": "Dinas Pendidikan", "kind": "dinas"},
    ),
    case("regions:opd", "/regions/opds/{opd}/", REGION_VIEWERS, denied=404),
    case("regions:opd-edit", "/regions/opds/{opd}/edit/", MANAGERS, seen_by=REGION_VIEWERS),
    case(
        "regions:opd-edit",
        "/regions/opds/{opd}/edit/",
        MANAGERS,
        method="post",
        seen_by=REGION_VIEWERS,
        data={"name": "Dinas Kesehatan Batang", "kind": "dinas", "head_name": "dr. Baru"},
    ),
    case(
        "regions:opd-delete",
        "/regions/opds/{spare_opd}/delete/",
        MANAGERS,
        method="post",
        seen_by=REGION_VIEWERS,
    ),
    case("GET /api/v1/regions/{code}/opds", "/api/v1/regions/{code}/opds", REGION_VIEWERS),
    case(
        "POST /api/v1/regions/{code}/opds",
        "/api/v1/regions/{code}/opds",
        MANAGERS,
        ok=201,
        data={"name": "Dinas Pendidikan", "kind": "dinas"},
    ),
    case("GET /api/v1/opds/{opd_id}", "/api/v1/opds/{opd}", REGION_VIEWERS, denied=404),
    case(
        "PATCH /api/v1/opds/{opd_id}",
        "/api/v1/opds/{opd}",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"head_name": "dr. Baru"},
    ),
    case(
        "DELETE /api/v1/opds/{opd_id}",
        "/api/v1/opds/{spare_opd}",
        MANAGERS,
        ok=204,
        seen_by=REGION_VIEWERS,
    ),
    case("GET /api/v1/regions/{code}/audit", "/api/v1/regions/{code}/audit", REGION_VIEWERS),
]


@pytest.mark.parametrize("item", CASES)
def test_route_matrix(people, world, item) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
