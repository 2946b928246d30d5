"""Every role against every route of the national program (pages and API): cohorts,
applications, assessment, selection, agreements, bodies and commitments. The routes are
registered in tests/routes.py; the world is tests/world.py (Batang's submitted and
assessed application, Batanghari's draft, a selection run, a signed agreement)."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import world as shared
from tests.program.conftest import CRITERIA, answer_all
from tests.routes import (
    APPLICATION_VIEWERS,
    MANAGERS,
    OFFICE,
    REGION_VIEWERS,
    SIGNED_IN,
    case,
    check,
)
from tests.world import pdf

# The shared world's fixtures (tests/world.py).
media_root = shared.media_root
people = shared.people
shared_world = shared.shared_world
world = shared.world

# Batanghari's application: the other coordinator's own, which Batang's people do not see.
BATANGHARI = frozenset({"program_office", "other_coordinator"})
ASSESSOR = frozenset({"assessor"})


def _agreement(**fields: Any) -> Any:
    """Put the world's agreement in another step of its flow first."""

    def prepare(world: dict[str, Any]) -> None:
        from kotacerdas.program.models import Agreement

        Agreement.objects.filter(pk=world["agreement"]).update(**fields)

    return prepare


def _close_registration(world: dict[str, Any]) -> None:
    from kotacerdas.program.models import Cohort

    Cohort.objects.filter(year=world["year"]).update(
        application_deadline=timezone.now() - timedelta(days=1)
    )


def _published(world: dict[str, Any]) -> None:
    from kotacerdas.program.models import Cohort, SelectionRun

    SelectionRun.objects.filter(pk=world["run"]).update(published=True)
    Cohort.objects.filter(year=world["year"]).update(
        status="published", published_at=timezone.now()
    )


def _draft_cohort(world: dict[str, Any]) -> None:
    from kotacerdas.program.models import Cohort

    Cohort.objects.filter(year=world["open_year"]).update(status="draft")


def _batanghari_answered(world: dict[str, Any]) -> None:
    from kotacerdas.accounts.models import User
    from kotacerdas.program.models import Application

    application = Application.objects.get(pk=world["other_application"])
    answer_all(User.objects.get(username="coord-bh"), application)


def _rubric(world: dict[str, Any]) -> dict[str, Any]:
    criteria = [{**c.__dict__, "levels": list(c.levels), "weight": str(c.weight)} for c in CRITERIA]
    return {"criteria": criteria, "reason": "Bobot disesuaikan"}


def _csv(world: dict[str, Any]) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("opd.csv", b"nama,jenis\nDinas Sosial,dinas\n")}


def _scan(world: dict[str, Any]) -> dict[str, Any]:
    return {"file": pdf()}


TODAY = str(timezone.localdate())
SIGNATORIES = [
    {"name": "Semuel", "position": "Dirjen Aptika", "side": "ministry"},
    {"name": "Wihaji", "position": "Bupati Batang", "side": "region"},
]

PAGES = [
    case("program:cohorts", "/program/", SIGNED_IN),
    case("program:cohort-create", "/program/new/", OFFICE),
    case("program:cohort", "/program/{year}/", SIGNED_IN),
    case("program:cohort-open", "/program/{year}/open/", OFFICE, method="post"),
    case("program:cohort-close", "/program/{year}/close/", OFFICE, method="post"),
    case("program:rubric", "/program/{year}/rubric/", OFFICE),
    # A region's coordinator applies for their own region; no one else. The office has no
    # region of its own (the page once crashed on it: an application without a region).
    case(
        "program:apply",
        "/program/{open_year}/apply/",
        {"coordinator", "other_coordinator"},
        method="post",
        special={"program_office": 403},  # it has no region to apply for
    ),
    case("program:bulk-assign", "/program/{year}/assign/", OFFICE, method="post"),
    case("program:selection", "/program/{year}/selection/", OFFICE),
    case("program:publish", "/program/{year}/selection/publish/", OFFICE, method="post"),
    # A region's own result; nobody else has one to see.
    case(
        "program:result",
        "/program/{year}/result/",
        {"coordinator", "opd_officer", "other_coordinator"},
        denied=404,
    ),
    case("program:dashboard", "/program/{year}/dashboard/", OFFICE),
    case("program:agreements", "/program/{year}/agreements/", SIGNED_IN),
    case("program:agreement", "/program/agreements/{agreement}/", REGION_VIEWERS, denied=404),
    case(
        "program:agreement-scan",
        "/program/agreements/{agreement}/scan/",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "program:application",
        "/program/applications/{application}/",
        APPLICATION_VIEWERS,
        denied=404,
    ),
    case(
        "program:evidence",
        "/program/applications/{application}/evidence/{evidence}/",
        APPLICATION_VIEWERS,
        denied=404,
    ),
    case(
        "program:reopen",
        "/program/applications/{application}/reopen/",
        OFFICE,
        method="post",
        seen_by=APPLICATION_VIEWERS,
        data={"reason": "Bukti kurang"},
    ),
    case(
        "program:assign",
        "/program/applications/{application}/assign/",
        OFFICE,
        method="post",
        data={"assessor": ""},
    ),
    # The assessor's own scoring page: the office sees that it exists but not inside.
    case(
        "program:assignment",
        "/program/assignments/{assignment}/",
        ASSESSOR,
        denied=404,
        special={"program_office": 403},
    ),
    case(
        "program:interview",
        "/program/assignments/{assignment}/interview/",
        ASSESSOR | OFFICE,
        method="post",
        denied=404,
        data={"held_at": "2023-05-15T09:30", "attendees": "Bupati Batang"},
    ),
    case(
        "program:override",
        "/program/decisions/{decision}/override/",
        OFFICE,
        method="post",
        data={"selected": "", "reason": "Kuota provinsi"},
    ),
    case("program:body", "/program/regions/{code}/bodies/council/", REGION_VIEWERS),
    case(
        "program:decree",
        "/program/regions/{code}/bodies/council/decree/",
        REGION_VIEWERS,
        denied=404,
    ),
    case("program:opd-import", "/program/regions/{code}/opds/import/", MANAGERS),
    case(
        "program:opd-import-sample",
        "/program/regions/{code}/opds/import/sample.csv",
        MANAGERS,
    ),
    case(
        "program:commitment",
        "/program/opds/{opd}/commitment/",
        MANAGERS,
        seen_by=REGION_VIEWERS,
    ),
    case(
        "program:commitment-scan",
        "/program/opds/{opd}/commitment/scan/",
        REGION_VIEWERS,
        denied=404,
    ),
]

API = [
    case("GET /api/v1/cohorts", "/api/v1/cohorts", SIGNED_IN),
    case(
        "POST /api/v1/cohorts",
        "/api/v1/cohorts",
        OFFICE,
        ok=201,
        data={
            "year": 2026,
            "name": "Gerakan 2026",
            "quota": 10,
            "application_deadline": (timezone.now() + timedelta(days=40)).isoformat(),
        },
    ),
    case("GET /api/v1/cohorts/{year}", "/api/v1/cohorts/{year}", SIGNED_IN),
    case(
        "PUT /api/v1/cohorts/{year}/rules",
        "/api/v1/cohorts/{year}/rules",
        OFFICE,
        data={"quota": 40},
    ),
    case(
        "POST /api/v1/cohorts/{year}/open",
        "/api/v1/cohorts/{open_year}/open",
        OFFICE,
        prepare=_draft_cohort,
    ),
    case("POST /api/v1/cohorts/{year}/close", "/api/v1/cohorts/{year}/close", OFFICE),
    case(
        "PUT /api/v1/cohorts/{year}/rubric", "/api/v1/cohorts/{year}/rubric", OFFICE, data=_rubric
    ),
    case(
        "PUT /api/v1/cohorts/{year}/phases",
        "/api/v1/cohorts/{year}/phases",
        OFFICE,
        data={"phases": []},
    ),
    # A region's coordinator applies for their own region (the office may too).
    case(
        "POST /api/v1/cohorts/{year}/applications",
        "/api/v1/cohorts/{open_year}/applications",
        MANAGERS,
        ok=201,
        data={"region_code": "{code}"},
    ),
    case("GET /api/v1/applications", "/api/v1/applications", SIGNED_IN),
    case(
        "GET /api/v1/applications/{application_id}",
        "/api/v1/applications/{application}",
        APPLICATION_VIEWERS,
        denied=404,
    ),
    # Writes to an application in the making: Batanghari's draft, which only its region
    # and the office see.
    case(
        "PUT /api/v1/applications/{application_id}/content",
        "/api/v1/applications/{other_application}/content",
        BATANGHARI,
        denied=404,
        data={"answers": [{"criterion": "tik", "self_score": 2, "answer": "Fiber di kota"}]},
    ),
    case(
        "POST /api/v1/applications/{application_id}/evidence/{criterion}",
        "/api/v1/applications/{other_application}/evidence/{criterion}",
        BATANGHARI,
        ok=201,
        denied=404,
        data=_scan,
        json=False,
    ),
    case(
        "POST /api/v1/applications/{application_id}/submit",
        "/api/v1/applications/{other_application}/submit",
        BATANGHARI,
        denied=404,
        prepare=_batanghari_answered,
    ),
    case(
        "POST /api/v1/applications/{application_id}/reopen",
        "/api/v1/applications/{application}/reopen",
        OFFICE,
        seen_by=APPLICATION_VIEWERS,
        data={"reason": "Bukti kurang"},
    ),
    case(
        "POST /api/v1/applications/{application_id}/assignments",
        "/api/v1/applications/{application}/assignments",
        OFFICE,
        ok=201,
        data={"assessor": "asesor-lain"},
    ),
    case(
        "POST /api/v1/cohorts/{year}/assignments",
        "/api/v1/cohorts/{year}/assignments",
        OFFICE,
        ok=201,
        data={"assessors": ["asesor-lain", "assessor"]},
    ),
    case("GET /api/v1/assignments", "/api/v1/assignments", SIGNED_IN),
    case(
        "PUT /api/v1/assignments/{assignment_id}/scores",
        "/api/v1/assignments/{assignment}/scores",
        ASSESSOR,
        denied=404,
        special={"program_office": 403},
        data={"scores": [{"criterion": "tik", "score": 4, "comment": "Baik"}]},
    ),
    case(
        "POST /api/v1/assignments/{assignment_id}/submit",
        "/api/v1/assignments/{assignment}/submit",
        ASSESSOR,
        denied=404,
        special={"program_office": 403},
    ),
    case(
        "POST /api/v1/applications/{application_id}/interviews",
        "/api/v1/applications/{application}/interviews",
        ASSESSOR | OFFICE,
        ok=201,
        seen_by=APPLICATION_VIEWERS,
        data={"held_at": "2023-05-15T09:30:00+07:00", "attendees": "Bupati Batang"},
    ),
    # The score's make-up: the office and the assessors, not the region.
    case(
        "GET /api/v1/applications/{application_id}/score",
        "/api/v1/applications/{application}/score",
        ASSESSOR | OFFICE,
        seen_by=APPLICATION_VIEWERS,
    ),
    case(
        "POST /api/v1/cohorts/{year}/selection-runs",
        "/api/v1/cohorts/{year}/selection-runs",
        OFFICE,
        ok=201,
        data={},
        prepare=_close_registration,
    ),
    case("GET /api/v1/selection-runs/{run_id}", "/api/v1/selection-runs/{run}", OFFICE),
    case(
        "POST /api/v1/selection-decisions/{decision_id}/override",
        "/api/v1/selection-decisions/{decision}/override",
        OFFICE,
        data={"selected": False, "reason": "Kuota provinsi"},
    ),
    case(
        "POST /api/v1/selection-runs/{run_id}/publish",
        "/api/v1/selection-runs/{run}/publish",
        OFFICE,
        prepare=_close_registration,
    ),
    # Batang's result: its people and its assessor; a mentor sees the region but not its
    # application; outsiders are refused at the region.
    case(
        "GET /api/v1/cohorts/{year}/results/{region_code}",
        "/api/v1/cohorts/{year}/results/{code}",
        APPLICATION_VIEWERS,
        special={"mentor": 404},
    ),
    case("GET /api/v1/agreements", "/api/v1/agreements", SIGNED_IN),
    case(
        "POST /api/v1/cohorts/{year}/agreements",
        "/api/v1/cohorts/{year}/agreements",
        OFFICE,
        ok=201,
        prepare=_published,
    ),
    case(
        "POST /api/v1/agreements/sign",
        "/api/v1/agreements/sign",
        OFFICE,
        data={
            "agreement_ids": ["{agreement}"],
            "signed_on": TODAY,
            "mode": "virtual",
            "number_pattern": "{{n}}/KOMINFO/HK.03.02/07/2023",
            "ministry_signatory": SIGNATORIES[0],
        },
        prepare=_agreement(status="draft", number=None),
    ),
    case(
        "GET /api/v1/agreements/{agreement_id}",
        "/api/v1/agreements/{agreement}",
        REGION_VIEWERS,
        denied=404,
    ),
    case(
        "POST /api/v1/agreements/{agreement_id}/sign",
        "/api/v1/agreements/{agreement}/sign",
        OFFICE,
        seen_by=REGION_VIEWERS,
        data={
            "number": "27/KOMINFO/2023",
            "signed_on": TODAY,
            "mode": "virtual",
            "signatories": SIGNATORIES,
        },
        prepare=_agreement(status="draft", number=None),
    ),
    case(
        "POST /api/v1/agreements/{agreement_id}/scan",
        "/api/v1/agreements/{agreement}/scan",
        OFFICE,
        seen_by=REGION_VIEWERS,
        data=_scan,
        json=False,
    ),
    # The region posts the originals back (or the office for it).
    case(
        "POST /api/v1/agreements/{agreement_id}/send",
        "/api/v1/agreements/{agreement}/send",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"courier": "Pos Indonesia", "tracking_number": "P2307", "sent_on": TODAY},
    ),
    case(
        "POST /api/v1/agreements/{agreement_id}/receive",
        "/api/v1/agreements/{agreement}/receive",
        OFFICE,
        seen_by=REGION_VIEWERS,
        data={"received_on": TODAY},
        prepare=_agreement(status="sent", sent_on=timezone.localdate()),
    ),
    case(
        "POST /api/v1/agreements/{agreement_id}/archive",
        "/api/v1/agreements/{agreement}/archive",
        OFFICE,
        seen_by=REGION_VIEWERS,
        prepare=_agreement(status="received"),
    ),
    case("GET /api/v1/regions/{code}/bodies", "/api/v1/regions/{code}/bodies", REGION_VIEWERS),
    case(
        "PUT /api/v1/regions/{code}/bodies/{kind}",
        "/api/v1/regions/{code}/bodies/team",
        MANAGERS,
        data={"decree_number": "050/12/2023", "decree_date": "2023-02-01"},
    ),
    case(
        "POST /api/v1/regions/{code}/opds/import",
        "/api/v1/regions/{code}/opds/import",
        MANAGERS,
        data=_csv,
        json=False,
    ),
    case(
        "PUT /api/v1/opds/{opd_id}/commitment",
        "/api/v1/opds/{opd}/commitment",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data={"signed_by": "Kepala Dinkes", "signed_on": "2023-08-02"},
    ),
    case(
        "POST /api/v1/opds/{opd_id}/commitment/scan",
        "/api/v1/opds/{opd}/commitment/scan",
        MANAGERS,
        seen_by=REGION_VIEWERS,
        data=_scan,
        json=False,
    ),
    case(
        "POST /api/v1/regions/{code}/bodies/{kind}/decree",
        "/api/v1/regions/{code}/bodies/council/decree",
        MANAGERS,
        data=_scan,
        json=False,
    ),
    case("GET /api/v1/cohorts/{year}/funnel", "/api/v1/cohorts/{year}/funnel", OFFICE),
]


@pytest.mark.parametrize("item", PAGES + API)
def test_route_matrix(people, world, item) -> None:  # type: ignore[no-untyped-def]
    check(item, people, world)
