"""Programs to and from XLSX: the template, export, import with row-numbered errors."""

import dataclasses
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from kotacerdas.masterplan import services, spreadsheet
from kotacerdas.masterplan.models import (
    Finding,
    Masterplan,
    MasterplanStatus,
    Program,
    RpjmdGoal,
)
from kotacerdas.masterplan.spreadsheet import layout
from tests.masterplan.conftest import program_input
from tests.openapi import assert_matches_schema, spec
from tests.queries import assert_queries

PROGRAM_HEADERS = [
    "Kode program",
    "ID platform",
    "Nama program",
    "Deskripsi",
    "Elemen",
    "OPD pengampu",
    "OPD pendukung",
    "Horizon",
    "Tahun mulai",
    "Tahun selesai",
    "Alasan quick win",
    "Tujuan RPJMD",
    "Masalah yang ditangani",
]


def _vocabulary(plan: Masterplan, opd_id: int) -> None:
    """The RPJMD goals and problems a plan's programs refer to (set up directly: writing
    them is another module's subject)."""
    for code in ("T1", "T2"):
        RpjmdGoal.objects.create(masterplan=plan, code=code, text=f"Tujuan {code}")
    for title in ("Antrean panjang di puskesmas", "Data kesehatan tersebar; tidak padu"):
        Finding.objects.create(masterplan=plan, opd_id=opd_id, kind="problem", title=title)


@pytest.fixture
def diskominfo(make_opd, batang):  # type: ignore[no-untyped-def]
    return make_opd(batang, "Dinas Komunikasi dan Informatika", abbreviation="Diskominfo")


@pytest.fixture
def filled(users, plan, diskominfo) -> Masterplan:  # type: ignore[no-untyped-def]
    """The Batang plan with two programs using every column."""
    dinkes = users["opd_officer"].opd_id
    _vocabulary(plan, dinkes)
    coordinator = users["coordinator"]
    indicators = [
        *program_input(dinkes).indicators,
        services.IndicatorInput(
            "output", "Puskesmas terhubung", "unit", None, None, {2024: Decimal("12.5")}
        ),
    ]
    services.save_program(
        coordinator,
        plan,
        program_input(
            dinkes,
            description="Rekam medis elektronik.",
            supporting_opds=[diskominfo.pk],
            indicators=indicators,
            goals=list(plan.goals.values_list("pk", flat=True)),
            problems=list(plan.findings.values_list("pk", flat=True)),
        ),
    )
    services.save_program(
        coordinator,
        plan,
        program_input(
            diskominfo.pk,
            name="Satu Data Batang",
            element="public-service",
            horizon="quick_win",
            start_year=2024,
            end_year=2024,
            quick_win_reason="Portal sudah ada; tinggal diisi.",
            budget=[(2024, "apbd", 75_000_000)],
            indicators=[
                services.IndicatorInput(
                    "outcome", "Dataset terbuka", "dataset", 2023, Decimal(10), {2024: Decimal(50)}
                )
            ],
        ),
    )
    return plan


def _described(plan: Masterplan) -> list[tuple[Any, ...]]:
    """Everything a program holds, without ids: equal for equal content."""
    return sorted(
        (
            p.name,
            p.description,
            p.element.code,
            p.lead_opd.name,
            sorted(o.name for o in p.supporting_opds.all()),
            p.horizon,
            p.start_year,
            p.end_year,
            p.quick_win_reason,
            sorted(g.code for g in p.goals.all()),
            sorted(f.title for f in p.problems.all()),
            sorted((b.year, b.source, b.amount) for b in p.budget.all()),
            sorted(
                (
                    i.kind,
                    i.name,
                    i.unit,
                    i.baseline_year,
                    i.baseline_value,
                    sorted((t.year, t.value) for t in i.targets.all()),
                )
                for i in p.indicators.all()
            ),
        )
        for p in plan.programs.all()
    )


def _upload(workbook: Workbook, name: str = "program.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _open(content: bytes) -> Workbook:
    return load_workbook(io.BytesIO(content))


def _row(key: str = "P01", opd: str = "Dinkes", **cells: Any) -> list[Any]:
    """A valid Program-sheet row; cells override columns by key."""
    values = {
        "key": key,
        "id": None,
        "name": "Puskesmas Digital",
        "description": "",
        "element": "health",
        "lead_opd": opd,
        "supporting_opds": None,
        "horizon": "menengah",
        "start_year": 2024,
        "end_year": 2026,
        "quick_win_reason": None,
        "goals": None,
        "problems": None,
        **cells,
    }
    return [values[column.key] for column in layout.PROGRAM.columns]


def _file(
    plan: Masterplan,
    programs: Sequence[list[Any]] = (),
    budget: Sequence[list[Any]] = (),
    indicators: Sequence[list[Any]] = (),
) -> SimpleUploadedFile:
    """The plan's export with only these rows, from row 2."""
    workbook = _open(spreadsheet.export_programs(plan))
    for name, rows in (("Program", programs), ("Anggaran", budget), ("Indikator", indicators)):
        workbook[name].delete_rows(2, workbook[name].max_row)
        for values in rows:
            workbook[name].append(values)
    return _upload(workbook)


def _errors(failure: pytest.ExceptionInfo) -> set[tuple[str, int | None, str]]:
    return {(e.sheet, e.row, e.column) for e in failure.value.errors}


# The template -----------------------------------------------------------------------------


def test_template_has_its_sheets_headers_guide_and_drop_downs(users, plan) -> None:  # type: ignore[no-untyped-def]
    workbook = _open(spreadsheet.template_xlsx())
    assert workbook.sheetnames == ["Petunjuk", "Program", "Anggaran", "Indikator", "Daftar"]
    program = workbook["Program"]
    assert [c.value for c in program[1]] == PROGRAM_HEADERS
    assert [c.value for c in workbook["Anggaran"][1]] == [
        "Kode program",
        "Tahun",
        "Sumber dana",
        "Jumlah (Rp)",
    ]
    indicator_headers = [c.value for c in workbook["Indikator"][1]]
    assert indicator_headers[:6] == [
        "Kode program",
        "Jenis",
        "Nama indikator",
        "Satuan",
        "Tahun baseline",
        "Nilai baseline",
    ]
    assert len(indicator_headers) == 16 and all(isinstance(y, int) for y in indicator_headers[6:])
    for name in ("Program", "Anggaran", "Indikator"):
        assert workbook[name]["A2"].value == "CONTOH"
    guide = " ".join(str(c.value) for row in workbook["Petunjuk"].iter_rows() for c in row)
    for sheet in (layout.PROGRAM, layout.BUDGET, layout.INDICATOR):
        for column in sheet.columns:
            assert column.label in guide and column.english in guide
            assert column.help_id in guide and column.help_en in guide
    lists = [v.formula1 for v in program.data_validations.dataValidation]
    assert '"quick win,pendek,menengah,panjang"' in lists
    assert any(formula.startswith("=Daftar!$A$2") for formula in lists)
    sources = [v.formula1 for v in workbook["Anggaran"].data_validations.dataValidation]
    assert '"APBD,APBN,DAK,KPBU,CSR,Lainnya"' in sources
    elements = [row[0].value for row in workbook["Daftar"].iter_rows(min_row=2, max_col=1)]
    assert len(elements) == 18 and "health" in elements


def test_the_untouched_template_imports_nothing(users, plan) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("t.xlsx", spreadsheet.template_xlsx())
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(users["coordinator"], plan, upload)
    assert [e.message for e in failure.value.errors] == ["The Program sheet has no programs."]


# Export and import back -------------------------------------------------------------------


def test_export_lists_every_column_in_bounded_queries(users, filled, diskominfo) -> None:  # type: ignore[no-untyped-def]
    with assert_queries("service masterplan.spreadsheet.export_programs") as two:
        content = spreadsheet.export_programs(filled)
    workbook = _open(content)
    rows = {r[0]: r for r in workbook["Program"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"P01", "P02"}
    quick = next(r for r in rows.values() if r[2] == "Satu Data Batang")
    assert quick[4:11] == (
        "public-service",
        "Dinas Komunikasi dan Informatika",
        None,
        "quick win",
        2024,
        2024,
        "Portal sudah ada; tinggal diisi.",
    )
    daftar_opds = [r[4].value for r in workbook["Daftar"].iter_rows(min_row=2) if r[4].value]
    assert "Dinas Kesehatan Batang" in daftar_opds
    assert [c.value for c in workbook["Indikator"][1]][6:] == list(range(2024, 2034))
    for number in range(4):
        services.save_program(
            users["coordinator"], filled, program_input(diskominfo.pk, name=f"Program {number}")
        )
    with assert_queries("service masterplan.spreadsheet.export_programs") as six:
        spreadsheet.export_programs(filled)
    assert len(six) == len(two)


def test_export_keeps_formula_like_text_as_text(users, plan) -> None:  # type: ignore[no-untyped-def]
    name = '=HYPERLINK("http://contoh.invalid","klik")'
    dinkes = users["opd_officer"].opd_id
    services.save_program(
        users["coordinator"], plan, program_input(dinkes, name=name, description="Satu\x0bdua")
    )
    content = spreadsheet.export_programs(plan)
    sheet = _open(content)["Program"]
    assert (sheet["C2"].value, sheet["C2"].data_type) == ("'" + name, "s")  # quoted, as text
    assert sheet["D2"].value == "Satudua"  # a pasted control character XLSX cannot hold
    upload = SimpleUploadedFile("p.xlsx", content)
    assert spreadsheet.import_programs(users["coordinator"], plan, upload).updated == 1
    assert plan.programs.get().name == name


def test_export_then_import_round_trips_into_another_masterplan(users, filled) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    revised = services.start_masterplan(coordinator, filled.region, 2022)
    _vocabulary(revised, users["opd_officer"].opd_id)
    workbook = _open(spreadsheet.export_programs(filled))
    # The platform IDs name the first plan's programs: refused here, each on its row.
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(coordinator, revised, _upload(workbook))
    assert _errors(failure) == {("Program", 2, "ID platform"), ("Program", 3, "ID platform")}
    assert not revised.programs.exists()
    for row in workbook["Program"].iter_rows(min_row=2):
        row[1].value = None  # as the guide says: empty the IDs to copy programs
    result = spreadsheet.import_programs(coordinator, revised, _upload(workbook))
    assert (result.created, result.updated) == (2, 0)
    assert _described(revised) == _described(filled)


def test_import_of_its_own_export_replaces_each_program_with_itself(users, filled) -> None:  # type: ignore[no-untyped-def]
    before = _described(filled)
    ids = set(filled.programs.values_list("pk", flat=True))
    upload = SimpleUploadedFile("p.xlsx", spreadsheet.export_programs(filled))
    result = spreadsheet.import_programs(users["coordinator"], filled, upload)
    assert (result.created, result.updated) == (0, 2)
    assert set(filled.programs.values_list("pk", flat=True)) == ids
    assert _described(filled) == before
    assert set(filled.programs.values_list("version", flat=True)) == {2}


def test_officials_words_are_accepted(users, plan, diskominfo) -> None:  # type: ignore[no-untyped-def]
    """English headers and sheet names, names instead of codes, Rupiah and comma decimals
    written as text."""
    workbook = Workbook()
    sheets = {
        "Programs": [c.english for c in layout.PROGRAM.columns],
        "Budget": [c.english for c in layout.BUDGET.columns],
        "Indicators": [*(c.english for c in layout.INDICATOR.columns), "2024", "Target 2025"],
    }
    for name, headers in sheets.items():
        workbook.create_sheet(name).append(headers)
    workbook["Programs"].append(
        _row(
            "a1",
            "dinas kesehatan batang",
            element="Kesehatan",
            horizon="Jangka Menengah",
            start_year="2024",
            end_year=2025.0,
        )
    )
    workbook["Budget"].append(["A1", 2024, "apbd", "Rp1.500.000"])
    workbook["Budget"].append(["A1", 2025, "KPBU/PPP", "2.000.000,-"])
    workbook["Indicators"].append(["A1", "hasil", "Cakupan", "%", 2023, "12,5", "1.200", 30])
    result = spreadsheet.import_programs(users["coordinator"], plan, _upload(workbook))
    assert result.created == 1
    program = plan.programs.get()
    assert (program.element.code, program.horizon, program.end_year) == ("health", "medium", 2025)
    assert sorted(program.budget.values_list("source", "amount")) == [
        ("apbd", 1_500_000),
        ("kpbu", 2_000_000),
    ]
    indicator = program.indicators.get()
    assert (indicator.kind, indicator.baseline_value) == ("outcome", Decimal("12.5"))
    assert dict(indicator.targets.values_list("year", "value")) == {
        2024: Decimal(1200),  # "1.200" typed as text: twelve hundred, as on the form
        2025: Decimal(30),
    }


# Bad files import nothing -----------------------------------------------------------------


def test_several_bad_rows_are_each_reported_and_nothing_is_imported(  # type: ignore[no-untyped-def]
    users, plan, make_opd, batanghari
) -> None:
    make_opd(batanghari, "Dinas Kesehatan Batanghari")
    upload = _file(
        plan,
        programs=[
            _row("P01"),
            _row("P02", element="teleportation"),
            _row("P03", opd="Dinas Kesehatan Batanghari"),  # another region's OPD
            _row("P01", name="Dua kali"),
            _row("P05", start_year=2020, end_year=2022),
            _row("P06", horizon="quick win", end_year=2025),  # longer than its horizon
            _row("P07", name=None, goals="T9"),
        ],
        budget=[
            ["P01", 2024, "APBD", -5],
            ["P01", 2025, "APBD", "banyak"],
            ["P01", 2025, "arisan", 10],
            ["P01", 2029, "DAK", 10],  # outside the program's years
            ["P99", 2024, "APBD", 10],
            ["P01", 2024, "apbd", 7],  # the same year and source twice
        ],
        indicators=[
            # targets: columns 2024..2033 follow the six fixed columns
            ["P01", "outcome", "Cakupan", "%", 2023, 10, 20, "tinggi", 40, None, None, None, 50],
            ["P01", "impact", "Kepuasan", "%", None, None, 1],
        ],
    )
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(users["coordinator"], plan, upload)
    assert _errors(failure) == {
        ("Program", 3, "Elemen"),
        ("Program", 4, "OPD pengampu"),
        ("Program", 5, "Kode program"),
        ("Program", 6, "Tahun mulai"),
        ("Program", 7, "Tahun selesai"),
        ("Program", 8, "Nama program"),
        ("Program", 8, "Tujuan RPJMD"),
        ("Anggaran", 2, "Jumlah (Rp)"),
        ("Anggaran", 3, "Jumlah (Rp)"),
        ("Anggaran", 4, "Sumber dana"),
        ("Anggaran", 5, "Tahun"),
        ("Anggaran", 6, "Kode program"),
        ("Anggaran", 7, "Sumber dana"),
        ("Indikator", 2, "2025"),
        ("Indikator", 2, "2030"),
        ("Indikator", 3, "Jenis"),
    }
    messages = {(e.sheet, e.row): e.message for e in failure.value.errors}
    assert "not an OPD of Kabupaten Batang" in messages[("Program", 4)]
    assert messages[("Anggaran", 2)] == "A budget cannot be negative."
    assert "already used in row 2" in messages[("Program", 5)]
    assert not Program.objects.exists()
    assert str(failure.value.errors[0]).startswith("Program, row 3, Elemen: Unknown element")


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"opd": "Dinas Kesehatan Batanghari"}, "OPD pengampu"),
        ({"supporting_opds": "Diskominfo; Dinas Kesehatan Batanghari"}, "OPD pendukung"),
        ({"start_year": 2030, "end_year": 2034}, "Tahun mulai"),
        ({"horizon": "pendek", "end_year": 2025}, "Tahun selesai"),
    ],
)
def test_each_program_rule_is_refused_in_its_cell(  # type: ignore[no-untyped-def]
    users, plan, make_opd, batanghari, diskominfo, change, column
) -> None:
    make_opd(batanghari, "Dinas Kesehatan Batanghari")
    opd = change.pop("opd", "Dinkes")
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(
            users["coordinator"], plan, _file(plan, programs=[_row("P01", opd, **change)])
        )
    assert _errors(failure) == {("Program", 2, column)}
    assert not Program.objects.exists()


def test_targets_outside_the_program_and_negative_budgets_are_refused(users, plan) -> None:  # type: ignore[no-untyped-def]
    upload = _file(
        plan,
        programs=[_row("P01", start_year=2025, end_year=2026)],
        budget=[["P01", 2025, "APBD", -1_000_000]],
        indicators=[["P01", "outcome", "Cakupan", "%", 2023, 10, 15, 20, 30]],
    )
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(users["coordinator"], plan, upload)
    assert _errors(failure) == {("Anggaran", 2, "Jumlah (Rp)"), ("Indikator", 2, "2024")}
    assert "outside the program's years" in failure.value.errors[-1].message
    assert not Program.objects.exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (b"Kode program;Nama program\nP01;Puskesmas\n", "CSV"),
        (b"PK\x03\x04 not really a zip", "damaged"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), ".xls"),
        (b"", "empty"),
    ],
)
def test_a_file_that_is_not_an_xlsx_gets_one_clear_error(users, plan, content, says) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("programs.xlsx", content)
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(users["coordinator"], plan, upload)
    assert len(failure.value.errors) == 1 and says in failure.value.errors[0].message
    assert not Program.objects.exists()


def test_missing_sheets_and_columns_are_named(users, plan) -> None:  # type: ignore[no-untyped-def]
    workbook = _open(spreadsheet.export_programs(plan))
    del workbook["Anggaran"]
    workbook["Program"]["C1"] = "Judul"
    workbook["Program"].append(_row())
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(users["coordinator"], plan, _upload(workbook))
    assert _errors(failure) == {("Anggaran", None, ""), ("Program", 1, "Nama program")}


def test_size_and_row_limits(users, plan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + bytes(spreadsheet.MAX_BYTES))
    with pytest.raises(spreadsheet.SpreadsheetErrors, match="the limit is 5 MB"):
        spreadsheet.import_programs(users["coordinator"], plan, big)
    monkeypatch.setattr(layout, "PROGRAM", dataclasses.replace(layout.PROGRAM, max_rows=2))
    upload = _file(plan, programs=[_row("P01"), _row("P02"), _row("P03")])
    with pytest.raises(spreadsheet.SpreadsheetErrors, match="At most 2 rows"):
        spreadsheet.import_programs(users["coordinator"], plan, upload)
    assert not Program.objects.exists()


# Who may import ---------------------------------------------------------------------------


def test_only_the_coordinator_imports_and_only_into_an_editable_plan(users, plan) -> None:  # type: ignore[no-untyped-def]
    for role in ("opd_officer", "mentor", "other_coordinator"):
        with pytest.raises(PermissionDenied):
            spreadsheet.import_programs(users[role], plan, _file(plan, programs=[_row()]))
    Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.SUBMITTED)
    plan.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot be edited"):
        spreadsheet.import_programs(users["coordinator"], plan, _file(plan, programs=[_row()]))
    assert not Program.objects.exists()


# API --------------------------------------------------------------------------------------


def _matches_import_schema(response: Any, masterplan_id: int) -> None:
    """assert_matches_schema, for a multipart request (whose body Django has consumed)."""
    from openapi_core.testing import MockRequest, MockResponse

    request = MockRequest(
        "http://testserver",
        "post",
        f"/api/v1/masterplans/{masterplan_id}/programs/import",
        content_type="multipart/form-data",
    )
    spec().validate_response(
        request, MockResponse(response.content, status_code=response.status_code)
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_template_for_any_logged_in_user(users) -> None:  # type: ignore[no-untyped-def]
    template = _client(users["no_role"]).get("/api/v1/masterplans/template.xlsx")
    assert template.status_code == 200, template.content
    assert template["Content-Type"] == spreadsheet.XLSX_CONTENT_TYPE
    assert _open(template.content).sheetnames[1] == "Program"
    assert Client().get("/api/v1/masterplans/template.xlsx").status_code == 401
    planned = _client(users["no_role"]).get("/api/v1/masterplans/template.xlsx?first_year=2024")
    headers = [str(cell.value) for cell in _open(planned.content)["Indikator"][1]]
    assert [int(h) for h in headers if h.isdigit()] == list(range(2024, 2034))
    wrong = _client(users["no_role"]).get("/api/v1/masterplans/template.xlsx?first_year=1900")
    assert wrong.status_code == 422


def test_api_export_for_those_who_see_the_plan(users, filled) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{filled.pk}/programs.xlsx"
    export = _client(users["mentor"]).get(url)
    assert export.status_code == 200
    assert "attachment" in export["Content-Disposition"]
    assert export["Content-Disposition"].endswith('.xlsx"')
    assert len(list(_open(export.content)["Program"].iter_rows(min_row=2))) == 2
    hidden = _client(users["other_coordinator"]).get(url)
    assert hidden.status_code == 404
    assert_matches_schema(hidden)


def test_api_import_answers_counts_or_row_errors(users, filled) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{filled.pk}/programs/import"
    coordinator = _client(users["coordinator"])
    good = coordinator.post(url, {"file": _file(filled, programs=[_row()])})
    assert good.status_code == 200, good.content
    _matches_import_schema(good, filled.pk)
    assert good.json() == {"created": 1, "updated": 0}

    count = Program.objects.count()
    bad = coordinator.post(
        url,
        {
            "file": _file(
                filled,
                programs=[_row("P01", element="x")],
                budget=[["P01", 2024, "APBD", -5]],
            )
        },
    )
    assert bad.status_code == 422
    _matches_import_schema(bad, filled.pk)
    error = bad.json()["error"]
    assert (error["status"], error["code"]) == (422, "invalid_spreadsheet")
    assert [(f["sheet"], f["row"], f["column"]) for f in error["fields"]] == [
        ("Program", 2, "Elemen"),
        ("Anggaran", 2, "Jumlah (Rp)"),
    ]
    assert error["fields"][0]["field"] == "Program.2.Elemen"
    assert all(f["message"] for f in error["fields"])

    pdf = coordinator.post(url, {"file": SimpleUploadedFile("p.xlsx", b"%PDF-1.4 ...")})
    assert pdf.status_code == 422
    assert [f["field"] for f in pdf.json()["error"]["fields"]] == ["file"]
    assert Program.objects.count() == count

    officer = _client(users["opd_officer"]).post(url, {"file": _file(filled, programs=[_row()])})
    assert officer.status_code == 403
    hidden = _client(users["other_coordinator"]).post(
        url, {"file": _file(filled, programs=[_row()])}
    )
    assert hidden.status_code == 404
    assert Program.objects.count() == count
