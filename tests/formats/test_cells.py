"""People's text in the spreadsheets and CSV files the platform writes stays text."""

import csv
import io

import pytest
from openpyxl import Workbook

from kotacerdas.formats import cells
from kotacerdas.program.queries import Funnel, FunnelRow, funnel_csv, funnel_xlsx
from tests.formulas import HOSTILE, assert_no_formulas_in_csv, assert_no_formulas_in_xlsx


@pytest.mark.parametrize("value", HOSTILE)
def test_text_that_could_start_a_formula_is_quoted_and_reads_back(value: str) -> None:
    written = cells.text(value)
    assert written == "'" + value
    assert cells.read_text(written) == value


@pytest.mark.parametrize("value", ["Dinas Kesehatan", "", "it's fine", "'quoted'", "a=b", "5"])
def test_plain_text_is_unchanged(value: str) -> None:
    assert cells.text(value) == value
    assert cells.read_text(value) == value


def test_numbers_and_empty_cells_are_written_as_they_are() -> None:
    assert [cells.text(v) for v in (-5, 2.5, None)] == [-5, 2.5, None]


def test_xlsx_rows_keep_hostile_text_as_text() -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    cells.append_row(sheet, [*HOSTILE, -3, "Satu\x0bdua"])
    cells.set_cell(sheet, 3, 1, "=1+1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert assert_no_formulas_in_xlsx(buffer.getvalue()) == len(HOSTILE) + 2
    assert sheet.cell(1, len(HOSTILE) + 1).value == -3
    assert sheet.cell(1, len(HOSTILE) + 2).value == "Satudua"  # XLSX cannot hold \x0b


def _hostile_funnel() -> Funnel:
    return Funnel(
        total=FunnelRow("", HOSTILE[0]),
        by_island_group=[FunnelRow(HOSTILE[1], HOSTILE[2])],
        by_province=[FunnelRow(HOSTILE[3], HOSTILE[4]), FunnelRow("-", HOSTILE[5])],
    )


def test_funnel_csv_and_xlsx_hold_no_formula() -> None:
    text = funnel_csv(_hostile_funnel()).decode("utf-8-sig")
    assert assert_no_formulas_in_csv(text) > 0
    assert HOSTILE[0] in {cells.read_text(v) for row in csv.reader(io.StringIO(text)) for v in row}
    assert assert_no_formulas_in_xlsx(funnel_xlsx(_hostile_funnel(), "2026")) > 0


def test_region_csv_export_holds_no_formula(  # type: ignore[no-untyped-def]
    users, batang, django_capture_on_commit_callbacks
) -> None:
    from kotacerdas.core.jobs import start_job
    from kotacerdas.regions.tasks import EXPORT_REGIONS

    batang.name = "=cmd|' /C calc'!A0"
    batang.save()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(EXPORT_REGIONS, users["coordinator"], {"q": "33.25"})
    job.refresh_from_db()
    text = job.result_file.read().decode("utf-8")
    assert "'=cmd" in text
    assert assert_no_formulas_in_csv(text) > 0


def test_append_row_does_not_scan_the_sheet(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Asking a sheet for its last row reads every cell: done per appended row, a long
    export took quadratic time (3,000 indicators timed the export out)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    sheet = Workbook().active

    def scanned(self):  # type: ignore[no-untyped-def]
        raise AssertionError("append_row scanned the sheet")

    monkeypatch.setattr(Worksheet, "max_row", property(scanned))
    for number in range(3):
        cells.append_row(sheet, ["=SUM(A1)", number])
    assert [(c.value, c.data_type) for c in sheet[3]] == [("'=SUM(A1)", "s"), (2, "n")]
