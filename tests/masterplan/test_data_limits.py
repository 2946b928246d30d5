"""What a masterplan may hold (issue 10): targets and baselines that fit their column,
names on one line, texts of a documented length, figures that cannot be negative, a
plausible decree date. Each path (page, API, XLSX import) refuses, naming the field,
and saves nothing."""

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from kotacerdas.masterplan import limits, services, spreadsheet
from kotacerdas.masterplan.models import (
    IndicatorTarget,
    Masterplan,
    MasterplanStatus,
    Program,
    ProgramIndicator,
)
from kotacerdas.masterplan.spreadsheet import layout
from tests.masterplan.conftest import program_input
from tests.openapi import assert_matches_schema

TOO_BIG = ["1e308", "9223372036854775808", "10000000000000", "-10000000000000"]


def _client(user: Any, language: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


def _body(opd_id: int, **indicator: Any) -> dict[str, Any]:
    return {
        "name": "Puskesmas Digital",
        "element": "health",
        "lead_opd": opd_id,
        "horizon": "medium",
        "start_year": 2024,
        "end_year": 2026,
        "budget": [{"year": 2024, "source": "apbd", "amount": 100}],
        "indicators": [
            {
                "kind": "outcome",
                "name": "Cakupan",
                "unit": "%",
                "baseline_year": 2023,
                "baseline_value": "10",
                "targets": {"2024": "20", "2025": "30", "2026": "40"},
                **indicator,
            }
        ],
    }


def _fields(response: Any) -> set[str]:
    return {field["field"] for field in response.json()["error"]["fields"]}


def _stored_targets() -> set[Decimal]:
    return set(IndicatorTarget.objects.values_list("value", flat=True))


# Targets and baselines ---------------------------------------------------------------


@pytest.mark.parametrize("value", TOO_BIG)
def test_the_api_refuses_a_target_that_does_not_fit_on_post_and_put(users, plan, value) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    opd = users["opd_officer"].opd_id
    url = f"/api/v1/masterplans/{plan.pk}/programs"
    targets = {"2024": "20", "2025": value, "2026": "40"}
    refused = client.post(url, _body(opd, targets=targets), content_type="application/json")
    assert refused.status_code == 422, refused.content
    assert_matches_schema(refused)
    assert _fields(refused) == {"indicators.0.targets.2025"}
    assert "too large" in refused.json()["error"]["message"]
    assert not Program.objects.exists()
    # A program saved well cannot be edited into one that breaks its pages.
    created = client.post(url, _body(opd), content_type="application/json").json()
    put = client.put(
        f"/api/v1/programs/{created['id']}",
        {**_body(opd, baseline_value=value, targets=targets), "version": created["version"]},
        content_type="application/json",
    )
    assert put.status_code == 422, put.content
    assert _fields(put) == {"indicators.0.baseline_value", "indicators.0.targets.2025"}
    assert _stored_targets() == {Decimal(20), Decimal(30), Decimal(40)}
    assert ProgramIndicator.objects.get().baseline_value == Decimal(10)
    # The program still opens, exports and is edited.
    assert client.get(f"/masterplans/{plan.pk}/programs/{created['id']}/").status_code == 200
    assert client.get(f"/masterplans/{plan.pk}/export.xlsx").status_code == 200


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12.3456", "At most 3 decimal places."),
        ("NaN", "finite"),
        ("Infinity", "finite"),
    ],
)
def test_the_api_refuses_targets_of_more_decimals_or_not_numbers(
    users, plan, value, message
) -> None:  # type: ignore[no-untyped-def]
    response = _client(users["coordinator"]).post(
        f"/api/v1/masterplans/{plan.pk}/programs",
        _body(users["opd_officer"].opd_id, targets={"2024": value}),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert _fields(response) == {"indicators.0.targets.2024"}
    assert message in response.content.decode()
    assert not Program.objects.exists()


@pytest.mark.parametrize(
    "value",
    [Decimal("1e308"), Decimal(2**63), Decimal("NaN"), Decimal("Infinity"), Decimal("0.0001")],
)
def test_the_service_is_the_one_rule(users, plan, value) -> None:  # type: ignore[no-untyped-def]
    indicator = services.IndicatorInput("outcome", "Cakupan", "%", 2023, value, {2024: value})
    data = program_input(users["opd_officer"].opd_id, indicators=[indicator])
    with pytest.raises(ValidationError) as error:
        services.save_program(users["coordinator"], plan, data)
    assert {"indicators.0.baseline_value", "indicators.0.targets.2024"} <= set(
        error.value.message_dict
    )
    assert not Program.objects.exists()


def test_the_largest_numbers_that_fit_are_kept(users, plan) -> None:  # type: ignore[no-untyped-def]
    largest = Decimal("9999999999999.9")  # 15 digits: SQLite keeps no more
    indicator = services.IndicatorInput(
        "outcome", "Cakupan", "%", 2023, -largest, {2024: largest, 2025: Decimal("12.5000")}
    )
    services.save_program(
        users["coordinator"],
        plan,
        program_input(users["opd_officer"].opd_id, indicators=[indicator]),
    )
    assert _stored_targets() == {largest, Decimal("12.5")}


def _form(opd_id: int, **overrides: str) -> dict[str, str]:
    data = {
        "name": "Puskesmas Digital",
        "element": "health",
        "lead_opd": str(opd_id),
        "horizon": "medium",
        "start_year": "2024",
        "end_year": "2026",
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "0",
        "budget-0-year": "2024",
        "budget-0-source": "apbd",
        "budget-0-amount": "1000000",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-kind": "outcome",
        "indicators-0-name": "Cakupan",
        "indicators-0-unit": "%",
        "indicators-0-baseline_year": "2023",
        "indicators-0-baseline_value": "10",
        "indicators-0-target_2024": "20",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("value", ["1e308", "9223372036854775808", "NaN", "inf", "1,2345"])
def test_the_program_form_refuses_a_target_that_does_not_fit(users, plan, value) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    data = _form(users["opd_officer"].opd_id, **{"indicators-0-target_2024": value})
    response = client.post(f"/masterplans/{plan.pk}/programs/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_indicators-0-target_2024"' in page and "is-invalid" in page
    assert not Program.objects.exists()


def _workbook(plan: Masterplan, target: Any, baseline: Any = 10) -> SimpleUploadedFile:
    workbook = load_workbook(io.BytesIO(spreadsheet.export_programs(plan)))
    for name in ("Program", "Anggaran", "Indikator"):
        workbook[name].delete_rows(2, workbook[name].max_row)
    program = {
        "key": "P01",
        "id": None,
        "name": "Puskesmas Digital",
        "description": "",
        "element": "health",
        "lead_opd": "Dinkes",
        "supporting_opds": None,
        "horizon": "menengah",
        "start_year": 2024,
        "end_year": 2026,
        "quick_win_reason": None,
        "goals": None,
        "problems": None,
    }
    workbook["Program"].append([program[column.key] for column in layout.PROGRAM.columns])
    workbook["Anggaran"].append(["P01", 2024, "APBD", 1000000])
    workbook["Indikator"].append(["P01", "outcome", "Cakupan", "%", 2023, baseline, target])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("program.xlsx", buffer.getvalue())


@pytest.mark.parametrize(
    ("target", "baseline", "column"),
    [
        (1e308, 10, "2024"),
        ("9223372036854775808", 10, "2024"),
        (20, "9999999999999,9999", "Nilai baseline"),  # rounds to 14 digits before the point
        ("NaN", 10, "2024"),
    ],
)
def test_the_xlsx_import_refuses_a_target_that_does_not_fit(  # type: ignore[no-untyped-def]
    users, plan, target, baseline, column
) -> None:
    upload = _workbook(plan, target, baseline)
    with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
        spreadsheet.import_programs(users["coordinator"], plan, upload)
    assert {(e.sheet, e.row, e.column) for e in failure.value.errors} == {("Indikator", 2, column)}
    assert not Program.objects.exists()


def test_a_number_rule_message_is_put_in_its_xlsx_cell(users, plan) -> None:  # type: ignore[no-untyped-def]
    """The service's own rule placed in the right cell, had the cell reader let it by."""
    from kotacerdas.masterplan.spreadsheet import drafts, importing

    upload = _workbook(plan, 20)
    real = drafts.IndicatorInput

    def lenient(kind, name, unit, year, baseline, targets):  # type: ignore[no-untyped-def]
        return real(kind, name, unit, year, baseline, {**targets, 2025: Decimal("1e20")})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(drafts, "IndicatorInput", lenient)
        with pytest.raises(spreadsheet.SpreadsheetErrors) as failure:
            importing.import_programs(users["coordinator"], plan, upload)
    header = next(e.column for e in failure.value.errors)
    assert header in {"2025", "Target 2025"} or "2025" in header
    assert not Program.objects.exists()


# Names on one line, texts of a known length ------------------------------------------


@pytest.mark.parametrize("name", ["Puskesmas\nDigital", "Puskesmas\rDigital", "Puskes\u2028mas"])
def test_a_program_name_with_a_line_break_is_refused_on_every_path(users, plan, name) -> None:  # type: ignore[no-untyped-def]
    opd = users["opd_officer"].opd_id
    client = _client(users["coordinator"])
    api = client.post(
        f"/api/v1/masterplans/{plan.pk}/programs",
        {**_body(opd, name="Cakupan\nrekam medis"), "name": name},
        content_type="application/json",
    )
    assert api.status_code == 422, api.content
    assert _fields(api) == {"name", "indicators.0.name"}
    assert "one line" in api.json()["error"]["message"]
    page = client.post(f"/masterplans/{plan.pk}/programs/new/", _form(opd, name=name))
    assert page.status_code == 200 and "Write this on one line" in page.content.decode()
    assert not Program.objects.exists()


def test_an_indicator_unit_with_a_tab_and_an_overlong_text_are_refused(users, plan) -> None:  # type: ignore[no-untyped-def]
    indicator = services.IndicatorInput("outcome", "Cakupan", "%\tpersen", None, None, {})
    data = program_input(
        users["opd_officer"].opd_id,
        description="x" * (limits.LONG_TEXT + 1),
        indicators=[indicator],
    )
    with pytest.raises(ValidationError) as error:
        services.save_program(users["coordinator"], plan, data)
    messages = error.value.message_dict
    assert set(messages) == {"description", "indicators.0.unit"}
    assert messages["description"] == [
        f"At most {limits.LONG_TEXT} characters; this has {limits.LONG_TEXT + 1}."
    ]
    assert not Program.objects.exists()


def test_the_content_api_refuses_line_breaks_and_overlong_texts(users, plan) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    opd = users["opd_officer"].opd_id
    base = f"/api/v1/masterplans/{plan.pk}"
    cases = [
        (
            f"{base}/findings",
            {"kind": "problem", "title": "Antrean\r\npanjang", "opd": opd},
            {"title"},
        ),
        (f"{base}/goals", {"code": "T\n1", "text": "Tujuan"}, {"code"}),
        (f"{base}/goals", {"code": "T" * 21, "text": "Tujuan"}, {"code"}),
        (
            f"{base}/profile",
            {"key": "other", "value": "5", "year": 2023, "source": "BPS\nBatang", "label": "A\nB"},
            {"label", "source"},
        ),
        (
            f"{base}/profile",
            {"key": "area", "value": "1e30", "year": 2023, "source": "BPS"},
            {"value"},
        ),
    ]
    for url, body, fields in cases:
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422, (url, body, response.content)
        assert _fields(response) == fields, (body, response.json())
    overview = client.patch(
        f"{base}/overview",
        {"vision": "v" * (limits.LONG_TEXT + 1)},
        content_type="application/json",
    )
    assert overview.status_code == 422 and _fields(overview) == {"vision"}
    strategy = client.put(
        f"{base}/strategies/health",
        {"text": "s" * (limits.LONG_TEXT + 1)},
        content_type="application/json",
    )
    assert strategy.status_code == 422 and _fields(strategy) == {"text"}
    with pytest.raises(ValidationError) as error:  # PostgreSQL cannot store a NUL
        services.save_finding(
            users["coordinator"],
            plan,
            services.FindingInput("problem", "Antrean", opd, evidence="x\x00"),
        )
    assert set(error.value.message_dict) == {"evidence"}
    plan.refresh_from_db()
    assert plan.vision == "" and not plan.findings.exists() and not plan.goals.exists()
    assert not plan.profile.exists() and not plan.strategies.exists()


# Profile figures that cannot be negative ---------------------------------------------


@pytest.mark.parametrize(
    "key", ["population", "area", "pdrb", "apbd", "pad", "ict_coverage", "blank_spots"]
)
def test_a_negative_profile_figure_is_refused_where_it_cannot_be(users, plan, key) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    body = {"key": key, "value": "-5", "year": 2023, "source": "BPS"}
    response = client.post(
        f"/api/v1/masterplans/{plan.pk}/profile", body, content_type="application/json"
    )
    assert response.status_code == 422 and _fields(response) == {"value"}
    assert "cannot be negative" in response.json()["error"]["message"]
    assert not plan.profile.exists()


def test_a_change_may_be_negative_and_coverage_is_at_most_a_hundred_percent(users, plan) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    growth = services.set_profile_figure(
        coordinator,
        plan,
        key="other",
        label="Pertumbuhan penduduk",
        value="-0.4",
        unit="%",
        year=2023,
        source="BPS",
    )
    assert growth.value == Decimal("-0.4")
    with pytest.raises(ValidationError) as error:
        services.set_profile_figure(
            coordinator, plan, key="ict_coverage", value="120", unit="%", year=2023, source="BPS"
        )
    assert error.value.message_dict == {"value": ["A coverage in percent is at most 100."]}


def test_the_profile_page_refuses_a_negative_population(users, plan) -> None:  # type: ignore[no-untyped-def]
    client = _client(users["coordinator"])
    response = client.post(
        f"/masterplans/{plan.pk}/profile/",
        {
            "figure-key": "population",
            "figure-value": "-801.718",
            "figure-unit": "jiwa",
            "figure-year": "2023",
            "figure-source": "BPS",
        },
    )
    assert response.status_code == 200
    assert "This figure cannot be negative." in response.content.decode()
    assert not plan.profile.exists()


# The Perbup/Perwali date -------------------------------------------------------------


def test_the_decree_date_is_plausible() -> None:
    today = timezone.localdate()
    assert limits.decree_date_problem(datetime.date(2014, 12, 31))
    assert limits.decree_date_problem(datetime.date(1900, 1, 1))
    assert limits.decree_date_problem(today + datetime.timedelta(days=367))
    assert limits.decree_date_problem(datetime.date(9999, 12, 31))
    assert limits.decree_date_problem(datetime.date(2015, 1, 1)) is None
    assert limits.decree_date_problem(today) is None
    assert limits.decree_date_problem(today + datetime.timedelta(days=365)) is None


def test_a_decree_from_1900_is_refused(users, plan) -> None:  # type: ignore[no-untyped-def]
    from tests.masterplan.conftest_workflow import make_clean_plan, tiny_pdf

    make_clean_plan(users["coordinator"], plan, users["opd_officer"].opd_id)
    services.submit(users["coordinator"], plan)
    services.approve(users["mentor"], plan)
    for number, date, field in (
        ("12 Tahun 2025", datetime.date(1900, 1, 1), "date"),
        ("12\nTahun 2025", timezone.localdate(), "number"),
    ):
        with pytest.raises(ValidationError) as error:
            services.legalise(
                users["coordinator"],
                plan,
                number=number,
                date=date,
                document=SimpleUploadedFile("perbup.pdf", tiny_pdf()),
            )
        assert set(error.value.message_dict) == {field}
    assert Masterplan.objects.get(pk=plan.pk).status == MasterplanStatus.APPROVED


# Rows of one program ------------------------------------------------------------------


def test_a_program_holds_at_most_its_limit_of_indicators(users, plan) -> None:  # type: ignore[no-untyped-def]
    """3,000 indicators were accepted, and the program's page and the export then timed
    out for everyone."""
    client = _client(users["coordinator"])
    body = _body(users["opd_officer"].opd_id)
    url = f"/api/v1/masterplans/{plan.pk}/programs"
    too_many = {**body, "indicators": body["indicators"] * (limits.MAX_INDICATORS + 1)}
    refused = client.post(url, too_many, content_type="application/json")
    assert refused.status_code == 422, refused.content
    assert _fields(refused) == {"indicators"}
    assert f"At most {limits.MAX_INDICATORS} rows" in refused.json()["error"]["message"]
    assert not Program.objects.exists()
    enough = {**body, "indicators": body["indicators"] * limits.MAX_INDICATORS}
    assert client.post(url, enough, content_type="application/json").status_code == 201


def test_the_program_form_refuses_a_flood_of_rows_at_once(users, plan) -> None:  # type: ignore[no-untyped-def]
    """A posted TOTAL_FORMS of 10**26 built every form (a 10 MB page after 40 s)."""
    response = _client(users["coordinator"]).post(
        f"/masterplans/{plan.pk}/programs/new/",
        {
            "name": "Puskesmas Digital",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "indicators-TOTAL_FORMS": "99999999999999999999999999",
            "indicators-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert f"at most {limits.MAX_INDICATORS} forms" in response.content.decode()
    assert len(response.content) < 1_000_000
    assert not Program.objects.exists()
