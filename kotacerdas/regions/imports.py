"""Importing a region's OPDs from XLSX or CSV: every row is checked, and nothing is
saved until the whole file is clean."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kotacerdas.core import access
from kotacerdas.core.audit import service
from kotacerdas.regions.models import OPD, OPDKind, Region

MAX_ROWS = 500
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
LIMITS = {"name": 200, "abbreviation": 40, "head_name": 150, "duties": 5000}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _rows(upload: UploadedFile) -> list[list[Any]]:
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
        except Exception:
            raise ValidationError(_("The file is not a readable XLSX workbook.")) from None
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is neither XLSX nor UTF-8 CSV.")) from None
    dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else "excel"
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def parse(upload: UploadedFile) -> tuple[list[dict[str, str]], list[str]]:
    """Rows as OPD fields, and the row-numbered errors (row 1 is the header)."""
    rows = [row for row in _rows(upload)]
    if not rows or not any(rows[0]):
        return [], [_("The file is empty: the first row must name the columns.")]
    header = [HEADERS.get(str(cell or "").strip().lower()) for cell in rows[0]]
    if "name" not in header or "kind" not in header:
        return [], [_("Row 1 must name the columns; at least nama (name) and jenis (kind).")]
    if len(rows) - 1 > MAX_ROWS:
        return [], [_("At most %(max)d OPDs per file.") % {"max": MAX_ROWS}]
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
