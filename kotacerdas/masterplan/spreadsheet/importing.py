"""Importing programs from the workbook: every row is checked (cell by cell, then with
save_program's own rules), and only a clean file is written, in one transaction."""

from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.masterplan import access
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.masterplan.services.programs import (
    EDITABLE,
    ProgramInput,
    save_program,
    validate_program,
)
from kotacerdas.masterplan.spreadsheet import layout, reading
from kotacerdas.masterplan.spreadsheet.drafts import (
    Draft,
    Lookups,
    read_budget,
    read_indicators,
    read_programs,
)
from kotacerdas.masterplan.spreadsheet.errors import ImportResult, RowError, SpreadsheetErrors
from kotacerdas.masterplan.spreadsheet.reading import SheetRows

MAX_REPORTED = 300  # enough to fix a file in one go; a wholly wrong file says so sooner


def _sheets(file: IO[bytes] | Any) -> tuple[SheetRows, SheetRows, SheetRows]:
    workbook = reading.open_workbook(file)
    errors: list[RowError] = []
    found: list[SheetRows | None] = []
    try:
        for spec in (layout.PROGRAM, layout.BUDGET, layout.INDICATOR):
            sheet = reading.find_sheet(workbook, spec)
            if sheet is None:
                message = _("The workbook has no sheet named “%(name)s”. Use the template.")
                errors.append(RowError(spec.name, None, "", message % {"name": spec.name}))
                found.append(None)
            else:
                found.append(reading.read_sheet(sheet, spec, errors))
    finally:
        workbook.close()  # read-only workbooks keep the archive open
    programs, budget, indicators = found
    if errors or programs is None or budget is None or indicators is None:
        raise SpreadsheetErrors(errors)
    if not programs.rows:
        raise SpreadsheetErrors(
            [RowError(programs.title, None, "", _("The Program sheet has no programs."))]
        )
    return programs, budget, indicators


def _program_input(draft: Draft) -> ProgramInput:
    """The draft for save_program; columns whose cells failed are placeholders (only the
    rules run then, and their messages on those columns are dropped)."""
    placeholders = {"name": "", "element": "", "lead_opd": 0}
    return ProgramInput(
        **{**draft.fields, **{k: v for k, v in placeholders.items() if draft.fields[k] is None}},
        budget=[line for _row, line in draft.budget],
        indicators=[indicator for _row, indicator in draft.indicators],
    )


# Fields of validate_program that are Program-sheet columns of the same name.
PROGRAM_FIELDS = {
    "lead_opd",
    "supporting_opds",
    "horizon",
    "start_year",
    "end_year",
    "name",
    "description",
    "quick_win_reason",
}


def _rule_errors(
    masterplan: Masterplan, draft: Draft, sheets: tuple[SheetRows, SheetRows, SheetRows]
) -> list[RowError]:
    """save_program's rules on one program, each message put back in its cell."""
    programs, budget, indicators = sheets
    found: list[RowError] = []
    for name, messages in validate_program(masterplan, _program_input(draft)).items():
        parts = name.split(".")
        if parts[0] == "budget" and len(parts) == 3:
            row = draft.budget[int(parts[1])][0]
            column = budget.label(parts[2])
            found += [RowError(budget.title, row.number, column, m) for m in messages]
        elif parts[0] == "indicators" and len(parts) == 4:  # indicators.0.targets.2026
            row = draft.indicators[int(parts[1])][0]
            column = indicators.year_headers.get(int(parts[3]), parts[3])
            found += [RowError(indicators.title, row.number, column, m) for m in messages]
        elif parts[0] == "indicators" and len(parts) == 3 and parts[2] != "targets":
            row = draft.indicators[int(parts[1])][0]
            column = indicators.label(parts[2])
            found += [RowError(indicators.title, row.number, column, m) for m in messages]
        elif parts[0] == "indicators" and len(parts) == 3:
            row, indicator = draft.indicators[int(parts[1])]
            # One message per target year outside the program, in the targets' order.
            years = range(draft.fields["start_year"], draft.fields["end_year"] + 1)
            outside = [year for year in indicator.targets if year not in years]
            columns = [indicators.year_headers.get(year, str(year)) for year in outside]
            for column, message in zip(columns, messages, strict=False):
                found.append(RowError(indicators.title, row.number, column, message))
        else:
            column = programs.label(name) if name in PROGRAM_FIELDS else ""
            if column not in draft.failed:
                found += [RowError(programs.title, draft.row, column, m) for m in messages]
    return found


def _reported(errors: list[RowError]) -> list[RowError]:
    if len(errors) <= MAX_REPORTED:
        return errors
    more = _("%(count)d more errors are not listed; fix these first.") % {
        "count": len(errors) - MAX_REPORTED
    }
    return [*errors[:MAX_REPORTED], RowError("", None, "", more)]


@service
def import_programs(actor: Any, masterplan: Masterplan, file: IO[bytes] | Any) -> ImportResult:
    """Create the file's new programs and replace those it names by platform ID, with their
    budgets and indicators. Nothing is written unless every row is clean: otherwise
    SpreadsheetErrors lists each problem with its sheet, row and column. Programs the file
    does not mention are left as they are. The region's coordinator only."""
    access.require(access.can_edit_masterplan(actor, masterplan))
    if masterplan.status not in EDITABLE:
        raise ValidationError(
            _("The masterplan is %(status)s and cannot be edited.")
            % {"status": masterplan.get_status_display()}
        )
    sheets = _sheets(file)
    programs, budget, indicators = sheets
    look = Lookups.of(masterplan)
    errors: list[RowError] = []
    drafts = read_programs(programs, look, errors)
    read_budget(budget, drafts, errors)
    read_indicators(indicators, drafts, errors)
    for draft in drafts.values():
        # The rules need the years and horizon; other broken cells are already reported.
        if all(draft.fields[k] is not None for k in ("horizon", "start_year", "end_year")):
            errors += _rule_errors(masterplan, draft, sheets)
    if errors:
        raise SpreadsheetErrors(_reported(sorted(errors, key=_position)))
    created = updated = 0
    for draft in drafts.values():
        try:
            save_program(
                actor,
                masterplan,
                _program_input(draft),
                program=draft.program,
                # A deliberate replace: the version it has now, not one seen earlier.
                expected_version=draft.program.version if draft.program else None,
            )
        except ValidationError as error:  # a rule the checks above missed: still placed
            raise SpreadsheetErrors(
                [RowError(programs.title, draft.row, "", m) for m in error.messages]
            ) from None
        created += draft.program is None
        updated += draft.program is not None
    return ImportResult(created=created, updated=updated)


SHEET_ORDER = {
    layout.word(name): order
    for order, spec in enumerate((layout.PROGRAM, layout.BUDGET, layout.INDICATOR))
    for name in (spec.name, spec.english)
}


def _position(error: RowError) -> tuple[int, int]:
    """Errors in the order of the workbook: sheet by sheet, row by row."""
    return (SHEET_ORDER.get(layout.word(error.sheet), 3), error.row or 0)
