"""Checks that a file the platform wrote holds no spreadsheet formula."""

import csv
import io

from openpyxl import load_workbook

from kotacerdas.formats.cells import FORMULA_STARTS

# Text that would start a formula in each way a spreadsheet program recognises.
HOSTILE = [
    '=HYPERLINK("http://contoh.invalid","klik")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=1+1",
]


def assert_no_formulas_in_xlsx(content: bytes) -> int:
    """No cell of any sheet is a formula or text a spreadsheet would run; returns how
    many text cells were checked."""
    workbook = load_workbook(io.BytesIO(content))
    checked = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    checked += 1
                    assert not cell.value.startswith(FORMULA_STARTS), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
    return checked


def assert_no_formulas_in_csv(content: str) -> int:
    checked = 0
    for row in csv.reader(io.StringIO(content)):
        for value in row:
            checked += 1
            assert not value.startswith(FORMULA_STARTS), (row, value)
    return checked
