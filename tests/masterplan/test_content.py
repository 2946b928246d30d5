"""A masterplan's content: overview, profile, findings, goals, analyses, strategies,
deleting programs; who may write it, bad input, and the plan's status."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kotacerdas.core.roles import Role
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import (
    Finding,
    Masterplan,
    MasterplanStatus,
    PillarAnalysis,
    ProfileFigure,
    Program,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.regions.models import Province
from tests.masterplan.conftest import program_input


@pytest.fixture
def bappeda(make_opd, batang):  # type: ignore[no-untyped-def]
    return make_opd(batang, "Bappeda Batang")


def _problem(actor, plan, opd_id, title="Antrean panjang di puskesmas", **extra):  # type: ignore[no-untyped-def]
    data = services.FindingInput(kind="problem", title=title, opd=opd_id, **extra)
    return services.save_finding(actor, plan, data)


def _unaddressed(plan: Masterplan) -> set[str]:
    report = services.check_masterplan(plan)
    return {f.anchor for f in report.findings if f.code == "problem_unaddressed"}


# Overview ----------------------------------------------------------------------------


def test_coordinator_writes_vision_and_rpjmd_period(users, plan) -> None:  # type: ignore[no-untyped-def]
    services.update_overview(
        users["coordinator"],
        plan,
        vision="  Batang Cerdas 2033  ",
        rpjmd_first_year=2022,
        rpjmd_last_year=2026,
    )
    plan.refresh_from_db()
    assert plan.vision == "Batang Cerdas 2033"
    assert (plan.rpjmd_first_year, plan.rpjmd_last_year) == (2022, 2026)
    # A period named after the head of region's term (2021-2026) is also a five-year plan.
    services.update_overview(users["coordinator"], plan, rpjmd_first_year=2021)
    plan.refresh_from_db()
    assert plan.rpjmd_first_year == 2021 and plan.vision == "Batang Cerdas 2033"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"status": "approved"}, "status", "cannot be changed"),
        ({"rpjmd_first_year": 2022, "rpjmd_last_year": 2020}, "rpjmd_last_year", "before"),
        ({"rpjmd_first_year": 2022, "rpjmd_last_year": 2024}, "rpjmd_last_year", "five-year"),
        ({"rpjmd_first_year": 2022, "rpjmd_last_year": 2032}, "rpjmd_last_year", "2026"),
        ({"rpjmd_first_year": 2022}, "rpjmd_last_year", "both"),
        ({"rpjmd_first_year": "2022", "rpjmd_last_year": 2026}, "rpjmd_first_year", "year"),
    ],
)
def test_bad_overview_is_refused_and_saves_nothing(users, plan, fields, field, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        services.update_overview(users["coordinator"], plan, vision="Visi baru", **fields)
    assert words in " ".join(error.value.message_dict[field])
    assert plan.vision == ""  # the caller's object is untouched too
    plan.refresh_from_db()
    assert plan.vision == "" and plan.status == MasterplanStatus.DRAFT


def test_only_the_regions_coordinator_writes_the_overview(users, plan) -> None:  # type: ignore[no-untyped-def]
    for role in ("opd_officer", "other_coordinator", "mentor", "no_role"):
        with pytest.raises(PermissionDenied):
            services.update_overview(users[role], plan, vision="x")
    services.update_overview(users["program_office"], plan, vision="Disunting kantor program")


# Profile -----------------------------------------------------------------------------


def test_profile_figures_are_recorded_and_replaced(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    services.set_profile_figure(
        coordinator, plan, key="population", value=801_718, year=2022, source="BPS", unit="jiwa"
    )
    services.set_profile_figure(
        coordinator, plan, key="population", value=812_000, year=2023, source="BPS 2024"
    )
    other = services.set_profile_figure(
        coordinator,
        plan,
        key="other",
        label="Pertumbuhan ekonomi",
        value=Decimal("-1.2"),
        year=2020,
        source="BPS",
        unit="%",
    )
    population = plan.profile.get(key="population")
    assert (population.value, population.year, population.source) == (812_000, 2023, "BPS 2024")
    assert plan.profile.count() == 2
    with pytest.raises(ValidationError) as error:
        services.set_profile_figure(
            coordinator, plan, key="population", value=1, year=2023, source="x", figure=other
        )
    assert "already recorded" in error.value.message_dict["key"][0]
    services.delete_profile_figure(coordinator, other)
    assert list(plan.profile.values_list("key", flat=True)) == ["population"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"value": -5}, "value"),
        ({"value": "banyak"}, "value"),
        ({"year": timezone.now().year + 1}, "year"),
        ({"year": "2023"}, "year"),
        ({"source": "  "}, "source"),
        ({"key": "other"}, "label"),
        ({"key": "gdp"}, "key"),
    ],
)
def test_bad_profile_figures_are_refused(users, plan, change, field) -> None:  # type: ignore[no-untyped-def]
    figure = {"key": "apbd", "value": 2_100_000_000_000, "year": 2023, "source": "DJPK"}
    with pytest.raises(ValidationError) as error:
        services.set_profile_figure(users["coordinator"], plan, **{**figure, **change})
    assert field in error.value.message_dict
    assert not ProfileFigure.objects.exists()
    with pytest.raises(PermissionDenied):
        services.set_profile_figure(users["opd_officer"], plan, **figure)


# Potentials and problems -------------------------------------------------------------


def test_opd_officer_records_findings_for_own_opd_only(users, plan, bappeda) -> None:  # type: ignore[no-untyped-def]
    officer, coordinator = users["opd_officer"], users["coordinator"]
    finding = _problem(officer, plan, officer.opd_id, element="health", evidence="Data SIMPUS")
    assert (finding.opd_id, finding.element.code) == (officer.opd_id, "health")
    with pytest.raises(PermissionDenied):
        _problem(officer, plan, bappeda.pk, title="Data perencanaan tersebar")
    theirs = _problem(coordinator, plan, bappeda.pk, title="Data perencanaan tersebar")
    with pytest.raises(PermissionDenied):  # another OPD's finding
        services.delete_finding(officer, theirs)
    moved = services.FindingInput(kind="problem", title="Antrean", opd=bappeda.pk)
    with pytest.raises(PermissionDenied):  # nor hand their own to another OPD
        services.save_finding(officer, plan, moved, finding=finding)
    edited = services.FindingInput(kind="problem", title="Antrean pasien", opd=officer.opd_id)
    services.save_finding(officer, plan, edited, finding=finding)
    assert Finding.objects.get(pk=finding.pk).title == "Antrean pasien"
    with pytest.raises(PermissionDenied):
        _problem(users["other_coordinator"], plan, bappeda.pk)
    services.delete_finding(officer, finding)
    assert list(Finding.objects.values_list("title", flat=True)) == ["Data perencanaan tersebar"]


def test_bad_findings_name_the_field(users, plan, make_opd, batanghari) -> None:  # type: ignore[no-untyped-def]
    coordinator, opd = users["coordinator"], users["opd_officer"].opd_id
    foreign = make_opd(batanghari, "Dinas Kesehatan Batanghari")
    cases = [
        (services.FindingInput("problem", "Judul", foreign.pk), "opd"),
        (services.FindingInput("problem", "Judul", opd, element="teleport"), "element"),
        (services.FindingInput("threat", "Judul", opd), "kind"),
        (services.FindingInput("problem", "   ", opd), "title"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as error:
            services.save_finding(coordinator, plan, data)
        assert field in error.value.message_dict
    assert not Finding.objects.exists()


def test_merge_moves_program_links_and_the_checker_stops_counting(users, plan, bappeda) -> None:  # type: ignore[no-untyped-def]
    coordinator, officer = users["coordinator"], users["opd_officer"]
    keep = _problem(officer, plan, officer.opd_id, description="Antrean > 2 jam")
    duplicate = _problem(
        coordinator, plan, bappeda.pk, title="Layanan kesehatan lambat", evidence="Survei 2023"
    )
    program = services.save_program(
        coordinator, plan, program_input(officer.opd_id, problems=[duplicate.pk])
    )
    assert _unaddressed(plan) == {f"problem-{keep.pk}"}
    with pytest.raises(PermissionDenied):
        services.merge_findings(officer, keep, [duplicate])

    services.merge_findings(coordinator, keep, [duplicate])

    program = Program.objects.get(pk=program.pk)
    assert list(program.problems.all()) == [keep]
    assert program.version == 2  # an editor holding the old links is told on save
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == keep
    assert keep.description == "Antrean > 2 jam" and keep.evidence == "Survei 2023"
    assert _unaddressed(plan) == set()


def test_bad_merges_are_refused(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator, opd = users["coordinator"], users["opd_officer"].opd_id
    keep = _problem(coordinator, plan, opd)
    potential = services.save_finding(
        coordinator, plan, services.FindingInput("potential", "Wisata pantai", opd)
    )
    for duplicates in ([], [keep], [potential]):
        with pytest.raises(ValidationError) as error:
            services.merge_findings(coordinator, keep, duplicates)
        assert "duplicates" in error.value.message_dict
    assert not Finding.objects.exclude(merged_into=None).exists()


def test_a_problem_set_aside_with_a_reason_is_no_longer_unaddressed(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    problem = _problem(users["opd_officer"], plan, users["opd_officer"].opd_id)
    assert _unaddressed(plan) == {f"problem-{problem.pk}"}
    with pytest.raises(PermissionDenied):
        services.set_aside_problem(users["opd_officer"], problem, "Ditangani provinsi")
    services.set_aside_problem(coordinator, problem, "  Ditangani program provinsi  ")
    assert Finding.objects.get(pk=problem.pk).set_aside_reason == "Ditangani program provinsi"
    assert _unaddressed(plan) == set()
    services.set_aside_problem(coordinator, problem, "")
    assert _unaddressed(plan) == {f"problem-{problem.pk}"}
    potential = services.save_finding(
        coordinator, plan, services.FindingInput("potential", "Wisata", problem.opd_id)
    )
    with pytest.raises(ValidationError, match="Only problems"):
        services.set_aside_problem(coordinator, potential, "alasan")


# RPJMD goals -------------------------------------------------------------------------


def test_goals_have_unique_codes_and_in_use_ones_stay(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    goal = services.save_goal(coordinator, plan, code="T1", text="Tata kelola yang efektif")
    with pytest.raises(ValidationError) as error:
        services.save_goal(coordinator, plan, code="t1", text="Lain")
    assert "already exists" in error.value.message_dict["code"][0]
    with pytest.raises(ValidationError) as error:
        services.save_goal(coordinator, plan, code=" ", text="")
    assert set(error.value.message_dict) == {"code", "text"}
    services.save_goal(coordinator, plan, code="T1", text="Tata kelola yang bersih", goal=goal)
    assert RpjmdGoal.objects.get().text == "Tata kelola yang bersih"
    with pytest.raises(PermissionDenied):
        services.save_goal(users["opd_officer"], plan, code="T2", text="x")
    services.save_program(
        coordinator, plan, program_input(users["opd_officer"].opd_id, goals=[goal.pk])
    )
    with pytest.raises(ValidationError, match="served by 1 program"):
        services.delete_goal(coordinator, goal)
    Program.objects.all().delete()
    services.delete_goal(coordinator, goal)
    assert not RpjmdGoal.objects.exists()


# Readiness and SWOT ------------------------------------------------------------------


def test_pillar_analysis_is_saved_and_bad_readiness_refused(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    services.save_pillar_analysis(
        coordinator, plan, "struktur", readiness=Decimal("3.25"), strengths="SDM TIK memadai"
    )
    analysis = PillarAnalysis.objects.get(masterplan=plan, pillar__code="struktur")
    assert (analysis.readiness, analysis.strengths) == (Decimal("3.25"), "SDM TIK memadai")
    for readiness in (Decimal("5.5"), Decimal("0"), Decimal("3.333"), "tinggi"):
        with pytest.raises(ValidationError) as error:
            services.save_pillar_analysis(coordinator, plan, "struktur", readiness=readiness)
        assert "readiness" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.save_pillar_analysis(coordinator, plan, "budaya", readiness=3)
    assert "pillar" in error.value.message_dict
    assert PillarAnalysis.objects.get(pk=analysis.pk).readiness == Decimal("3.25")
    services.save_pillar_analysis(coordinator, plan, "struktur", readiness=None)
    assert PillarAnalysis.objects.get(pk=analysis.pk).readiness is None


def _published_assessment(users, batang, make_user):  # type: ignore[no-untyped-def]
    """Batang's 2023 application, scored by two assessors, its selection published."""
    from kotacerdas.program import services as program
    from tests.program.conftest import CRITERIA, submitted

    office = users["program_office"]
    cohort = program.create_cohort(
        office,
        year=2023,
        name="Gerakan Menuju Smart City 2023",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=10),
        phases=[program.PhaseInput("applications", date(2023, 3, 1), date(2023, 4, 30))],
        criteria=CRITERIA,
    )
    program.set_cohort_status(office, cohort, "open")
    application = submitted(users["coordinator"], cohort, batang)
    program.close_applications(office, cohort)  # the selection runs after registration
    # kebijakan: suprastruktur, tik: infrastruktur, anggaran: struktur
    for province, scores in (("31", (4, 3, 2)), ("15", (3, 3, 2))):
        home = Province.objects.get(pk=province)
        assessor = make_user(f"asesor-{province}", Role.ASSESSOR, home_province=home)
        assignment = program.assign_assessor(office, application, assessor)
        program.save_scores(
            assessor,
            assignment,
            [
                program.ScoreInput(code, score, "alasan")
                for code, score in zip(("kebijakan", "tik", "anggaran"), scores, strict=True)
            ],
        )
    return office, program, cohort


def test_a_new_masterplan_is_prefilled_from_the_published_assessment(
    users, batang, make_user
) -> None:  # type: ignore[no-untyped-def]
    office, program, cohort = _published_assessment(users, batang, make_user)
    unpublished = services.start_masterplan(users["coordinator"], batang, 2023)
    assert not unpublished.pillar_analyses.exists()  # scores are private until published
    program.publish_selection(office, program.run_selection(office, cohort))

    plan = services.start_masterplan(users["coordinator"], batang, 2024)

    readiness = dict(plan.pillar_analyses.values_list("pillar__code", "readiness"))
    assert readiness == {
        "suprastruktur": Decimal("3.50"),
        "infrastruktur": Decimal("3.00"),
        "struktur": Decimal("2.00"),
    }


def test_prefill_fills_only_empty_readiness(users, plan, batang, make_user) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    assert services.prefill_readiness(coordinator, plan) == 0
    office, program, cohort = _published_assessment(users, batang, make_user)
    program.publish_selection(office, program.run_selection(office, cohort))
    services.save_pillar_analysis(coordinator, plan, "struktur", readiness=Decimal("2.75"))
    with pytest.raises(PermissionDenied):
        services.prefill_readiness(users["opd_officer"], plan)

    assert services.prefill_readiness(coordinator, plan) == 2

    readiness = dict(plan.pillar_analyses.values_list("pillar__code", "readiness"))
    assert readiness["struktur"] == Decimal("2.75")  # what the region typed stays
    assert readiness["suprastruktur"] == Decimal("3.50")
    assert services.prefill_readiness(coordinator, plan) == 0


# Strategies and programs -------------------------------------------------------------


def test_strategy_is_set_changed_and_deleted_by_empty_text(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    services.save_strategy(coordinator, plan, "health", "Integrasi layanan puskesmas")
    services.save_strategy(coordinator, plan, "health", "Rekam medis elektronik terpadu")
    assert Strategy.objects.get().text == "Rekam medis elektronik terpadu"
    with pytest.raises(ValidationError) as error:
        services.save_strategy(coordinator, plan, "teleport", "x")
    assert "element" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.save_strategy(users["opd_officer"], plan, "health", "x")
    assert services.save_strategy(coordinator, plan, "health", "  ") is None
    assert not Strategy.objects.exists()


def test_opd_officer_deletes_own_programs_only(users, plan, bappeda) -> None:  # type: ignore[no-untyped-def]
    officer, coordinator = users["opd_officer"], users["coordinator"]
    own = services.save_program(officer, plan, program_input(officer.opd_id))
    theirs = services.save_program(coordinator, plan, program_input(bappeda.pk, name="SIPD"))
    with pytest.raises(PermissionDenied):
        services.delete_program(officer, theirs)
    with pytest.raises(PermissionDenied):
        services.delete_program(users["other_coordinator"], own)
    services.delete_program(officer, own)
    assert list(Program.objects.values_list("name", flat=True)) == ["SIPD"]


# Once submitted ----------------------------------------------------------------------


def test_nothing_changes_once_the_plan_is_submitted(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator, officer = users["coordinator"], users["opd_officer"]
    problem = _problem(officer, plan, officer.opd_id)
    other = _problem(coordinator, plan, officer.opd_id, title="Duplikat")
    goal = services.save_goal(coordinator, plan, code="T1", text="Tujuan")
    figure = services.set_profile_figure(
        coordinator, plan, key="area", value=788, year=2023, source="BPS"
    )
    program = services.save_program(officer, plan, program_input(officer.opd_id))
    Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.SUBMITTED)
    plan.refresh_from_db()
    problem.refresh_from_db()  # objects carry the plan they were loaded with
    attempts = [
        lambda: services.update_overview(coordinator, plan, vision="x"),
        lambda: services.set_profile_figure(
            coordinator, plan, key="pad", value=1, year=2023, source="x"
        ),
        lambda: services.delete_profile_figure(coordinator, ProfileFigure.objects.get()),
        lambda: _problem(officer, plan, officer.opd_id, title="Baru"),
        lambda: services.delete_finding(officer, Finding.objects.get(pk=problem.pk)),
        lambda: services.merge_findings(
            coordinator, Finding.objects.get(pk=problem.pk), [Finding.objects.get(pk=other.pk)]
        ),
        lambda: services.set_aside_problem(coordinator, Finding.objects.get(pk=problem.pk), "x"),
        lambda: services.save_goal(coordinator, plan, code="T2", text="x"),
        lambda: services.delete_goal(coordinator, RpjmdGoal.objects.get()),
        lambda: services.save_pillar_analysis(coordinator, plan, "struktur", readiness=3),
        lambda: services.prefill_readiness(coordinator, plan),
        lambda: services.save_strategy(coordinator, plan, "health", "x"),
        lambda: services.delete_program(officer, Program.objects.get()),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError, match="cannot be edited"):
            attempt()
    assert Finding.objects.count() == 2 and RpjmdGoal.objects.get() == goal
    assert ProfileFigure.objects.get() == figure and Program.objects.get() == program
    assert not PillarAnalysis.objects.exists() and not Strategy.objects.exists()
