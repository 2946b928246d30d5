"""The workbook's rows as program drafts: every cell checked and converted, each problem
recorded with its sheet, row and column."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import FindingKind, Masterplan, Program
from kotacerdas.masterplan.services.programs import IndicatorInput
from kotacerdas.masterplan.spreadsheet import layout, reading
from kotacerdas.masterplan.spreadsheet.errors import RowError
from kotacerdas.masterplan.spreadsheet.reading import CellError, Row, SheetRows
from kotacerdas.regions.models import OPD, DimensionElement

T = TypeVar("T")


@dataclass(frozen=True)
class Lookups:
    """The masterplan's vocabulary, each keyed by layout.word() of what a cell may say."""

    region_name: str
    opds: dict[str, int | None]  # None: an abbreviation two OPDs share
    elements: dict[str, str]
    goals: dict[str, int]
    problems: dict[str, list[int]]
    programs: dict[int, Program]

    @classmethod
    def of(cls, masterplan: Masterplan) -> "Lookups":
        region_opds = list(OPD.objects.filter(region_id=masterplan.region_id))
        shared: dict[str, set[int]] = {}
        for opd in region_opds:
            if opd.abbreviation.strip():
                shared.setdefault(layout.word(opd.abbreviation), set()).add(opd.pk)
        opds: dict[str, int | None] = {
            short: min(pks) if len(pks) == 1 else None for short, pks in shared.items()
        }
        opds.update({layout.word(opd.name): opd.pk for opd in region_opds})  # names win
        elements: dict[str, str] = {}
        for element in DimensionElement.objects.all():
            for name in (element.code, element.name_id, element.name_en):
                elements.setdefault(layout.word(name), element.code)
        problems: dict[str, list[int]] = {}
        for finding in masterplan.findings.filter(kind=FindingKind.PROBLEM, merged_into=None):
            problems.setdefault(layout.word(finding.title), []).append(finding.pk)
        return cls(
            region_name=masterplan.region.name,
            opds=opds,
            elements=elements,
            goals={layout.word(g.code): g.pk for g in masterplan.goals.all()},
            problems=problems,
            programs={p.pk: p for p in masterplan.programs.all()},
        )


@dataclass
class Draft:
    """One program as the file describes it, with the rows it came from."""

    row: int
    fields: dict[str, Any] = field(default_factory=dict)
    program: Program | None = None
    failed: set[str] = field(default_factory=set)  # Program-sheet columns with cell errors
    budget: list[tuple[Row, tuple[int, str, int]]] = field(default_factory=list)
    indicators: list[tuple[Row, IndicatorInput]] = field(default_factory=list)


class Reader:
    """Reads cells of one sheet's rows into values, recording each problem in place."""

    def __init__(self, sheet: SheetRows, errors: list[RowError]) -> None:
        self.sheet, self.errors = sheet, errors

    def fail(self, row: Row, column: str, message: str) -> None:
        self.errors.append(RowError(self.sheet.title, row.number, column, message))

    def cell(
        self, row: Row, key: str, convert: Callable[[Any], T], *, required: bool = True
    ) -> T | None:
        value = row.cells.get(key)
        if value is None:
            if required:
                self.fail(row, self.sheet.label(key), _("This column must be filled."))
            return None
        try:
            return convert(value)
        except CellError as error:
            self.fail(row, self.sheet.label(key), str(error))
            return None


def _choice(words: dict[str, str], allowed: dict) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        found = words.get(layout.word(value))
        if found is None:
            raise CellError(
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed.values())}
            )
        return found

    return convert


def _length(low: int, high: int) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        found = reading.text(value)
        if not low <= len(found) <= high:
            raise CellError(_("Write %(low)d to %(high)d characters.") % {"low": low, "high": high})
        return found

    return convert


def _opds(look: Lookups, value: Any) -> list[int]:
    found: list[int] = []
    for name in reading.names(value):
        key = layout.word(name)
        if key in look.opds and look.opds[key] is None:
            raise CellError(
                _("“%(name)s” is the abbreviation of more than one OPD; write the full name.")
                % {"name": name}
            )
        opd = look.opds.get(key)
        if opd is None:
            raise CellError(
                _(
                    "“%(name)s” is not an OPD of %(region)s. Use a name or abbreviation "
                    "from the region's OPD list."
                )
                % {"name": name, "region": look.region_name}
            )
        if opd not in found:
            found.append(opd)
    return found


def _goals(look: Lookups, value: Any) -> list[int]:
    unknown = [code for code in reading.names(value) if layout.word(code) not in look.goals]
    if unknown:
        raise CellError(
            _("Unknown RPJMD goal code: %(codes)s. Add the goal to the masterplan first.")
            % {"codes": ", ".join(unknown)}
        )
    return [look.goals[layout.word(code)] for code in reading.names(value)]


def _problems(look: Lookups, value: Any) -> list[int]:
    found: list[int] = []
    for line in reading.text(value).splitlines():
        # A whole line may be one title containing a semicolon; else split it.
        parts = [line] if layout.word(line) in look.problems else line.split(";")
        for title in (part.strip() for part in parts if part.strip()):
            if layout.word(title) not in look.problems:
                raise CellError(
                    _("No problem titled “%(title)s” is recorded in this masterplan.")
                    % {"title": title}
                )
            found.extend(look.problems[layout.word(title)])
    return sorted(set(found))


def _program_id(look: Lookups, value: Any) -> Program:
    pk = reading.whole(value, _("The platform ID is a number; leave it empty for new programs."))
    if pk not in look.programs:
        raise CellError(
            _(
                "Program %(id)d is not in this masterplan. Empty the platform ID to add "
                "the row as a new program."
            )
            % {"id": pk}
        )
    return look.programs[pk]


def read_programs(sheet: SheetRows, look: Lookups, errors: list[RowError]) -> dict[str, Draft]:
    reader = Reader(sheet, errors)
    drafts: dict[str, Draft] = {}
    rows_of_ids: dict[int, int] = {}
    for row in sheet.rows:
        before = len(errors)
        key = reader.cell(row, "key", reading.text)
        draft = Draft(row.number)
        if key is not None and layout.word(key) in drafts:
            reader.fail(
                row,
                sheet.label("key"),
                _("The program key %(key)s is already used in row %(row)d.")
                % {"key": key, "row": drafts[layout.word(key)].row},
            )
        elif key is not None:
            drafts[layout.word(key)] = draft
        program = reader.cell(row, "id", lambda v: _program_id(look, v), required=False)
        if program is not None and program.pk in rows_of_ids:
            reader.fail(
                row,
                sheet.label("id"),
                _("Program %(id)d is already updated by row %(row)d.")
                % {"id": program.pk, "row": rows_of_ids[program.pk]},
            )
        elif program is not None:
            rows_of_ids[program.pk] = row.number
        draft.program = program
        draft.fields = {
            "name": reader.cell(row, "name", _length(3, 200)),
            "description": reader.cell(row, "description", reading.text, required=False) or "",
            "element": reader.cell(row, "element", lambda v: _element(look, v)),
            "lead_opd": reader.cell(row, "lead_opd", lambda v: _one_opd(look, v)),
            "supporting_opds": reader.cell(
                row, "supporting_opds", lambda v: _opds(look, v), required=False
            )
            or [],
            "horizon": reader.cell(row, "horizon", _choice(layout.HORIZONS, layout.HORIZON_WORDS)),
            "start_year": reader.cell(row, "start_year", reading.year),
            "end_year": reader.cell(row, "end_year", reading.year),
            "quick_win_reason": reader.cell(row, "quick_win_reason", reading.text, required=False)
            or "",
            "goals": reader.cell(row, "goals", lambda v: _goals(look, v), required=False) or [],
            "problems": reader.cell(row, "problems", lambda v: _problems(look, v), required=False)
            or [],
        }
        draft.failed = {error.column for error in errors[before:]}
    return drafts


def _element(look: Lookups, value: Any) -> str:
    code = look.elements.get(layout.word(value))
    if code is None:
        raise CellError(
            _("Unknown element “%(value)s”; use a code from the Daftar sheet, e.g. health.")
            % {"value": value}
        )
    return code


def _one_opd(look: Lookups, value: Any) -> int:
    found = _opds(look, value)
    if len(found) != 1:
        raise CellError(_("Name exactly one lead OPD; list the others as supporting OPDs."))
    return found[0]


def read_budget(sheet: SheetRows, drafts: dict[str, Draft], errors: list[RowError]) -> None:
    reader = Reader(sheet, errors)
    seen: dict[tuple[str, int, str], int] = {}
    for row in sheet.rows:
        draft = _draft_of(reader, row, drafts)
        year = reader.cell(row, "year", reading.year)
        source = reader.cell(row, "source", _choice(layout.SOURCES, layout.SOURCE_WORDS))
        amount = reader.cell(row, "amount", reading.rupiah)
        if draft is None or year is None or source is None or amount is None:
            continue
        once = (layout.word(row.cells["key"]), year, source)
        if once in seen:
            reader.fail(
                row,
                sheet.label("source"),
                _("This program's %(source)s budget for %(year)d is already in row %(row)d.")
                % {"source": layout.SOURCE_WORDS[source], "year": year, "row": seen[once]},
            )
        else:
            # Even with errors elsewhere in the row: save_program's rules then still run
            # on it (nothing is written while any error remains).
            seen[once] = row.number
            draft.budget.append((row, (year, source, amount)))


def read_indicators(sheet: SheetRows, drafts: dict[str, Draft], errors: list[RowError]) -> None:
    reader = Reader(sheet, errors)
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.rows:
        draft = _draft_of(reader, row, drafts)
        kind = reader.cell(row, "kind", _choice(layout.KINDS, layout.KIND_WORDS))
        name = reader.cell(row, "name", _length(2, 200))
        unit = reader.cell(row, "unit", _length(1, 40))
        baseline_year = reader.cell(row, "baseline_year", reading.year, required=False)
        baseline_value = reader.cell(row, "baseline_value", reading.number, required=False)
        targets = {}
        for year, value in sorted(row.targets.items()):
            try:
                targets[year] = reading.number(value)
            except CellError as error:
                reader.fail(row, sheet.year_headers[year], str(error))
        if draft is None or kind is None or name is None or unit is None:
            continue
        once = (layout.word(row.cells["key"]), layout.word(name))
        if once in seen:
            reader.fail(
                row,
                sheet.label("name"),
                _("This program already has this indicator in row %(row)d.") % {"row": seen[once]},
            )
        else:
            seen[once] = row.number
            indicator = IndicatorInput(kind, name, unit, baseline_year, baseline_value, targets)
            draft.indicators.append((row, indicator))


def _draft_of(reader: Reader, row: Row, drafts: dict[str, Draft]) -> Draft | None:
    key = reader.cell(row, "key", reading.text)
    if key is None:
        return None
    draft = drafts.get(layout.word(key))
    if draft is None:
        reader.fail(
            row,
            reader.sheet.label("key"),
            _("No program has the key %(key)s in the Program sheet.") % {"key": key},
        )
    return draft
