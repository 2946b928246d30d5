"""Opening an uploaded workbook safely, and reading its sheets into typed cells.

Nothing here touches the database: a sheet becomes rows of column key -> cell value,
and the converters below turn cell values into years, Rupiah and numbers, or say why not."""

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from kotacerdas.core.money import parse_rupiah
from kotacerdas.core.numbers import plain_number_text
from kotacerdas.formats.cells import read_text
from kotacerdas.masterplan import limits
from kotacerdas.masterplan.models import MAX_BUDGET_AMOUNT, IndicatorTarget
from kotacerdas.masterplan.spreadsheet import layout
from kotacerdas.masterplan.spreadsheet.errors import RowError, SpreadsheetErrors

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 80 * 1024 * 1024  # a 5 MB XLSX is a zip; refuse "zip bombs"


class CellError(ValueError):
    """A cell's value cannot be used; the message says what to write instead."""


def _file_error(message: str) -> SpreadsheetErrors:
    return SpreadsheetErrors([RowError("", None, "", message)])


def _read_limited(file: IO[bytes] | Any) -> bytes:
    size = getattr(file, "size", None)
    data = b""
    if size is None or size <= MAX_BYTES:  # an upload's size is known before reading it
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_BYTES + 1)
        size = len(data)
    if size > MAX_BYTES:
        raise _file_error(
            _("The file is %(size).1f MB; the limit is 5 MB. Split the programs over two files.")
            % {"size": size / 1024 / 1024}
        )
    if not data:
        raise _file_error(_("The file is empty."))
    return bytes(data)


def _what_it_is(head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return _("This is a PDF file, not an Excel workbook.")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _(
            "This is an old Excel 97-2003 (.xls) file. Open it in Excel or LibreOffice and "
            "save it as “Excel Workbook (.xlsx)”."
        )
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return _("This file is not an Excel workbook (.xlsx), whatever its name says.")
    return _(
        "This file is text (perhaps CSV), not an Excel workbook (.xlsx). Fill in the "
        "template downloaded from the platform and save it as .xlsx."
    )


def open_workbook(file: IO[bytes] | Any) -> Workbook:
    """The upload as a workbook, judged by its content; SpreadsheetErrors with one clear
    message for anything that is not a readable XLSX of acceptable size."""
    data = _read_limited(file)
    if not data.startswith(b"PK\x03\x04"):
        raise _file_error(_what_it_is(data[:512]))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise _file_error(_("The workbook is damaged: it cannot be opened.")) from None
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise _file_error(
            _(
                "This is a ZIP-based file but not an Excel workbook (perhaps .docx or .ods). "
                "Save it as “Excel Workbook (.xlsx)”."
            )
        )
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise _file_error(_("The workbook unpacks to more than 80 MB; it cannot be read."))
    try:
        with warnings.catch_warnings():
            # openpyxl warns about drop-downs and extensions it does not keep when reading.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for broken parts
        raise _file_error(_("The workbook is damaged: it cannot be opened.")) from None


@dataclass
class Row:
    number: int  # as Excel shows it
    cells: dict[str, Any]  # column key -> value
    targets: dict[int, Any]  # Indikator only: year -> value


@dataclass
class SheetRows:
    sheet: layout.Sheet
    title: str  # as in the file
    headers: dict[str, str]  # column key -> header as written
    year_headers: dict[int, str]  # Indikator only: year -> header as written
    rows: list[Row]

    def label(self, key: str) -> str:
        return self.headers.get(key, key)


def find_sheet(workbook: Workbook, spec: layout.Sheet) -> Any:
    wanted = {layout.word(spec.name), layout.word(spec.english)}
    for sheet in workbook.worksheets:
        if layout.word(sheet.title) in wanted:
            return sheet
    return None


def read_sheet(sheet: Any, spec: layout.Sheet, errors: list[RowError]) -> SheetRows | None:
    """The sheet's non-empty rows (example rows skipped), or None after recording why the
    sheet cannot be read (a missing column, too many rows)."""
    rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
    header = next(rows, ())
    accepted = layout.header_keys(spec)
    headers: dict[str, str] = {}
    years: dict[int, str] = {}
    positions: dict[int, str | int] = {}
    for index, value in enumerate(header):
        written = text(value)
        key = accepted.get(layout.word(written.rstrip("*")))
        year = year_of_header(written) if spec is layout.INDICATOR else None
        if key is not None and key not in headers:
            headers[key], positions[index] = written, key
        elif key is not None or (year is not None and year in years):
            errors.append(RowError(sheet.title, 1, written, _("This column appears twice.")))
        elif year is not None:
            years[year], positions[index] = written, year
    missing = [c.label for c in spec.columns if c.required and c.key not in headers]
    for label in missing:
        errors.append(
            RowError(
                sheet.title,
                1,
                label,
                _("The column “%(column)s” is missing from row 1. Use the template's headers.")
                % {"column": label},
            )
        )
    if missing:
        return None
    found: list[Row] = []
    for number, values in enumerate(rows, start=2):
        cells: dict[str, Any] = {}
        targets: dict[int, Any] = {}
        for index, value in enumerate(values):
            position = positions.get(index)
            if position is None or _blank(value):
                continue
            if isinstance(position, int):
                targets[position] = value
            else:
                # A file the platform wrote quotes text that could start a formula.
                cells[position] = read_text(value).strip() if isinstance(value, str) else value
        if not cells and not targets:
            continue
        if layout.word(cells.get("key", "")) == layout.word(layout.EXAMPLE_KEY):
            continue
        if len(found) == spec.max_rows:
            errors.append(
                RowError(
                    sheet.title,
                    None,
                    "",
                    _("At most %(max)d rows per sheet; split the file.") % {"max": spec.max_rows},
                )
            )
            return None
        found.append(Row(number, cells, targets))
    return SheetRows(spec, sheet.title, headers, years, found)


def year_of_header(header: str) -> int | None:
    match = layout.YEAR_HEADER.match(header.strip())
    return int(match.group(1)) if match else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# Converters: a cell value to what the program needs, or CellError saying what is wrong.


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def whole(value: Any, message: str) -> int:
    if isinstance(value, bool):
        raise CellError(message)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value.strip())
    raise CellError(message)


def year(value: Any) -> int:
    found = whole(value, _("Write a year such as 2025."))
    if not 2015 <= found <= 2100:
        raise CellError(_("%(year)d is not a plausible year (2015–2100).") % {"year": found})
    return found


def rupiah(value: Any) -> int:
    """Whole Rupiah; text like "Rp1.500.000" is read as the forms read it, decimals are not."""
    message = _("Write whole Rupiah without decimals, e.g. 250000000.")
    if isinstance(value, str):
        try:
            amount = parse_rupiah(value)
        except ValueError:
            raise CellError(message) from None
    else:
        amount = whole(value, message)
    if amount > MAX_BUDGET_AMOUNT:
        raise CellError(_("The amount is implausibly large; write it in whole Rupiah."))
    return amount


_NUMBER_TEXT = re.compile(r"-?\d+(?:\.\d+)?")


def number(value: Any) -> Decimal:
    """A target or baseline: decimal comma or point; rounded to 3 decimals as stored, and
    refused as the program service refuses it when it does not fit its column."""
    message = _("Write a number, e.g. 75 or 12,5.")
    if isinstance(value, bool):
        raise CellError(message)
    if isinstance(value, int | float | Decimal):
        found = Decimal(str(value))
    elif isinstance(value, str) and _NUMBER_TEXT.fullmatch(plain_number_text(value)):
        found = Decimal(plain_number_text(value))
    else:
        raise CellError(message)
    column = IndicatorTarget._meta.get_field("value")
    if found.is_finite() and abs(found) < Decimal(10) ** column.max_digits:
        found = found.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    problem = limits.number_problem(found, column.max_digits, column.decimal_places)
    if problem:
        raise CellError(problem)
    return found


def names(value: Any) -> list[str]:
    """A list cell: items separated by semicolons or line breaks."""
    return [part.strip() for part in re.split(r"[;\n]", text(value)) if part.strip()]
