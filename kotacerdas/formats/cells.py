"""Cells of the spreadsheets (XLSX) and CSV files the platform writes: people's text
always stays text.

A spreadsheet program runs a cell that starts with ``= + - @`` (or a tab or carriage
return) as a formula, so a name typed as ``=HYPERLINK(...)`` or ``=cmd|...`` would run
when an official opens the export ("CSV injection", OWASP). Every XLSX and CSV writer
passes its values through here:

- text that starts with one of those characters gets a single quote in front, as OWASP
  advises, which every spreadsheet program shows as text;
- in XLSX the cell is also typed as text (``data_type`` "s"), never as a formula, and
  control characters the format cannot hold are dropped;
- numbers, dates and empty cells are written as they are.

The quote is reversible: `read_text` removes exactly the quote `text` added, so a file
the platform wrote imports back unchanged.
"""

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is heavy: loaded only by the code that writes XLSX
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# Control characters XLSX cannot hold (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# What starts a formula (OWASP: = + - @, tab, carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(value: str) -> bool:
    """A formula start, possibly after quotes (so that a text starting with a quote and
    a formula start is quoted once more, and `read_text` gives it back exactly)."""
    stripped = value.lstrip(QUOTE)
    return stripped.startswith(FORMULA_STARTS)


def text(value: Any) -> Any:
    """A value for a cell: text that could start a formula gets a leading quote; other
    values are returned as they are."""
    if isinstance(value, str) and _needs_quote(value):
        return QUOTE + value
    return value


def read_text(value: Any) -> Any:
    """The inverse of `text`, for importing a file the platform wrote."""
    if isinstance(value, str) and value.startswith(QUOTE) and _needs_quote(value[1:]):
        return value[1:]
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row for `csv.writer`, every text neutralised."""
    return [text(value) for value in values]


def csv_rows(rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    return [csv_row(row) for row in rows]


def xlsx_value(value: Any) -> Any:
    """A value for an XLSX cell: control characters XLSX cannot hold are dropped (a
    pasted vertical tab would make the file unreadable), then neutralised."""
    if isinstance(value, str):
        return text(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _as_text(cell: "Cell") -> "Cell":
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never "f" (formula), whatever the value looks like
    return cell


def set_cell(sheet: "Worksheet", row: int, column: int, value: Any) -> "Cell":
    """Write one cell (1-based row and column), text kept as text."""
    cell = sheet.cell(row, column)
    cell.value = xlsx_value(value)
    return _as_text(cell)


def append_row(sheet: "Worksheet", values: Sequence[Any]) -> None:
    """Append a row below the last one, text kept as text. The cells are made here: asking
    the sheet for its last row (max_row) scans every cell, so long sheets took quadratic
    time."""
    from openpyxl.cell.cell import Cell  # here: only code that writes XLSX loads openpyxl

    sheet.append([_as_text(Cell(sheet, value=xlsx_value(value))) for value in values])
