"""Programs to and from XLSX over the API (docs/masterplan-xlsx.md)."""

from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from kotacerdas.core.api_support import (
    AUTH,
    AuthedRequest,
    ErrorResponse,
    FieldError,
    error_payload,
)
from kotacerdas.masterplan import spreadsheet
from kotacerdas.masterplan.api.lookup import visible_plan
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.program.schemas import ImportOut

router = Router(tags=["masterplans"], auth=AUTH)


class SpreadsheetFieldError(FieldError):
    sheet: str = Field("", description="The sheet, as named in the file; empty for the file.")
    row: int | None = Field(None, description="The row as Excel shows it (header = 1).")
    column: str = Field("", description="The column's header, as written in the file.")


class SpreadsheetErrorBody(Schema):
    """ErrorBody, with each field error placed in the file."""

    status: int
    code: str = Field(description="`invalid_spreadsheet`, or `validation_error` as elsewhere.")
    message: str
    fields: list[SpreadsheetFieldError] = []


class SpreadsheetErrorResponse(Schema):
    error: SpreadsheetErrorBody


ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse}
XLSX_DOWNLOAD = {
    "responses": {
        200: {
            "description": "An XLSX workbook.",
            # OpenAPI 3.1 describes binary content by its media type alone, with no schema
            # (a `type: string` schema would be checked against the raw bytes).
            "content": {spreadsheet.XLSX_CONTENT_TYPE: {}},
        }
    }
}


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=spreadsheet.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(masterplan: Masterplan) -> str:
    return f"program-masterplan-{slugify(masterplan.region.name)}-{masterplan.first_year}.xlsx"


@router.get(
    "/masterplans/template.xlsx",
    response={**ERRORS},
    openapi_extra=XLSX_DOWNLOAD,
    summary="The empty programs workbook, with its guide sheet and an example row",
)
def template(
    request: AuthedRequest,
    first_year: int | None = Query(
        None, ge=2015, le=2100, description="The masterplan's first year; default this year."
    ),
) -> HttpResponse:
    return _download(spreadsheet.template_xlsx(first_year), "template-program-masterplan.xlsx")


@router.get(
    "/masterplans/{masterplan_id}/programs.xlsx",
    response={**ERRORS},
    openapi_extra=XLSX_DOWNLOAD,
    summary="The masterplan's programs, budgets and indicators as XLSX",
)
def export(request: AuthedRequest, masterplan_id: int) -> HttpResponse:
    masterplan = visible_plan(request, masterplan_id)
    return _download(spreadsheet.export_programs(masterplan), _filename(masterplan))


@router.post(
    "/masterplans/{masterplan_id}/programs/import",
    response={200: ImportOut, 409: ErrorResponse, 422: SpreadsheetErrorResponse, **ERRORS},
    summary=(
        "Import programs from XLSX (the coordinator); nothing is saved unless every row "
        "is valid, and 422 lists each error with its sheet, row and column"
    ),
)
def import_programs(request: AuthedRequest, masterplan_id: int, file: File[UploadedFile]) -> Any:
    masterplan = visible_plan(request, masterplan_id)
    try:
        return spreadsheet.import_programs(request.auth, masterplan, file)
    except spreadsheet.SpreadsheetErrors as failure:
        errors = failure.errors
        message = _("The file has %(count)d errors; nothing was imported.") % {"count": len(errors)}
        if len(errors) == 1:
            message = _("Nothing was imported: %(error)s") % {"error": errors[0]}
        payload = error_payload(422, "invalid_spreadsheet", message)
        payload["error"]["fields"] = [
            {
                "field": ".".join(str(p) for p in (e.sheet, e.row, e.column) if p) or "file",
                "message": e.message,
                "sheet": e.sheet,
                "row": e.row,
                "column": e.column,
            }
            for e in errors
        ]
        return Status(422, payload)
