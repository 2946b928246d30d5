"""Programs with their budgets and indicators, to and from XLSX (docs/masterplan-xlsx.md).

template_xlsx() is the empty workbook; export_programs(masterplan) the filled one;
import_programs(actor, masterplan, file) reads it back, all or nothing."""

from kotacerdas.masterplan.spreadsheet.errors import ImportResult, RowError, SpreadsheetErrors
from kotacerdas.masterplan.spreadsheet.importing import import_programs
from kotacerdas.masterplan.spreadsheet.reading import MAX_BYTES
from kotacerdas.masterplan.spreadsheet.writing import export_programs, template_xlsx

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

__all__ = [
    "MAX_BYTES",
    "XLSX_CONTENT_TYPE",
    "ImportResult",
    "RowError",
    "SpreadsheetErrors",
    "export_programs",
    "import_programs",
    "template_xlsx",
]
