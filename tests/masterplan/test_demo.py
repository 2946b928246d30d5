"""The demo masterplans: Batang complete, reviewed and approved; four drafts in progress;
idempotent; and the program office's admin pages for every masterplan model.

The demo is written once for this module (about ten seconds) inside a transaction
rolled back at the end; each test runs in a savepoint of it. The 2023 assessment is
stood in for by fixed pillar scores, so the module does not build the whole cohort."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.db import transaction
from django.db.models import Sum
from django.test import Client, RequestFactory

from kotacerdas.accounts.models import User
from kotacerdas.masterplan import models, services, versions
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.regions.models import OPD, Dimension
from kotacerdas.seed.accounts import load_demo
from kotacerdas.seed.masterplan import load_masterplan_demo
from kotacerdas.seed.masterplan_drafts import PARTIAL_PLANS
from tests.queries import assert_queries

ASSESSED = {
    "struktur": Decimal("3.67"),
    "infrastruktur": Decimal("3.5"),
    "suprastruktur": Decimal("3.93"),
}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[list[Masterplan]]:
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        with mock.patch(
            "kotacerdas.masterplan.services.analysis.assessed_readiness", return_value=ASSESSED
        ):
            created = load_masterplan_demo()
        yield created
        transaction.set_rollback(True)


@pytest.fixture
def batang_plan(demo: list[Masterplan], db: Any) -> Masterplan:
    return Masterplan.objects.get(region_id="33.25")


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Masterplan,
            models.Program,
            models.Finding,
            models.BudgetLine,
            models.IndicatorTarget,
            models.ReviewComment,
            models.MasterplanVersion,
            OPD,
        )
    }


def test_batang_passes_the_checker_with_every_dimension_and_quick_wins(
    batang_plan: Masterplan,
) -> None:
    report = services.check_masterplan(batang_plan)
    assert report.can_submit and report.findings == [] and report.completeness == 100
    programs = list(batang_plan.programs.select_related("element__dimension"))
    assert 25 <= len(programs) <= 35
    covered = {p.element.dimension.code for p in programs}
    assert covered == set(Dimension.objects.values_list("code", flat=True))
    quick_wins = [p for p in programs if p.horizon == "quick_win"]
    assert 4 <= len(quick_wins) <= 6
    assert all(p.quick_win_reason and p.start_year == p.end_year for p in quick_wins)
    assert {p.horizon for p in programs} == {"quick_win", "short", "medium", "long"}
    assert all(p.goals.exists() for p in programs)
    supported = [p for p in programs if p.supporting_opds.exists()]
    assert len(supported) == len(programs)


def test_batang_budget_adds_up_in_whole_rupiah_from_every_source(batang_plan: Masterplan) -> None:
    summary = services.check_masterplan(batang_plan).budget
    lines = models.BudgetLine.objects.filter(program__masterplan=batang_plan)
    stored = lines.aggregate(total=Sum("amount"))["total"]
    assert (
        summary.total == stored == sum(summary.by_year.values()) == sum(summary.by_source.values())
    )
    assert set(summary.by_source) == {"apbd", "apbn", "dak", "kpbu", "csr"}
    assert min(summary.by_year) == 2024 and max(summary.by_year) == 2033
    # A kabupaten's ten-year smart-city plan: tens to hundreds of billions of Rupiah.
    assert 50_000_000_000 < summary.total < 500_000_000_000
    assert all(amount % 1_000_000 == 0 for amount in lines.values_list("amount", flat=True))


def test_batang_content_is_complete_and_in_its_authors_names(batang_plan: Masterplan) -> None:
    plan = batang_plan
    assert plan.vision and plan.missions and plan.targets and plan.leading_sectors
    assert plan.gap_analysis and plan.roadmap and plan.implementation_steps
    assert (plan.rpjmd_first_year, plan.rpjmd_last_year) == (2022, 2026) and plan.rpjmd_vision
    assert 6 <= plan.goals.count() <= 10
    population = plan.profile.get(key="population")
    assert population.year == 2022 and "BPS" in population.source
    assert plan.profile.get(key="area").value == Decimal("788.65")
    assert all(f.source and f.year for f in plan.profile.all())
    assert plan.strategies.count() == 18
    analyses = {a.pillar.code: a for a in plan.pillar_analyses.select_related("pillar")}
    assert {code: a.readiness for code, a in analyses.items()} == ASSESSED
    assert all(
        a.strengths and a.weaknesses and a.opportunities and a.threats for a in analyses.values()
    )
    findings = plan.findings.select_related("opd")
    assert len({f.opd_id for f in findings}) >= 10
    assert findings.filter(kind="potential").exists() and findings.filter(kind="problem").exists()
    set_aside = findings.exclude(set_aside_reason="")
    assert set_aside.count() == 1 and not set_aside.get().programs.exists()
    # The Dinkes officer wrote the Dinkes items; the coordinator the rest.
    officer = User.objects.get(username="batang.dinkes")
    dinkes_program = plan.programs.filter(lead_opd=officer.opd).first()
    assert dinkes_program is not None
    assert LogEntry.objects.get_for_object(dinkes_program).last().actor == officer
    other = plan.programs.exclude(lead_opd=officer.opd).first()
    assert LogEntry.objects.get_for_object(other).last().actor.username == "batang.kominfo"


def test_batang_was_reviewed_in_two_rounds(batang_plan: Masterplan) -> None:
    assert batang_plan.status == "approved"
    first, second = batang_plan.versions.order_by("number")
    change = versions.diff(first.snapshot, second.snapshot)
    assert not change.programs_added and not change.programs_removed
    (atcs,) = change.programs_changed
    assert atcs.name.startswith("Manajemen Lalu Lintas Cerdas")
    assert atcs.budget and atcs.budget_before == atcs.budget_after  # spread, not cut
    assert [i.change for i in atcs.indicators] == ["added"]
    threads = services.comment_threads(batang_plan)
    open_threads = [t for t in threads if t.resolved_at is None]
    resolved = [t for t in threads if t.resolved_at is not None]
    assert len(open_threads) >= 1 and len(resolved) >= 1
    program_thread = next(t for t in resolved if t.program is not None)
    assert [r.author.username for r in program_thread.replies.all()] == ["batang.kominfo"]
    assert models.ReviewMark.objects.filter(masterplan=batang_plan, version=second).exists()


def test_partial_plans_are_drafts_with_open_findings(demo: list[Masterplan], db: None) -> None:
    assert len(demo) == 1 + len(PARTIAL_PLANS) == 5
    for spec in PARTIAL_PLANS:
        plan = Masterplan.objects.get(region_id=spec.code)
        if spec.completion is not None:  # Musi Rawas: complete and submitted for review
            assert plan.status == "submitted" and services.check_masterplan(plan).can_submit
            continue
        assert plan.status == "draft"
        assert 5 <= plan.programs.count() <= 10
        assert plan.profile.filter(key="population").exists() and plan.findings.exists()
        report = services.check_masterplan(plan)
        assert report.errors and not report.can_submit, spec.code
        assert 0 < report.completeness < 100


def test_running_the_demo_again_creates_nothing(demo: list[Masterplan], db: None) -> None:
    before = _counts()
    assert load_masterplan_demo() == []
    assert _counts() == before


def test_a_region_without_its_coordinator_gets_a_clear_error_and_nothing(
    demo: list[Masterplan], db: None
) -> None:
    Masterplan.objects.filter(region_id="15.04").delete()
    User.objects.filter(username="batanghari.kominfo").delete()
    with pytest.raises(LookupError, match="Kabupaten Batanghari has no coordinator account"):
        load_masterplan_demo()
    assert not Masterplan.objects.filter(region_id="15.04").exists()


# The admin -------------------------------------------------------------------------------

ADMIN_MODELS = [
    "masterplan",
    "finding",
    "rpjmdgoal",
    "pillaranalysis",
    "strategy",
    "program",
    "budgetline",
    "programindicator",
    "indicatortarget",
    "profilefigure",
    "reviewcomment",
    "masterplanversion",
    "reviewmark",
]


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize("name", ADMIN_MODELS)
def test_program_office_opens_every_masterplan_admin_page(
    demo: list[Masterplan], db: None, name: str
) -> None:
    client = _client("kantor.program")
    listing = client.get(f"/admin/masterplan/{name}/")
    assert listing.status_code == 200
    model = admin.site._registry[
        next(m for m in admin.site._registry if m._meta.model_name == name)
    ].model
    obj = model.objects.order_by("pk").first()
    page = client.get(f"/admin/masterplan/{name}/{obj.pk}/change/")
    assert page.status_code == 200
    searched = client.get(f"/admin/masterplan/{name}/", {"q": "Batang'\"%"})
    assert searched.status_code == 200


def test_admin_shows_inlines_and_the_frozen_snapshot(batang_plan: Masterplan) -> None:
    client = _client("kantor.program")
    plan_page = client.get(
        f"/admin/masterplan/masterplan/{batang_plan.pk}/change/"
    ).content.decode()
    assert (
        "Kabupaten Batang" in plan_page
        and "T1" in plan_page
        and "BPS Kabupaten Batang" in plan_page
    )
    program = batang_plan.programs.get(name__startswith="Manajemen Lalu Lintas Cerdas")
    program_page = client.get(f"/admin/masterplan/program/{program.pk}/change/").content.decode()
    assert "Rata-rata waktu tempuh" in program_page and "3000000000" in program_page
    version = batang_plan.versions.get(number=1)
    version_page = client.get(f"/admin/masterplan/masterplanversion/{version.pk}/change/")
    assert version_page.status_code == 200
    body = version_page.content.decode()
    assert "Satu Data Batang" in body and 'name="_save"' not in body  # read-only
    assert client.get("/admin/masterplan/masterplanversion/add/").status_code == 403


def test_admin_filters_by_status_province_and_horizon(demo: list[Masterplan], db: None) -> None:
    client = _client("kantor.program")
    drafts = client.get(
        "/admin/masterplan/masterplan/", {"status__exact": "draft"}
    ).content.decode()
    assert "Kabupaten Sarolangun" in drafts and "Kabupaten Batang 2024" not in drafts
    assert "Kabupaten Musi Rawas" not in drafts  # submitted for review
    jawa_tengah = client.get(
        "/admin/masterplan/program/",
        {"masterplan__region__province__code__exact": "33", "horizon__exact": "quick_win"},
    )
    assert jawa_tengah.status_code == 200
    page = jawa_tengah.content.decode()
    assert "Bank Sampah Digital" in page and "Peta Digital Destinasi Wisata Sarolangun" not in page


def test_admin_is_the_program_office_only(demo: list[Masterplan], db: None) -> None:
    assert Client().get("/admin/masterplan/program/").status_code == 302  # to the login
    mentor = User.objects.get(username="mentor")
    mentor.is_staff = True
    mentor.save()
    assert _client("mentor").get("/admin/masterplan/program/").status_code == 403
    index = _client("mentor").get("/admin/").content.decode()
    assert "/admin/masterplan/" not in index


def test_admin_program_changelist_queries_are_bounded(demo, db) -> None:
    client = _client("kantor.program")
    with assert_queries("admin masterplan program changelist (demo, office)"):
        assert client.get("/admin/masterplan/program/").status_code == 200
    with assert_queries("admin masterplan reviewmark changelist (demo, office)"):
        assert client.get("/admin/masterplan/reviewmark/").status_code == 200


def test_an_admin_edit_makes_a_stale_editor_reload(batang_plan: Masterplan) -> None:
    program = batang_plan.programs.get(name="Satu Data Batang")
    seen = program.version
    request = RequestFactory().post("/")
    request.user = User.objects.get(username="kantor.program")
    program_admin = admin.site._registry[models.Program]
    program.description = "Diperbaiki oleh kantor program."
    program_admin.save_model(request, program, None, change=True)
    assert program.version == seen + 1
    batang_plan.status = "changes_requested"
    batang_plan.save()
    coordinator = User.objects.get(username="batang.kominfo")
    data = services.ProgramInput(
        name="Satu Data Batang",
        element="public-policy",
        lead_opd=program.lead_opd_id,
        horizon="medium",
        start_year=2024,
        end_year=2028,
    )
    with pytest.raises(services.EditConflict):
        services.save_program(
            coordinator, batang_plan, data, program=program, expected_version=seen
        )
    program.refresh_from_db()
    assert program.description == "Diperbaiki oleh kantor program."
