"""Every role against every route of the masterplan (pages and API). A masterplan is
private to its region, the staff assigned to it and the office: outsiders get 404, as
if it did not exist. Its coordinator (and the office) edit it all, an OPD officer the
programs and findings of their own OPD, the assigned mentor (and the office) review.
The routes are registered in tests/routes.py; the world is tests/world.py (Batang's
draft masterplan with a Dinkes program, findings, a goal, a figure, a comment thread,
two versions, a generated document and a legal file)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import world as shared
from tests.routes import MANAGERS, REGION_VIEWERS, REVIEWERS, SIGNED_IN, case, check
from tests.world import pdf

# The shared world's fixtures (tests/world.py).
media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world
world = shared.world

# Who writes the Dinkes program and findings: the coordinator, the office and Dinkes.
WRITERS = MANAGERS | {"opd_officer"}
# Who takes part in a comment thread: the reviewers and the region's own people.
DISCUSSANTS = REVIEWERS | {"coordinator", "opd_officer"}


def _status(status: str) -> Any:
    def prepare(world: dict[str, Any]) -> None:
        from kotacerdas.masterplan.models import Masterplan

        Masterplan.objects.filter(pk=world["plan"]).update(status=status)

    return prepare


def _clean(world: dict[str, Any]) -> None:
    """A plan the checker lets through: every chapter, a program per dimension, and the
    world's own problems set aside."""
    from kotacerdas.accounts.models import User
    from kotacerdas.masterplan import services
    from kotacerdas.masterplan.models import Masterplan
    from tests.masterplan.conftest_workflow import make_clean_plan

    coordinator = User.objects.get(username="coord")
    plan = Masterplan.objects.get(pk=world["plan"])
    make_clean_plan(coordinator, plan, world["opd"])
    for problem in plan.findings.filter(kind="problem", set_aside_reason=""):
        services.set_aside_problem(coordinator, problem, "Ditangani lewat Renstra.")


def _program(world: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": "Sekolah Digital",
        "element": "learning",
        "lead_opd": world["opd"],
        "horizon": "medium",
        "start_year": 2024,
        "end_year": 2026,
        "budget": [{"year": 2024, "source": "apbd", "amount": 100_000_000}],
    }


def _export(world: dict[str, Any]) -> dict[str, Any]:
    """The plan's own spreadsheet, to import back."""
    from kotacerdas.masterplan import spreadsheet
    from kotacerdas.masterplan.models import Masterplan

    content = spreadsheet.export_programs(Masterplan.objects.get(pk=world["plan"]))
    return {"file": SimpleUploadedFile("program.xlsx", content)}


def _legal(world: dict[str, Any]) -> dict[str, Any]:
    return {"number": "7 Tahun 2025", "date": "2025-01-15", "file": pdf("perbup.pdf")}


PLAN = "/masterplans/{plan}"
API = "/api/v1/masterplans/{plan}"

PAGES = [
    case("masterplan:list", "/masterplans/", SIGNED_IN),
    case("masterplan:template", "/masterplans/template.xlsx", SIGNED_IN),
    case("masterplan:detail", PLAN + "/", REGION_VIEWERS, denied=404),
    case("masterplan:programs", PLAN + "/programs/", REGION_VIEWERS, denied=404),
    case("masterplan:program-new", PLAN + "/programs/new/", WRITERS, seen_by=REGION_VIEWERS),
    case("masterplan:program-edit", PLAN + "/programs/{program}/", REGION_VIEWERS, denied=404),
    case(
        "masterplan:program-delete",
        PLAN + "/programs/{program}/delete/",
        WRITERS,
        method="post",
        seen_by=REGION_VIEWERS,
    ),
    case("masterplan:import", PLAN + "/import/", REGION_VIEWERS, denied=404),
    case(
        "masterplan:import",
        PLAN + "/import/",
        MANAGERS,
        method="post",
        seen_by=REGION_VIEWERS,
        data=_export,
    ),
    case("masterplan:export", PLAN + "/export.xlsx", REGION_VIEWERS, denied=404),
    case("masterplan:documents", PLAN + "/documents/", REGION_VIEWERS, denied=404),
    case(
        "masterplan:documents",
        PLAN + "/documents/",
        REGION_VIEWERS,
        method="post",
        denied=404,
        data={"fmt": "pdf", "kind": "summary", "language": "id"},
    ),
    case("masterplan:legal-document", PLAN + "/perbup.pdf", REGION_VIEWERS, denied=404),
    case(
        "masterplan:document-download",
        PLAN + "/documents/{document}/",
        REGION_VIEWERS,
        denied=404,
    ),
    case("masterplan:introduction", PLAN + "/introduction/", REGION_VIEWERS, denied=404),
    case("masterplan:profile", PLAN + "/profile/", REGION_VIEWERS, denied=404),
    case(
        "masterplan:profile",
        PLAN + "/profile/",
        MANAGERS,
        method="post",
        seen_by=REGION_VIEWERS,
        data={"action": "delete", "figure": "{figure}"},
    ),
    case("masterplan:findings", PLAN + "/findings/", REGION_VIEWERS, denied=404),
    case("masterplan:finding-new", PLAN + "/findings/new/", WRITERS, seen_by=REGION_VIEWERS),
    case(
        "masterplan:finding-edit",
        PLAN + "/findings/{finding}/",
        WRITERS,
        seen_by=REGION_VIEWERS,
    ),
    case("masterplan:analyses", PLAN + "/analyses/", REGION_VIEWERS, denied=404),
    case("masterplan:vision", PLAN + "/vision/", REGION_VIEWERS, denied=404),
    case("masterplan:review", PLAN + "/review/", REGION_VIEWERS, denied=404),
    case(
        "masterplan:review",
        PLAN + "/review/",
        DISCUSSANTS,
        method="post",
        seen_by=REGION_VIEWERS,
        data=lambda world: {
            "action": "reply",
            "thread": world["comment"],
            f"reply-{world['comment']}-body": "Sudah kami lengkapi.",
        },
    ),
    case(
        "masterplan:workflow",
        PLAN + "/workflow/",
        REVIEWERS,
        method="post",
        seen_by=REGION_VIEWERS,
        data={"action": "approve", "approve-comment": "Baik."},
        prepare=_status("submitted"),
    ),
    case("masterplan:versions", PLAN + "/versions/", REGION_VIEWERS, denied=404),
    case("masterplan:compare", PLAN + "/versions/compare/", REGION_VIEWERS, denied=404),
]

ENDPOINTS = [
    case("GET /api/v1/masterplans/template.xlsx", "/api/v1/masterplans/template.xlsx", SIGNED_IN),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/programs.xlsx",
        API + "/programs.xlsx",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/programs/import",
        API + "/programs/import",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data=_export,
        json=False,
    ),
    # A region's coordinator starts its masterplan (or the office for it).
    case(
        "POST /api/v1/regions/{code}/masterplans",
        "/api/v1/regions/{code}/masterplans",
        MANAGERS,
        ok=201,
        data={"first_year": 2034},
    ),
    case("GET /api/v1/masterplans", "/api/v1/masterplans", SIGNED_IN),
    case("GET /api/v1/masterplans/{masterplan_id}", API, REGION_VIEWERS, denied=404),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/programs",
        API + "/programs",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/programs",
        API + "/programs",
        WRITERS,
        ok=201,
        seen_by=REGION_VIEWERS,
        data=_program,
    ),
    case(
        "PUT /api/v1/programs/{program_id}",
        "/api/v1/programs/{program}",
        WRITERS,
        seen_by=REGION_VIEWERS,
        data=lambda world: {**_program(world), "version": world["program_version"]},
    ),
    case(
        "DELETE /api/v1/programs/{program_id}",
        "/api/v1/programs/{program}",
        WRITERS,
        ok=204,
        seen_by=REGION_VIEWERS,
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/check",
        API + "/check",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/overview",
        API + "/overview",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "PATCH /api/v1/masterplans/{masterplan_id}/overview",
        API + "/overview",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"vision": "Batang Cerdas 2033"},
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/profile",
        API + "/profile",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/profile",
        API + "/profile",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"key": "area", "value": "788.65", "unit": "km²", "year": 2022, "source": "BPS"},
    ),
    case(
        "PUT /api/v1/profile-figures/{figure_id}",
        "/api/v1/profile-figures/{figure}",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"key": "population", "value": "812000", "year": 2023, "source": "BPS"},
    ),
    case(
        "DELETE /api/v1/profile-figures/{figure_id}",
        "/api/v1/profile-figures/{figure}",
        MANAGERS,
        ok=204,
        seen_by=REGION_VIEWERS,
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/findings",
        API + "/findings",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/findings",
        API + "/findings",
        WRITERS,
        ok=201,
        seen_by=REGION_VIEWERS,
        data={"kind": "potential", "title": "Puskesmas terhubung internet", "opd": "{opd}"},
    ),
    case(
        "PUT /api/v1/findings/{finding_id}",
        "/api/v1/findings/{finding}",
        WRITERS,
        seen_by=REGION_VIEWERS,
        data={"kind": "problem", "title": "Antrean puskesmas panjang", "opd": "{opd}"},
    ),
    case(
        "DELETE /api/v1/findings/{finding_id}",
        "/api/v1/findings/{finding}",
        WRITERS,
        ok=204,
        seen_by=REGION_VIEWERS,
    ),
    case(
        "POST /api/v1/findings/{finding_id}/merge",
        "/api/v1/findings/{finding}/merge",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"duplicates": ["{duplicate}"]},
    ),
    case(
        "POST /api/v1/findings/{finding_id}/set-aside",
        "/api/v1/findings/{finding}/set-aside",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"reason": "Ditangani lewat Renstra Dinkes."},
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/goals",
        API + "/goals",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/goals",
        API + "/goals",
        MANAGERS,
        ok=201,
        seen_by=REGION_VIEWERS,
        data={"code": "T2", "text": "Ekonomi tumbuh"},
    ),
    case(
        "PUT /api/v1/goals/{goal_id}",
        "/api/v1/goals/{goal}",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"code": "T9", "text": "Tata kelola yang bersih"},
    ),
    case(
        "DELETE /api/v1/goals/{goal_id}",
        "/api/v1/goals/{goal}",
        MANAGERS,
        ok=204,
        seen_by=REGION_VIEWERS,
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/analyses",
        API + "/analyses",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/analyses/prefill",
        API + "/analyses/prefill",
        MANAGERS,
        seen_by=REGION_VIEWERS,
    ),
    case(
        "PUT /api/v1/masterplans/{masterplan_id}/analyses/{pillar_code}",
        API + "/analyses/suprastruktur",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"readiness": "3.25", "strengths": "Komitmen pimpinan."},
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/strategies",
        API + "/strategies",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "PUT /api/v1/masterplans/{masterplan_id}/strategies/{element_code}",
        API + "/strategies/health",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"text": "Rekam medis elektronik di semua puskesmas."},
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/workflow",
        API + "/workflow",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/submit",
        API + "/submit",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        prepare=_clean,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/request-changes",
        API + "/request-changes",
        REVIEWERS,
        seen_by=REGION_VIEWERS,
        data={"comment": "Lengkapi indikator."},
        prepare=_status("submitted"),
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/approve",
        API + "/approve",
        REVIEWERS,
        seen_by=REGION_VIEWERS,
        data={"comment": "Baik."},
        prepare=_status("submitted"),
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/legalise",
        API + "/legalise",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data=_legal,
        json=False,
        prepare=_status("approved"),
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/versions",
        API + "/versions",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/versions/compare",
        API + "/versions/compare?a=1&b=2",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/changes-since-my-review",
        API + "/changes-since-my-review",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/comments",
        API + "/comments",
        REGION_VIEWERS,
        denied=404,
    ),
    # Reviewers and the region's own people start threads and reply.
    case(
        "POST /api/v1/masterplans/{masterplan_id}/comments",
        API + "/comments",
        DISCUSSANTS,
        ok=201,
        seen_by=REGION_VIEWERS,
        data={"body": "Tambahkan sumber data.", "section": "profile"},
    ),
    case(
        "POST /api/v1/comments/{comment_id}/resolve",
        "/api/v1/comments/{comment}/resolve",
        DISCUSSANTS - {"opd_officer"},
        seen_by=REGION_VIEWERS,
    ),
    case(
        "POST /api/v1/comments/{comment_id}/reopen",
        "/api/v1/comments/{comment}/reopen",
        DISCUSSANTS - {"opd_officer"},
        seen_by=REGION_VIEWERS,
    ),
    case(
        "POST /api/v1/masterplans/{masterplan_id}/documents",
        API + "/documents",
        REGION_VIEWERS,
        ok=202,
        denied=404,
        data={"fmt": "pdf", "summary": True, "language": "en"},
    ),
    case(
        "GET /api/v1/masterplans/{masterplan_id}/documents",
        API + "/documents",
        REGION_VIEWERS,
        denied=404,
    ),
]


@pytest.mark.parametrize("item", PAGES + ENDPOINTS)
def test_route_matrix(people, world, item) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
