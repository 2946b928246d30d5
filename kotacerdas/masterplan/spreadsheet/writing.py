"""Writing the programs workbook: the empty template, and a masterplan's programs."""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kotacerdas.formats import cells
from kotacerdas.masterplan.models import PLAN_YEARS, FindingKind, Masterplan
from kotacerdas.masterplan.spreadsheet import layout
from kotacerdas.masterplan.spreadsheet.guide import write_guide
from kotacerdas.masterplan.spreadsheet.layout import BUDGET, INDICATOR, PROGRAM
from kotacerdas.regions.models import OPD, DimensionElement

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
EXAMPLE_FONT = Font(italic=True, color="808080")
MONEY = "#,##0"


@dataclass
class Lists:
    """What the Daftar sheet offers: the reference elements, and a plan's own lists."""

    elements: list[tuple[str, str, str]]  # code, Indonesian name, dimension
    opds: list[tuple[str, str]] = field(default_factory=list)  # name, abbreviation
    goals: list[tuple[str, str]] = field(default_factory=list)  # code, text
    problems: list[str] = field(default_factory=list)


def _reference_elements() -> list[tuple[str, str, str]]:
    return [
        (e.code, e.name_id, e.dimension.name_id)
        for e in DimensionElement.objects.select_related("dimension").order_by(
            "dimension__position", "dimension__code", "position", "code"
        )
    ]


def _headers(sheet: Worksheet, spec: layout.Sheet, years: Sequence[int]) -> None:
    headers: list[Any] = [column.label for column in spec.columns]
    widths = [column.width for column in spec.columns]
    if spec is INDICATOR:
        headers += list(years)
        widths += [9] * len(years)
    sheet.append(headers)
    for index, (cell, width) in enumerate(zip(sheet[1], widths, strict=True)):
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        if index < len(spec.columns):
            column = spec.columns[index]
            cell.comment = Comment(f"{column.english}: {column.help_en}", "Kota Cerdas")
    sheet.freeze_panes = "B2"


def _letter(spec: layout.Sheet, key: str) -> str:
    return get_column_letter([c.key for c in spec.columns].index(key) + 1)


def _validate_list(sheet: Worksheet, spec: layout.Sheet, key: str, formula: str) -> None:
    """A drop-down on one column. Typed values outside it only warn: the import also
    accepts names and Indonesian or English words, and tells precisely what is wrong."""
    letter = _letter(spec, key)
    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    rule.errorStyle, rule.showErrorMessage = "warning", True
    rule.error = "Nilai tidak ada di daftar. / The value is not in the list."
    sheet.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{spec.max_rows + 1}")


def _validate_years(sheet: Worksheet, letters: list[str], years: range, rows: int) -> None:
    low, high = years.start, years.stop - 1
    rule = DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high))
    rule.showErrorMessage = True
    rule.error = f"Tahun {low}–{high}. / A year {low}–{high}."
    sheet.add_data_validation(rule)
    for letter in letters:
        rule.add(f"{letter}2:{letter}{rows + 1}")


def _validate_amounts(sheet: Worksheet, letter: str, rows: int) -> None:
    # "decimal", not "whole": spreadsheet programs may cap whole numbers at 32 bits, far
    # below a billion-Rupiah budget. The import refuses decimals itself.
    rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    rule.showErrorMessage = True
    rule.error = "Rupiah utuh, tidak negatif. / Whole Rupiah, not negative."
    sheet.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{rows + 1}")


def _quoted(words: Sequence[str]) -> str:
    return '"' + ",".join(words) + '"'


def _workbook(lists: Lists, years: Sequence[int], plan_label: str, allowed: range) -> Workbook:
    """The layout; `years` head the target columns, `allowed` bounds the year cells."""
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    write_guide(guide, years, plan_label)
    program = workbook.create_sheet(PROGRAM.name)
    budget = workbook.create_sheet(BUDGET.name)
    indicator = workbook.create_sheet(INDICATOR.name)
    for sheet, spec in ((program, PROGRAM), (budget, BUDGET), (indicator, INDICATOR)):
        _headers(sheet, spec, years)
    _write_lists(workbook.create_sheet(layout.LISTS_SHEET), lists)

    elements = f"={layout.LISTS_SHEET}!$A$2:$A${len(lists.elements) + 1}"
    _validate_list(program, PROGRAM, "element", elements)
    _validate_list(program, PROGRAM, "horizon", _quoted(list(layout.HORIZON_WORDS.values())))
    if lists.opds:
        _validate_list(
            program, PROGRAM, "lead_opd", f"={layout.LISTS_SHEET}!$E$2:$E${len(lists.opds) + 1}"
        )
    _validate_list(budget, BUDGET, "source", _quoted(list(layout.SOURCE_WORDS.values())))
    _validate_list(indicator, INDICATOR, "kind", _quoted(list(layout.KIND_WORDS.values())))
    program_years = [_letter(PROGRAM, "start_year"), _letter(PROGRAM, "end_year")]
    _validate_years(program, program_years, allowed, PROGRAM.max_rows)
    _validate_years(budget, [_letter(BUDGET, "year")], allowed, BUDGET.max_rows)
    _validate_amounts(budget, _letter(BUDGET, "amount"), BUDGET.max_rows)
    return workbook


def _write_lists(sheet: Worksheet, lists: Lists) -> None:
    """Columns A-C elements, E-F OPDs, H-I RPJMD goals, K problems."""
    blocks: list[tuple[int, list[str], Sequence[Sequence[str]]]] = [
        (1, ["Kode elemen", "Elemen", "Dimensi"], lists.elements),
        (5, ["OPD", "Singkatan"], lists.opds),
        (8, ["Kode tujuan RPJMD", "Tujuan RPJMD"], lists.goals),
        (11, ["Masalah"], [(title,) for title in lists.problems]),
    ]
    for first_column, headers, rows in blocks:
        for offset, header in enumerate(headers):
            cell = sheet.cell(1, first_column + offset, header)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            sheet.column_dimensions[get_column_letter(first_column + offset)].width = 28
        for row_number, values in enumerate(rows, start=2):
            for offset, value in enumerate(values):
                cells.set_cell(sheet, row_number, first_column + offset, value)
    sheet.freeze_panes = "A2"


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx(first_year: int | None = None) -> bytes:
    """The empty workbook with one example row per sheet (key CONTOH: never imported).
    Its target columns start at `first_year` (a masterplan's first year), by default this
    year; an export of a masterplan also has the region's OPD list."""
    first = first_year or timezone.localdate().year
    years = list(range(first, first + PLAN_YEARS))
    # Not knowing the plan, the year cells take any plausible year.
    workbook = _workbook(Lists(_reference_elements()), years, "", range(2015, 2101))
    example = [
        layout.EXAMPLE_KEY,
        None,
        "Puskesmas Digital",
        "Rekam medis elektronik dan antrean daring di semua puskesmas.",
        "health",
        "Dinas Kesehatan",
        "Dinas Komunikasi dan Informatika",
        layout.HORIZON_WORDS["medium"],
        first,
        first + 2,
        "",
        "T1",
        "Antrean panjang di puskesmas",
    ]
    rows = {
        PROGRAM.name: example,
        BUDGET.name: [layout.EXAMPLE_KEY, first, "APBD", 250_000_000],
        INDICATOR.name: [
            layout.EXAMPLE_KEY,
            "outcome",
            "Puskesmas dengan rekam medis elektronik",
            "%",
            first - 1,
            20,
            40,
            70,
            100,
        ],
    }
    for name, values in rows.items():
        workbook[name].append(values)
        for cell in workbook[name][2]:
            cell.font = EXAMPLE_FONT
    workbook[BUDGET.name]["D2"].number_format = MONEY
    return _save(workbook)


def _append(sheet: Worksheet, values: Sequence[Any]) -> None:
    """A row of people's text: control characters pasted in are dropped (XLSX cannot hold
    them), and text that could start a formula stays text (kotacerdas.formats.cells)."""
    cells.append_row(sheet, values)


def _plan_lists(masterplan: Masterplan) -> Lists:
    opds = OPD.objects.filter(region_id=masterplan.region_id).order_by("name")
    problems = masterplan.findings.filter(kind=FindingKind.PROBLEM, merged_into=None)
    return Lists(
        elements=_reference_elements(),
        opds=[(o.name, o.abbreviation) for o in opds],
        goals=[(g.code, g.text) for g in masterplan.goals.order_by("code")],
        problems=[f.title for f in problems.order_by("title")],
    )


def _number(value: Decimal | None) -> int | float | None:
    """Excel has no decimals type: whole values as int, others as float."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def export_programs(masterplan: Masterplan) -> bytes:
    """The masterplan's programs, budgets and indicators in the template's layout, in a
    fixed number of queries. Importing the file back replaces each program with itself."""
    years = list(range(masterplan.first_year, masterplan.last_year + 1))
    label = f"{masterplan.region.name} {masterplan.first_year}–{masterplan.last_year}"
    workbook = _workbook(_plan_lists(masterplan), years, label, range(years[0], years[-1] + 1))
    programs = list(
        masterplan.programs.select_related("element", "lead_opd")
        .prefetch_related("supporting_opds", "problems", "goals", "budget", "indicators__targets")
        .order_by("element__dimension__position", "element__position", "start_year", "name", "pk")
    )
    width = max(2, len(str(len(programs))))
    program_sheet, budget_sheet = workbook[PROGRAM.name], workbook[BUDGET.name]
    indicator_sheet = workbook[INDICATOR.name]
    for number, program in enumerate(programs, start=1):
        key = f"P{number:0{width}d}"
        _append(
            program_sheet,
            [
                key,
                program.pk,
                program.name,
                program.description,
                program.element.code,
                program.lead_opd.name,
                "; ".join(sorted(o.name for o in program.supporting_opds.all())),
                layout.HORIZON_WORDS.get(program.horizon, program.horizon),
                program.start_year,
                program.end_year,
                program.quick_win_reason,
                "; ".join(sorted(g.code for g in program.goals.all())),
                "\n".join(sorted(f.title for f in program.problems.all())),
            ],
        )
        for line in program.budget.all():
            _append(
                budget_sheet,
                [key, line.year, layout.SOURCE_WORDS.get(line.source, line.source), line.amount],
            )
            budget_sheet.cell(budget_sheet.max_row, 4).number_format = MONEY
        for indicator in program.indicators.all():
            targets = {t.year: t.value for t in indicator.targets.all()}
            _append(
                indicator_sheet,
                [
                    key,
                    indicator.kind,
                    indicator.name,
                    indicator.unit,
                    indicator.baseline_year,
                    _number(indicator.baseline_value),
                    *(_number(targets.get(year)) for year in years),
                ],
            )
    return _save(workbook)
