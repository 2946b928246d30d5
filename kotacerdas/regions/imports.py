"""Importing a region's OPDs from XLSX or CSV: every row is checked, and nothing is
saved until the whole file is clean."""

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.core.validators import line_problem
from kotacerdas.regions import access
from kotacerdas.regions.models import (
    ABBREVIATION_LENGTH,
    DUTIES_LENGTH,
    HEAD_NAME_LENGTH,
    NAME_LENGTH,
    OPD,
    OPDKind,
    Region,
)

MAX_ROWS = 500
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # what an XLSX may unpack to
# Rows read at most, counting empty ones: reading stops there, however long the file.
MAX_SCANNED_ROWS = 4 * MAX_ROWS
MAX_COLUMNS = 30
DELIMITERS = (",", ";", "\t")
# Accepted headers, Indonesian or English -> field.
HEADERS = {
    "nama": "name",
    "name": "name",
    "singkatan": "abbreviation",
    "abbreviation": "abbreviation",
    "jenis": "kind",
    "kind": "kind",
    "kepala": "head_name",
    "head": "head_name",
    "tupoksi": "duties",
    "duties": "duties",
}
KINDS = {
    "dinas": OPDKind.DINAS,
    "badan": OPDKind.BADAN,
    "bagian": OPDKind.BAGIAN,
    "kecamatan": OPDKind.KECAMATAN,
    "lainnya": OPDKind.OTHER,
    "other": OPDKind.OTHER,
}
LIMITS = {
    "name": NAME_LENGTH,
    "abbreviation": ABBREVIATION_LENGTH,
    "head_name": HEAD_NAME_LENGTH,
    "duties": DUTIES_LENGTH,
}
SINGLE_LINE = ("name", "abbreviation", "head_name")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _file_error(message: str) -> ValidationError:
    """A refusal of the file as a whole, on the upload's field."""
    return ValidationError({"file": ValidationError(message, code="unreadable_file")})


def _read_limited(upload: UploadedFile | Any) -> bytes:
    """The upload's bytes, refused above MAX_UPLOAD_BYTES before reading it whole."""
    size = getattr(upload, "size", None)
    data = b""
    if size is None or size <= MAX_UPLOAD_BYTES:
        upload.seek(0)
        data = upload.read(MAX_UPLOAD_BYTES + 1)
        size = len(data)
    if size > MAX_UPLOAD_BYTES:
        raise _file_error(
            _("The file is %(size).1f MB; the limit is %(max)d MB.")
            % {"size": size / 1024 / 1024, "max": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    return bytes(data)


def _too_many_rows() -> ValidationError:
    return _file_error(_("At most %(max)d rows per file.") % {"max": MAX_ROWS})


def _limited(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """The header and up to MAX_ROWS rows with content; reading stops as soon as the
    file is known to be too long, never reading the rest of it."""
    kept: list[list[Any]] = []
    filled = 0
    for number, row in enumerate(rows, start=1):
        if number > MAX_SCANNED_ROWS:
            raise _too_many_rows()
        values = list(row[:MAX_COLUMNS])
        if number > 1 and any(v not in (None, "") for v in values):
            filled += 1
            if filled > MAX_ROWS:
                raise _too_many_rows()
        kept.append(values)
    return kept


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    unreadable = _("The file is not a readable XLSX workbook.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _file_error(unreadable) from None
    # A zip bomb: a small file that unpacks to gigabytes. Judged before opening it.
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise _file_error(
            _("The workbook unpacks to more than %(max)d MB; it cannot be read.")
            % {"max": MAX_UNPACKED_BYTES // 1024 // 1024}
        )
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of parts it does not keep
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise _file_error(unreadable)
            sheet = workbook.worksheets[0]
            # The sheet says how far it reaches: a sheet far past the limit is refused
            # without reading its rows.
            declared = getattr(sheet, "max_row", None)
            if isinstance(declared, int) and declared > MAX_SCANNED_ROWS:
                raise _too_many_rows()
            return _limited(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS))
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception:  # openpyxl raises many kinds for broken parts
        raise _file_error(unreadable) from None


def _delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon and tab
    (a one-column file gets a comma, and is refused for its missing columns)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_rows(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(
            _(
                "The file is neither XLSX nor UTF-8 CSV. Save it as “Excel Workbook "
                "(.xlsx)” or as “CSV UTF-8”."
            )
        ) from None
    if "\x00" in text:
        raise _file_error(
            _("The file is not a CSV text file (it holds binary data). Upload XLSX or CSV.")
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _limited(reader)
    except csv.Error as error:
        raise _file_error(
            _("The CSV file cannot be read at line %(line)d: %(reason)s")
            % {"line": reader.line_num, "reason": error}
        ) from None


def _rows(upload: UploadedFile) -> list[list[Any]]:
    data = _read_limited(upload)
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    return _csv_rows(data)


def parse(upload: UploadedFile) -> tuple[list[dict[str, str]], list[str]]:
    """Rows as OPD fields, and the row-numbered errors (row 1 is the header)."""
    rows = [row for row in _rows(upload)]
    if not rows or not any(rows[0]):
        return [], [_("The file is empty: the first row must name the columns.")]
    header = [HEADERS.get(str(cell or "").strip().lower()) for cell in rows[0]]
    if "name" not in header or "kind" not in header:
        return [], [_("Row 1 must name the columns; at least nama (name) and jenis (kind).")]
    parsed: list[dict[str, str]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        values = {
            column: str(cell).strip() if cell is not None else ""
            for column, cell in zip(header, row, strict=False)
            if column
        }
        if not any(values.values()):
            continue
        name, kind = values.get("name", ""), values.get("kind", "").lower()
        if len(name) < 2:
            errors.append(_("Row %(row)d: the name is missing.") % {"row": number})
        elif name.lower() in seen:
            errors.append(
                _("Row %(row)d: %(name)s already appears in row %(first)d.")
                % {"row": number, "name": name, "first": seen[name.lower()]}
            )
        seen.setdefault(name.lower(), number)
        if kind not in KINDS:
            errors.append(
                _(
                    "Row %(row)d: jenis (kind) %(kind)s is not one of dinas, badan, bagian, "
                    "kecamatan, lainnya."
                )
                % {"row": number, "kind": repr(values.get("kind", ""))}
            )
        for column in SINGLE_LINE:
            problem = line_problem(values.get(column, ""))
            if problem:
                errors.append(
                    _("Row %(row)d: %(column)s: %(problem)s")
                    % {"row": number, "column": column, "problem": problem}
                )
        if "\x00" in values.get("duties", ""):
            errors.append(
                _("Row %(row)d: %(column)s: %(problem)s")
                % {
                    "row": number,
                    "column": "duties",
                    "problem": _("Remove the control characters from this text."),
                }
            )
        for column, limit in LIMITS.items():
            if len(values.get(column, "")) > limit:
                errors.append(
                    _("Row %(row)d: %(column)s is longer than %(limit)d characters.")
                    % {"row": number, "column": column, "limit": limit}
                )
        values["kind"] = KINDS.get(kind, kind)
        parsed.append(values)
    if not parsed and not errors:
        errors.append(_("The file has a header but no OPD rows."))
    return parsed, errors


@service
def import_opds(actor: Any, region: Region, upload: UploadedFile) -> ImportReport:
    access.require_manage_region(actor, region)
    rows, errors = parse(upload)
    if errors:
        raise ValidationError(errors)
    report = ImportReport()
    existing = {opd.name.lower(): opd for opd in OPD.objects.filter(region=region)}
    for values in rows:
        opd = existing.get(values["name"].lower()) or OPD(region=region)
        is_new = opd.pk is None
        for column in ("name", "abbreviation", "kind", "head_name", "duties"):
            if column in values:
                setattr(opd, column, values[column])
        opd.full_clean()
        opd.save()
        report.created += is_new
        report.updated += not is_new
    return report
