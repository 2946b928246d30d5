"""A small world with one of everything, for the role matrices (tests/routes.py) and the
query-count baselines: Batang's application (submitted, assessed, with evidence), its
signed agreement, council and OPD commitment with their files, a selection run,
Batanghari's draft application, Batang's masterplan with a program, findings, a goal, a
figure, a comment thread, a generated document and its legal file, jobs and a token.

Fixtures: `people` (the shared `users` plus an unassigned assessor and mentor),
`world` (the ids and codes matrix URLs are filled from) and `media_root`; a module
imports all three."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from kotacerdas.core.models import Job
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import OPD, OPDKind, Region
from tests import files

PDF = files.PDF


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def sign_the_paperwork(office: Any, coordinator: Any, application: Any, opd: Any) -> Any:
    """Batang's signed agreement, its council's decree and an OPD's commitment, each with
    its scan: the files the download routes serve. Returns the agreement."""
    from kotacerdas.program import services
    from kotacerdas.program.models import Agreement

    agreement = Agreement.objects.create(application=application)
    services.sign(
        office,
        agreement,
        number="26/KOMINFO/HK.03.02/05/2023",
        signed_on=date(2023, 7, 6),
        mode="virtual",
        signatories=[
            services.SignatoryInput("Semuel", "Dirjen Aptika", "ministry"),
            services.SignatoryInput("Wihaji", "Bupati Batang", "region"),
        ],
        scan=pdf("nota.pdf"),
    )
    services.save_body(
        coordinator,
        application.region,
        kind="council",
        decree_number="555.6/2019",
        decree_date=date(2019, 9, 2),
        decree_file=pdf("sk.pdf"),
    )
    services.record_commitment(
        coordinator, opd, signed_by="Kepala Dinkes", signed_on=date(2023, 8, 1), scan=pdf()
    )
    return agreement


def _program_world(people: dict[str, Any], batang: Any, batanghari: Any) -> dict[str, Any]:
    from kotacerdas.program import services
    from kotacerdas.program.models import SelectionDecision, SelectionRun
    from tests.program.conftest import CRITERIA, answer_all

    office, coordinator = people["program_office"], people["coordinator"]
    cohort = services.create_cohort(
        office,
        year=2023,
        name="Gerakan Menuju Smart City 2023",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=10),
        phases=[services.PhaseInput("applications", date(2023, 3, 1), date(2023, 4, 30))],
        criteria=CRITERIA,
    )
    services.set_cohort_status(office, cohort, "open")
    application = services.start_application(coordinator, cohort, batang)
    answer_all(coordinator, application)
    evidence = services.add_evidence(coordinator, application, "kebijakan", pdf("perbup.pdf"))
    services.submit_application(coordinator, application)
    assignment = services.assign_assessor(office, application, people["assessor"])
    services.save_scores(
        people["assessor"],
        assignment,
        [services.ScoreInput(c.code, 3, "Cukup") for c in CRITERIA],
    )
    other = services.start_application(people["other_coordinator"], cohort, batanghari)
    run = SelectionRun.objects.create(
        cohort=cohort,
        run_by=office,
        rules={"quota": 50},
        status="optimal",
        objective=Decimal(3),
        greedy_objective=Decimal(3),
        solve_seconds=0.1,
    )
    decision = SelectionDecision.objects.create(
        run=run,
        application=application,
        optimiser_selected=True,
        in_top_n=True,
        selected=True,
        rank=1,
        score=Decimal(3),
        reason="selected",
    )
    # A second cohort, open and with no application yet: for starting one.
    later = services.create_cohort(
        office,
        year=2024,
        name="Gerakan Menuju Smart City 2024",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=30),
        criteria=CRITERIA,
    )
    services.set_cohort_status(office, later, "open")
    agreement = sign_the_paperwork(office, coordinator, application, people["opd_officer"].opd)
    return {
        "year": cohort.year,
        "open_year": later.year,
        "application": application.pk,
        "other_application": other.pk,
        "evidence": evidence.pk,
        "criterion": CRITERIA[0].code,
        "assignment": assignment.pk,
        "run": run.pk,
        "decision": decision.pk,
        "agreement": agreement.pk,
    }


def _masterplan_world(people: dict[str, Any], batang: Any) -> dict[str, Any]:
    from kotacerdas.masterplan import services, tasks
    from tests.masterplan.conftest import program_input

    coordinator, mentor = people["coordinator"], people["mentor"]
    dinkes = people["opd_officer"].opd
    plan = services.start_masterplan(coordinator, batang, 2024)
    program = services.save_program(people["opd_officer"], plan, program_input(dinkes.pk))
    problem = services.save_finding(
        coordinator, plan, services.FindingInput("problem", "Antrean panjang", dinkes.pk)
    )
    duplicate = services.save_finding(
        coordinator, plan, services.FindingInput("problem", "Antrean lama", dinkes.pk)
    )
    goal = services.save_goal(coordinator, plan, code="T9", text="Tata kelola yang melayani")
    figure = services.set_profile_figure(
        coordinator, plan, key="population", value="810000", unit="jiwa", year=2022, source="BPS"
    )
    comment = services.add_comment(mentor, plan, "Lengkapi data penduduk.", section="profile")
    # Two versions, as two submissions would leave them, for the version pages.
    from kotacerdas.masterplan import versions
    from kotacerdas.masterplan.models import MasterplanVersion

    for number in (1, 2):
        MasterplanVersion.objects.create(
            masterplan=plan, number=number, created_by=coordinator, snapshot=versions.snapshot(plan)
        )
    plan.legal_number = "12 Tahun 2025"
    plan.legal_file.save("perbup.pdf", ContentFile(PDF), save=False)
    plan.save()
    document = Job.objects.create(
        kind=tasks.MASTERPLAN_DOCUMENT,
        requested_by=coordinator,
        params={"masterplan_id": plan.pk, "fmt": "docx"},
        status="succeeded",
    )
    document.result_file.save(f"{document.pk}/masterplan-batang.docx", ContentFile(b"PK\x03\x04"))
    return {
        "plan": plan.pk,
        "program": program.pk,
        "program_version": program.version,
        "finding": problem.pk,
        "duplicate": duplicate.pk,
        "goal": goal.pk,
        "figure": figure.pk,
        "comment": comment.pk,
        "document": document.pk,
    }


def _people(batang: Region, batanghari: Region) -> dict[str, Any]:
    """The shared `users` of tests/conftest.py, and an unassigned assessor and mentor."""
    from kotacerdas.accounts.models import User
    from tests.conftest import PASSWORD

    def make(username: str, role: str = "", **extra: Any) -> Any:
        user = User(username=username, role=role, email=f"{username}@example.org", **extra)
        user.set_password(PASSWORD)
        user.save()
        return user

    dinkes = OPD.objects.create(
        region=batang, name="Dinas Kesehatan Batang", abbreviation="Dinkes", kind=OPDKind.DINAS
    )
    people = {
        "program_office": make("office", Role.PROGRAM_OFFICE),
        "assessor": make("assessor", Role.ASSESSOR),
        "unassigned_assessor": make("asesor-lain", Role.ASSESSOR),
        "mentor": make("mentor", Role.MENTOR),
        "unassigned_mentor": make("mentor-lain", Role.MENTOR),
        "coordinator": make("coord", Role.REGION_COORDINATOR, region=batang),
        "opd_officer": make("officer", Role.OPD_OFFICER, region=batang, opd=dinkes),
        "other_coordinator": make("coord-bh", Role.REGION_COORDINATOR, region=batanghari),
        "no_role": make("nobody"),
    }
    people["assessor"].assigned_regions.add(batang)
    people["mentor"].assigned_regions.add(batang)
    return people


def _build(batang: Region, batanghari: Region) -> tuple[dict[str, Any], dict[str, Any]]:
    from kotacerdas.accounts.services import create_token

    people = _people(batang, batanghari)
    coordinator = people["coordinator"]
    failed = Job.objects.create(
        kind="regions.export_csv", requested_by=coordinator, status="failed", error="Gagal"
    )
    token, _raw = create_token(coordinator, "Matriks")
    spare = OPD.objects.create(region=batang, name="Dinas Arsip Batang", kind=OPDKind.DINAS)
    world = {
        "code": batang.code,
        "other_code": batanghari.code,
        "opd": people["opd_officer"].opd_id,
        "spare_opd": spare.pk,  # referred to by nothing, so it can be deleted
        "failed_job": failed.pk,
        "token": token.pk,
        **_program_world(people, batang, batanghari),
        **_masterplan_world(people, batang),
    }
    return people, world


@dataclass
class Shared:
    people: dict[str, Any]
    world: dict[str, Any]
    media: Path


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The world, built once per test module inside a transaction that is rolled back
    after the module; each test runs in a savepoint within it (pytest-django's own), so
    what a test writes is gone before the next. Building it for every test would cost
    more than the requests the matrices make."""
    media = tmp_path_factory.mktemp("world-media")
    test_settings = override_settings(
        MEDIA_ROOT=media,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    )
    with django_db_blocker.unblock(), test_settings, translation.override("en"):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            batang, batanghari = Region.objects.get(pk="33.25"), Region.objects.get(pk="15.04")
            people, world = _build(batang, batanghari)
            yield Shared(people, world, media)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def people(shared_world, db):  # type: ignore[no-untyped-def]
    return shared_world.people


@pytest.fixture
def world(shared_world, db):  # type: ignore[no-untyped-def]
    return dict(shared_world.world)


@pytest.fixture
def media_root(settings, shared_world):  # type: ignore[no-untyped-def]
    """Overrides the suite's per-test media root: the world's files are where it saved
    them. Import it into a module with `people` and `world`."""
    settings.MEDIA_ROOT = shared_world.media
