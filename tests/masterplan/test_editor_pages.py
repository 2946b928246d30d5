"""The masterplan editor pages: who sees what, the program form with its bad input and
concurrent edits, the programs page's queries at 150 programs, import, documents."""

import html
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import Client
from openpyxl import load_workbook

from kotacerdas.core.forms import RupiahField
from kotacerdas.core.models import Job, JobStatus
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import services, spreadsheet
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus, Program
from kotacerdas.masterplan.spreadsheet import layout
from kotacerdas.seed.synthetic import build_synthetic_masterplan
from tests.masterplan.conftest import program_input
from tests.queries import assert_queries

ROLES = ["program_office", "mentor", "unassigned_mentor", "coordinator", "other_coordinator"]
ROLES += ["opd_officer", "anonymous"]
VIEWERS = {"program_office", "mentor", "coordinator", "opd_officer"}


@pytest.fixture
def people(users, make_user):  # type: ignore[no-untyped-def]
    return {**users, "unassigned_mentor": make_user("mentor-2", Role.MENTOR), "anonymous": None}


@pytest.fixture
def dinkes_program(users, plan) -> Program:  # type: ignore[no-untyped-def]
    return services.save_program(
        users["opd_officer"], plan, program_input(users["opd_officer"].opd_id)
    )


def _as(user: Any, language: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    if user is not None:
        client.force_login(user)
    return client


def _invalid(page: str, field_id: str) -> bool:
    """The field is marked invalid for screen readers."""
    tag = re.search(rf'<(?:input|select|textarea)[^>]*id="{re.escape(field_id)}"[^>]*>', page)
    return bool(tag and 'aria-invalid="true"' in tag.group(0))


def _post_data(opd_id: int, **overrides: Any) -> dict[str, Any]:
    """The program form as a browser posts it: a 2024-2026 health program."""
    data: dict[str, Any] = {
        "name": "Puskesmas Digital",
        "description": "Rekam medis elektronik di semua puskesmas.",
        "element": "health",
        "lead_opd": str(opd_id),
        "horizon": "medium",
        "start_year": "2024",
        "end_year": "2026",
        "quick_win_reason": "",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-0-year": "2024",
        "budget-0-source": "apbd",
        "budget-0-amount": "Rp 250.000.000",
        "budget-1-year": "2025",
        "budget-1-source": "dak",
        "budget-1-amount": "400000000",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-kind": "outcome",
        "indicators-0-name": "Puskesmas dengan rekam medis elektronik",
        "indicators-0-unit": "%",
        "indicators-0-baseline_year": "2023",
        "indicators-0-baseline_value": "20",
        "indicators-0-target_2024": "40",
        "indicators-0-target_2025": "70",
        "indicators-0-target_2026": "100",
    }
    data.update(overrides)
    return data


# Who sees which page -----------------------------------------------------------------------


def _urls(plan: Masterplan, program: Program) -> dict[str, str]:
    base = f"/masterplans/{plan.pk}"
    return {
        "detail": f"{base}/",
        "programs": f"{base}/programs/",
        "program-edit": f"{base}/programs/{program.pk}/",
        "program-new": f"{base}/programs/new/",
        "import": f"{base}/import/",
        "export": f"{base}/export.xlsx",
        "documents": f"{base}/documents/",
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_each_page_as_it_should(  # type: ignore[no-untyped-def]
    people, plan, dinkes_program, role
) -> None:
    client = _as(people[role])
    expected_list = 302 if role == "anonymous" else 200
    assert client.get("/masterplans/").status_code == expected_list
    assert client.get("/masterplans/template.xlsx").status_code == expected_list
    for page, url in _urls(plan, dinkes_program).items():
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        elif role not in VIEWERS:  # another region's plan does not exist for them
            assert response.status_code == 404, (role, url)
        elif page == "program-new" and role == "mentor":  # reviewers read, they do not write
            assert response.status_code == 403, url
        else:
            assert response.status_code == 200, (role, url)


def test_only_the_writers_of_a_program_may_post_it(  # type: ignore[no-untyped-def]
    people, plan, dinkes_program, make_opd, batang
) -> None:
    url = f"/masterplans/{plan.pk}/programs/{dinkes_program.pk}/"
    data = _post_data(dinkes_program.lead_opd_id, name="Diubah", version="1")
    assert _as(people["mentor"]).post(url, data).status_code == 403
    assert _as(people["other_coordinator"]).post(url, data).status_code == 404
    # An officer of another OPD reads the program but may not change it.
    other = people["opd_officer"].__class__.objects.create(
        username="disdik", role=Role.OPD_OFFICER, region=batang, opd=make_opd(batang, "Disdik")
    )
    page = _as(other).get(url).content.decode()
    assert "Simpan" not in page and "Save the program" not in page and "disabled" in page
    assert _as(other).post(url, data).status_code == 403
    assert _as(people["mentor"]).post(f"{url}delete/").status_code == 403
    dinkes_program.refresh_from_db()
    assert dinkes_program.name == "Puskesmas Digital"


def test_the_programs_page_groups_programs_and_marks_what_each_may_edit(  # type: ignore[no-untyped-def]
    users, plan, dinkes_program, make_opd, batang
) -> None:
    other_opd = make_opd(batang, "Dinas Pendidikan Batang", abbreviation="Disdik")
    services.save_program(
        users["coordinator"], plan, program_input(other_opd.pk, name="Sekolah Digital")
    )
    page = _as(users["opd_officer"]).get(f"/masterplans/{plan.pk}/programs/").content.decode()
    living = page.split('id="dimension-living"')[1].split("</section>")[0]
    assert "Puskesmas Digital" in living and "Sekolah Digital" in living
    rows = {
        name: re.search(rf"{name}</a>.*?</tr>", living, re.S).group(0)  # type: ignore[union-attr]
        for name in ("Puskesmas Digital", "Sekolah Digital")
    }
    assert ">Edit<" in rows["Puskesmas Digital"] and ">View<" in rows["Sekolah Digital"]
    # Budget total, indicators and the checker's findings per program.
    assert "Rp650.000.000" in rows["Puskesmas Digital"]
    assert "1 warning" in rows["Puskesmas Digital"]  # not linked to an RPJMD goal yet
    assert 'id="dimension-governance"' in page and "No program in this dimension yet" in page
    coordinator = _as(users["coordinator"]).get(f"/masterplans/{plan.pk}/programs/")
    assert coordinator.content.decode().count(">Edit<") == 2


# The program form --------------------------------------------------------------------------


def test_an_opd_officer_adds_a_program_for_their_own_opd(users, plan, make_opd, batang) -> None:  # type: ignore[no-untyped-def]
    officer = users["opd_officer"]
    client = _as(officer)
    page = client.get(f"/masterplans/{plan.pk}/programs/new/").content.decode()
    assert re.search(r'<select name="lead_opd"[^>]*disabled', page)
    other = make_opd(batang, "Dinas Pendidikan")
    # The lead OPD is fixed: a value posted for another OPD is ignored.
    response = client.post(f"/masterplans/{plan.pk}/programs/new/", _post_data(other.pk))
    program = Program.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/masterplans/{plan.pk}/programs/#program-{program.pk}"
    assert program.lead_opd_id == officer.opd_id
    assert sorted(program.budget.values_list("year", "source", "amount")) == [
        (2024, "apbd", 250_000_000),
        (2025, "dak", 400_000_000),
    ]
    indicator = program.indicators.get()
    assert indicator.baseline_value == Decimal(20)
    assert dict(indicator.targets.values_list("year", "value")) == {
        2024: Decimal(40),
        2025: Decimal(70),
        2026: Decimal(100),
    }
    programs_page = client.get(response["Location"]).content.decode()
    assert "Puskesmas Digital" in programs_page and "Rp650.000.000" in programs_page


def test_targets_are_read_as_people_in_indonesia_write_numbers(users, plan) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"], language="en")  # the English page reads them the same
    data = _post_data(
        users["opd_officer"].opd_id,
        **{
            "indicators-0-baseline_value": "12,5",
            "indicators-0-target_2024": "1.200",
            "indicators-0-target_2025": "2.500,75",
            "indicators-0-target_2026": "3000",
        },
    )
    assert client.post(f"/masterplans/{plan.pk}/programs/new/", data).status_code == 302
    indicator = Program.objects.get().indicators.get()
    assert indicator.baseline_value == Decimal("12.5")
    assert dict(indicator.targets.values_list("year", "value")) == {
        2024: Decimal(1200),
        2025: Decimal("2500.75"),
        2026: Decimal(3000),
    }
    page = client.get(f"/masterplans/{plan.pk}/programs/{Program.objects.get().pk}/")
    assert 'value="2500,75"' in page.content.decode()  # shown back as it reads again


@pytest.mark.parametrize(
    ("change", "field_id", "message"),
    [
        (
            {"start_year": "2026", "end_year": "2024"},
            "id_end_year",
            "The end year comes before the start year.",
        ),
        ({"budget-1-amount": "-5.000.000"}, "id_budget-1-amount", "A budget cannot be negative."),
        ({"budget-1-year": "2029"}, "id_budget-1-year", "2029 is outside the program"),
        ({"budget-1-amount": "empat ratus juta"}, "id_budget-1-amount", "Write whole Rupiah"),
        (
            {"indicators-0-target_2030": "100"},
            None,
            "A target for 2030 is outside the program",
        ),
        ({"budget-1-year": "2024", "budget-1-source": "apbd"}, "id_budget-1-source", "already"),
        ({"budget-1-amount": "1" + "0" * 20}, "id_budget-1-amount", "implausibly large"),
    ],
)
def test_bad_input_is_told_next_to_the_field_and_saves_nothing(  # type: ignore[no-untyped-def]
    users, plan, change, field_id, message
) -> None:
    client = _as(users["coordinator"])
    data = _post_data(users["opd_officer"].opd_id, name="Program yang ditolak", **change)
    response = client.post(f"/masterplans/{plan.pk}/programs/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page.replace("&#x27;", "'")
    if field_id:
        assert _invalid(page, field_id)
    assert "Please correct the fields marked below." in page or field_id is None
    # Every field's description (help and errors) is there for screen readers.
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', page) for i in ids.split()}
    assert described and all(f'id="{i}"' in page for i in described), described
    # Nothing typed is lost, nothing is saved.
    assert 'value="Program yang ditolak"' in page
    assert "Rekam medis elektronik di semua puskesmas." in page
    assert not Program.objects.exists()


def test_every_mistake_shows_in_one_round(users, plan) -> None:  # type: ignore[no-untyped-def]
    """A field the form cannot read (an amount in words, an empty unit) does not hide the
    service's rules on the rest: a budget year and a target outside the program."""
    client = _as(users["coordinator"])
    data = _post_data(
        users["opd_officer"].opd_id,
        **{
            "budget-0-amount": "dua ratus juta",
            "budget-1-year": "2029",
            "indicators-0-unit": "",
            "indicators-0-target_2030": "100",
        },
    )
    page = html.unescape(
        client.post(f"/masterplans/{plan.pk}/programs/new/", data).content.decode()
    )
    assert "Write whole Rupiah" in page and _invalid(page, "id_budget-0-amount")
    assert "2029 is outside the program" in page and _invalid(page, "id_budget-1-year")
    assert "A target for 2030 is outside the program" in page
    assert not Program.objects.exists()


def test_reversed_years_are_told_once(users, plan) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    data = _post_data(users["opd_officer"].opd_id, start_year="2026", end_year="2024")
    page = html.unescape(
        client.post(f"/masterplans/{plan.pk}/programs/new/", data).content.decode()
    )
    assert "The end year comes before the start year." in page
    assert "outside the program" not in page  # not again on every budget row and target


def test_errors_speak_indonesian_by_default(users, plan) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"], language="id")
    data = _post_data(users["opd_officer"].opd_id, start_year="2026", end_year="2024")
    page = client.post(f"/masterplans/{plan.pk}/programs/new/", data).content.decode()
    assert '<html lang="id">' in page
    assert _invalid(page, "id_end_year")
    assert not Program.objects.exists()


def test_adding_a_row_keeps_what_was_typed_without_javascript(users, plan) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    data = _post_data(users["opd_officer"].opd_id, name="", add_budget="1")
    page = client.post(f"/masterplans/{plan.pk}/programs/new/", data).content.decode()
    assert 'name="budget-TOTAL_FORMS" value="3"' in page
    assert 'id="id_budget-2-year"' in page and "autofocus" in page
    assert 'value="250.000.000"' in page or 'value="Rp 250.000.000"' in page
    # The empty name is not an error yet.
    assert not re.search(r"<(?:input|select|textarea)[^>]*aria-invalid", page)
    assert not Program.objects.exists()
    # With htmx, only the budget section comes back.
    partial = client.post(
        f"/masterplans/{plan.pk}/programs/new/", data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert partial.startswith('<section id="budget-section"') and "<html" not in partial
    assert 'id="id_budget-2-amount"' in partial


def test_a_stale_edit_is_told_and_keeps_the_input(users, plan, dinkes_program) -> None:  # type: ignore[no-untyped-def]
    url = f"/masterplans/{plan.pk}/programs/{dinkes_program.pk}/"
    client = _as(users["coordinator"])
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page
    # Meanwhile the OPD officer saves the same program.
    services.save_program(
        users["opd_officer"],
        plan,
        program_input(users["opd_officer"].opd_id, name="Puskesmas Digital Terpadu"),
        program=dinkes_program,
        expected_version=1,
    )
    mine = _post_data(users["opd_officer"].opd_id, name="Puskesmas Pintar", version="1")
    response = client.post(url, mine)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this program while you were editing it" in page
    assert 'value="Puskesmas Pintar"' in page and f'href="{url}"' in page
    dinkes_program.refresh_from_db()
    assert dinkes_program.name == "Puskesmas Digital Terpadu" and dinkes_program.version == 2
    # Saving over theirs is a deliberate choice, naming the version it replaces.
    response = client.post(url, {**mine, "overwrite_version": "2"})
    assert response.status_code == 302
    dinkes_program.refresh_from_db()
    assert dinkes_program.name == "Puskesmas Pintar" and dinkes_program.version == 3


def test_edit_form_shows_the_saved_program_and_deletes_it(users, plan, dinkes_program) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    url = f"/masterplans/{plan.pk}/programs/{dinkes_program.pk}/"
    page = client.get(url).content.decode()
    assert 'value="Puskesmas Digital"' in page and 'value="250,000,000"' in page
    indonesian = _as(users["coordinator"], language="id").get(url).content.decode()
    assert 'value="250.000.000"' in indonesian
    assert re.search(r'name="indicators-0-target_2025"[^>]*value="70"', page)
    # A row ticked "remove" goes; the rest is saved as shown.
    data = _post_data(dinkes_program.lead_opd_id, version="1", **{"budget-INITIAL_FORMS": "2"})
    data["budget-1-DELETE"] = "on"
    assert client.post(url, data).status_code == 302
    assert list(dinkes_program.budget.values_list("year", "amount")) == [(2024, 250_000_000)]
    response = client.post(f"{url}delete/")
    assert response.status_code == 302 and not Program.objects.exists()


def test_a_submitted_plan_is_read_only(users, plan, dinkes_program) -> None:  # type: ignore[no-untyped-def]
    Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.SUBMITTED)
    client = _as(users["coordinator"])
    page = client.get(f"/masterplans/{plan.pk}/programs/{dinkes_program.pk}/").content.decode()
    assert "cannot be changed now" in page and "Save the program" not in page
    new = client.get(f"/masterplans/{plan.pk}/programs/new/")
    assert new.status_code == 302
    # A save that raced the submission is refused with the reason, input kept.
    data = _post_data(users["opd_officer"].opd_id, name="Terlambat", version="1")
    page = client.post(
        f"/masterplans/{plan.pk}/programs/{dinkes_program.pk}/", data
    ).content.decode()
    assert "cannot be edited" in page and 'value="Terlambat"' in page


# The list and the overview -----------------------------------------------------------------


def test_a_coordinator_without_a_plan_starts_one(users, batang) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    page = client.get("/masterplans/").content.decode()
    assert "Start the masterplan" in page and 'name="first_year"' in page
    response = client.post("/masterplans/", {"first_year": "2025"})
    plan = Masterplan.objects.get(region=batang)
    assert response.status_code == 302 and response["Location"] == f"/masterplans/{plan.pk}/"
    again = client.post("/masterplans/", {"first_year": "2025"}).content.decode()
    assert "already has a masterplan from 2025" in again
    assert Masterplan.objects.count() == 1
    # Nobody starts another region's masterplan (or learns whether it has one).
    refused = _as(users["other_coordinator"]).post(
        "/masterplans/?region=33.25", {"first_year": 2026}
    )
    assert refused.status_code == 404 and Masterplan.objects.count() == 1
    assert (
        "Start the masterplan"
        not in _as(users["opd_officer"]).get("/masterplans/").content.decode()
    )


def test_the_workspace_links_to_the_masterplans(users, batang) -> None:  # type: ignore[no-untyped-def]
    page = _as(users["coordinator"]).get("/regions/33.25/workspace/").content.decode()
    assert 'href="/masterplans/?region=33.25"' in page
    assert "No masterplan has been started yet." in page and ">Start a masterplan<" in page
    start = _as(users["coordinator"]).get("/masterplans/?region=33.25").content.decode()
    assert 'id="start"' in start
    plan = services.start_masterplan(users["coordinator"], batang, 2024)
    page = _as(users["coordinator"]).get("/regions/33.25/workspace/").content.decode()
    listed = page.split('data-testid="workspace-masterplans"')[1].split("</ul>")[0]
    assert f'href="/masterplans/{plan.pk}/">2024–2033</a>: Draft' in listed
    assert ">Start a masterplan<" not in page and "Start a masterplan for another period" in page


def test_the_office_filters_the_list(users, plan, batanghari) -> None:  # type: ignore[no-untyped-def]
    services.start_masterplan(users["program_office"], batanghari, 2025)
    client = _as(users["program_office"])
    everything = client.get("/masterplans/").content.decode()
    assert "Batang" in everything and "Batanghari" in everything
    jambi = client.get(f"/masterplans/?province={batanghari.province_id}").content.decode()
    assert "Batanghari" in jambi and f"/masterplans/{plan.pk}/" not in jambi
    submitted = client.get("/masterplans/?status=submitted").content.decode()
    assert "No masterplan matches these filters." in submitted
    assert 'name="status"' not in _as(users["coordinator"]).get("/masterplans/").content.decode()


def test_the_overview_shows_checker_budget_actions_and_audit(users, plan, dinkes_program) -> None:  # type: ignore[no-untyped-def]
    problem = services.save_finding(
        users["opd_officer"],
        plan,
        services.FindingInput(
            "problem", "Rekam medis masih di kertas", users["opd_officer"].opd_id
        ),
    )
    url = f"/masterplans/{plan.pk}/"
    page = _as(users["coordinator"]).get(url).content.decode()
    assert 'role="progressbar"' in page and 'aria-valuenow="' in page
    assert f'href="/masterplans/{plan.pk}/findings/#problem-{problem.pk}"' in page
    # Each finding links to the place to fix it.
    assert f'href="/masterplans/{plan.pk}/programs/{dinkes_program.pk}/"' in page
    assert f'href="/masterplans/{plan.pk}/programs/#dimension-governance"' in page
    assert "Dimension Smart Governance has no program yet" in page  # its name, not its code
    assert "Dimension governance" not in page
    assert "Rp650.000.000" in page and "Rp250.000.000" in page
    assert 'name="action" value="submit"' in page and "disabled" in page
    audit = page.split('id="h-audit"')[1]
    assert "Puskesmas Digital" in audit and "Rekam medis masih di kertas" in audit
    assert f'href="/masterplans/{plan.pk}/findings/"' in page
    # Changes read as words: field names, choices by label, OPDs by name; no internal ids.
    lead = str(dinkes_program.lead_opd)
    assert f"<strong>Lead OPD</strong>: — → {lead}" in html.unescape(audit)
    assert "<strong>Horizon</strong>: — → Medium term (5 years)" in audit
    assert "None" not in audit and "BudgetLine" not in audit and "— → —" not in audit
    assert "Puskesmas Digital <span" in audit and "(created)" in audit and "create:" not in audit
    assert "<strong>Version</strong>" not in audit  # edit bookkeeping, not a change
    indonesian = _as(users["coordinator"], "id").get(url).content.decode()
    indonesian_audit = html.unescape(indonesian.split('id="h-audit"')[1])
    assert "<strong>OPD penanggung jawab</strong>" in indonesian_audit
    assert "(dibuat)" in indonesian_audit
    officer = _as(users["opd_officer"]).get(url).content.decode()
    assert 'name="action"' not in officer
    Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.SUBMITTED)
    mentor = _as(users["mentor"]).get(url).content.decode()
    assert 'value="approve"' in mentor and 'value="request_changes"' in mentor
    assert 'value="submit"' not in _as(users["coordinator"]).get(url).content.decode()


# Performance -------------------------------------------------------------------------------


def test_the_programs_page_needs_the_same_queries_for_6_or_150_programs(  # type: ignore[no-untyped-def]
    users, batang, batanghari, make_user
) -> None:
    big = build_synthetic_masterplan(batang, programs=150)
    small = build_synthetic_masterplan(batanghari, programs=6)
    assert big.programs.count() == 150
    office = _as(users["program_office"])
    counts = []
    for plan in (small, big):
        with assert_queries("page masterplan:programs (6 or 150 programs, office)") as queries:
            page = office.get(f"/masterplans/{plan.pk}/programs/")
        assert page.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    coordinator = _as(users["coordinator"])
    with assert_queries("page masterplan:programs (150 programs, coordinator)"):
        assert coordinator.get(f"/masterplans/{big.pk}/programs/").status_code == 200
    with assert_queries("page masterplan:detail (150 programs, coordinator)"):
        assert coordinator.get(f"/masterplans/{big.pk}/").status_code == 200


# Import, export, documents -----------------------------------------------------------------


def test_the_import_page_shows_row_numbered_errors(users, plan) -> None:  # type: ignore[no-untyped-def]
    workbook = load_workbook(io.BytesIO(spreadsheet.export_programs(plan)))
    values = {
        "key": "P01",
        "name": "Puskesmas Digital",
        "element": "health",
        "lead_opd": "Dinkes",
        "horizon": "menengah",
        "start_year": 2024,
        "end_year": 2026,
    }
    workbook["Program"].append([values.get(c.key) for c in layout.PROGRAM.columns])
    workbook["Anggaran"].append(["P01", 2025, "APBD", -1_000_000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("programs.xlsx", buffer.getvalue())
    page = _as(users["coordinator"]).post(f"/masterplans/{plan.pk}/import/", {"file": upload})
    body = page.content.decode()
    assert page.status_code == 200 and "Nothing was imported" in body
    table = body.split('data-testid="import-errors"')[1].split("</table>")[0]
    assert "Anggaran" in table and '<td class="text-end">2</td>' in table
    assert not Program.objects.exists()
    # A mentor sees the downloads but no upload, and cannot post one.
    mentor = _as(users["mentor"])
    assert 'type="file"' not in mentor.get(f"/masterplans/{plan.pk}/import/").content.decode()
    assert mentor.post(f"/masterplans/{plan.pk}/import/", {"file": upload}).status_code == 403


def test_export_and_template_download_as_xlsx(users, plan, dinkes_program) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["mentor"])
    export = client.get(f"/masterplans/{plan.pk}/export.xlsx")
    assert export["Content-Type"] == spreadsheet.XLSX_CONTENT_TYPE
    assert "attachment" in export["Content-Disposition"]
    programs = load_workbook(io.BytesIO(export.content))["Program"]
    assert any(row[2] == "Puskesmas Digital" for row in programs.iter_rows(values_only=True))
    template = client.get("/masterplans/template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    # The import page's template has the masterplan's years as target columns.
    page = _as(users["coordinator"]).get(f"/masterplans/{plan.pk}/import/").content.decode()
    link = re.search(r'href="(/masterplans/template\.xlsx\?[^"]+)"', page).group(1)  # type: ignore[union-attr]
    targets = load_workbook(io.BytesIO(client.get(html.unescape(link)).content))["Indikator"]
    headers = [str(cell.value) for cell in targets[1]]
    years = [int(header) for header in headers if header.isdigit()]
    assert years == list(range(plan.first_year, plan.last_year + 1))


def test_documents_are_requested_and_downloaded_by_those_who_see_the_plan(  # type: ignore[no-untyped-def]
    users, plan
) -> None:
    client = _as(users["coordinator"])
    response = client.post(
        f"/masterplans/{plan.pk}/documents/", {"kind": "summary", "language": "en", "fmt": "pdf"}
    )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.requested_by == users["coordinator"]
    assert job.params == {
        "masterplan_id": plan.pk,
        "fmt": "pdf",
        "summary": True,
        "language": "en",
        "title": "Kabupaten Batang 2024–2033",
    }
    bad = client.post(f"/masterplans/{plan.pk}/documents/", {"kind": "full", "fmt": "odt"})
    assert bad.status_code == 200 and Job.objects.count() == 1
    # Rendering is the job's (tests/masterplan/test_documents*): here it has finished.
    job.status = JobStatus.SUCCEEDED
    job.result_file.save("masterplan-batang.pdf", ContentFile(b"%PDF-1.7 test"))
    page = _as(users["mentor"]).get(f"/masterplans/{plan.pk}/documents/").content.decode()
    link = f"/masterplans/{plan.pk}/documents/{job.pk}/"
    assert link in page and "Executive summary" in page and "PDF" in page
    # The mentor did not ask for it, and downloads it all the same.
    download = _as(users["mentor"]).get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.7 test"
    assert _as(users["other_coordinator"]).get(link).status_code == 404


# Labels, money -----------------------------------------------------------------------------


def test_every_field_of_the_editor_pages_has_a_label(  # type: ignore[no-untyped-def]
    users, plan, dinkes_program
) -> None:
    client = _as(users["coordinator"], language="id")
    for url in [
        "/masterplans/?region=33.25",
        f"/masterplans/{plan.pk}/programs/new/",
        f"/masterplans/{plan.pk}/programs/{dinkes_program.pk}/",
        f"/masterplans/{plan.pk}/import/",
        f"/masterplans/{plan.pk}/documents/",
    ]:
        body = client.get(url).content.decode()
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body)
        labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', body))
        hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', body))
        assert ids, url
        assert set(ids) - hidden <= labelled, (url, set(ids) - hidden - labelled)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("250000000", 250_000_000),
        ("250.000.000", 250_000_000),
        ("Rp 250.000.000,00", 250_000_000),
        ("Rp250.000.000", 250_000_000),
        ("250,000,000", 250_000_000),
        ("0", 0),
    ],
)
def test_rupiah_are_read_as_people_type_them(typed, amount) -> None:  # type: ignore[no-untyped-def]
    assert RupiahField().clean(typed) == amount


@pytest.mark.parametrize("typed", ["2,5 juta", "250.00.000", "1.5", "-Rp 5.000"])
def test_rupiah_that_are_not_whole_or_negative_are_refused(typed) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        RupiahField().clean(typed)


def test_the_rupiah_filter_writes_the_indonesian_way() -> None:
    template = Template("{% load masterplan_tags %}{{ a|rupiah }} {{ b|rupiah }} [{{ c|rupiah }}]")
    text = template.render(Context({"a": 1_500_000, "b": -2500, "c": None}))
    assert text == "Rp1.500.000 -Rp2.500 []"
