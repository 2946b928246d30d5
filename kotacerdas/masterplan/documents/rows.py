"""The rows the documents show: programs, indicators, budgets, findings, analyses, as
plain dataclasses with their formatted values. Labels are taken in the active language.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from kotacerdas.core.money import format_decimal, format_million, format_rupiah
from kotacerdas.masterplan.models import FundingSource, Horizon

SOURCE_ORDER = list(FundingSource.values)
SOURCE_SHORT = {
    "apbd": "APBD",
    "apbn": "APBN",
    "dak": "DAK",
    "kpbu": "KPBU",
    "csr": "CSR",
}


# A list mark people type at the start of a line: a bullet, or a number ("1." or "1)");
# the documents number and bullet their lists themselves.
LIST_MARK = re.compile(r"^(?:[-•*]|\d{1,2}[.)])\s+")


def lines(text: str) -> list[str]:
    """A text field kept one item a line, without blank lines or list marks."""
    items = []
    for line in text.splitlines():
        line = LIST_MARK.sub("", line.strip()).strip()
        if line:
            items.append(line)
    return items


def source_short(code: str) -> str:
    return _("Other") if code == "other" else SOURCE_SHORT.get(code, code)


def horizon_labels() -> dict[str, str]:
    """Short names of the horizons, for tables and chart legends."""
    return {
        "quick_win": _("Quick win"),
        "short": _("Short term"),
        "medium": _("Medium term"),
        "long": _("Long term"),
    }


@dataclass
class ProfileRow:
    label: str
    value: str
    unit: str
    year: int
    source: str


@dataclass
class FindingRow:
    kind: str
    kind_label: str
    title: str
    description: str
    evidence: str
    element: str
    set_aside_reason: str


@dataclass
class OpdFindings:
    opd: str
    potentials: list[FindingRow] = field(default_factory=list)
    problems: list[FindingRow] = field(default_factory=list)


@dataclass
class PillarRow:
    code: str
    name: str
    readiness: Decimal | None
    readiness_notes: str
    strengths: list[str]
    weaknesses: list[str]
    opportunities: list[str]
    threats: list[str]

    @property
    def readiness_display(self) -> str:
        return format_decimal(self.readiness) if self.readiness is not None else "–"


@dataclass
class GoalRow:
    code: str
    text: str
    programs: int = 0


@dataclass
class IndicatorRow:
    kind: str
    kind_label: str
    name: str
    unit: str
    baseline_year: int | None
    baseline_value: str
    targets: dict[int, str]
    cells: list[str]  # the target of each year of the plan, "" outside the program

    @property
    def targets_line(self) -> str:
        """ "2024: 26 · 2025: 32 · …": the targets in one line, for compact tables."""
        return " · ".join(f"{year}: {value}" for year, value in self.targets.items())

    @property
    def baseline(self) -> str:
        if self.baseline_year is None:
            return self.baseline_value
        return f"{self.baseline_value} ({self.baseline_year})"


@dataclass
class ProgramRow:
    number: str  # "5.3.2.1": the programs chapter, dimension, element, program
    name: str
    description: str
    dimension: str
    element: str
    element_name: str
    lead_opd: str
    supporting_opds: list[str]
    horizon: str
    horizon_label: str
    start_year: int
    end_year: int
    quick_win_reason: str
    budget: list[tuple[int, str, int]]  # (year, source, Rupiah), sorted
    indicators: list[IndicatorRow]
    problems: list[str]
    goals: list[str]  # codes of the RPJMD goals served; chapter 3 lists them in full
    plan_years: list[int]

    @property
    def is_quick_win(self) -> bool:
        return self.horizon == Horizon.QUICK_WIN

    @property
    def years(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    @property
    def budget_total(self) -> int:
        return sum(amount for _y, _s, amount in self.budget)

    @property
    def notes(self) -> list[str]:
        """What the program table says under the description."""
        notes = []
        if self.quick_win_reason:
            notes.append(_("Quick win: %(reason)s") % {"reason": self.quick_win_reason})
        if self.problems:
            notes.append(_("Problems addressed: %(list)s") % {"list": "; ".join(self.problems)})
        if self.goals:
            notes.append(_("RPJMD goals: %(list)s") % {"list": ", ".join(self.goals)})
        return notes

    @property
    def indicator_lines(self) -> list[str]:
        return [
            _("• %(kind)s: %(name)s (%(unit)s); baseline %(baseline)s; %(targets)s")
            % {
                "kind": i.kind_label,
                "name": i.name,
                "unit": i.unit,
                "baseline": i.baseline,
                "targets": i.targets_line,
            }
            for i in self.indicators
        ]

    @property
    def details(self) -> str:
        """Everything under the program's name in the PDF's program table, one item a
        line: printed with `white-space: pre-line`, which lays out faster than markup."""
        head = [self.description] if self.description else []
        return "\n".join(head + self.notes + self.budget_lines + self.indicator_lines)

    @property
    def opds_line(self) -> str:
        """ "Lead OPD: … · Supporting OPDs: …", for the PDF's program blocks."""
        line = f"{_('Lead OPD')}: {self.lead_opd}"
        if self.supporting_opds:
            line += f" · {_('Supporting OPDs')}: {', '.join(self.supporting_opds)}"
        return line

    @property
    def horizon_short(self) -> str:
        return horizon_labels().get(self.horizon, self.horizon_label)

    @property
    def budget_total_rp(self) -> str:
        return format_rupiah(self.budget_total)

    @property
    def budget_total_million(self) -> str:
        return format_million(self.budget_total)

    @property
    def sources_text(self) -> str:
        return ", ".join(self.sources)

    @property
    def budget_by_year(self) -> dict[int, int]:
        totals: dict[int, int] = defaultdict(int)
        for year, _source, amount in self.budget:
            totals[year] += amount
        return dict(totals)

    @property
    def budget_cells(self) -> list[str]:
        """Millions of Rupiah for each year of the plan, "" where nothing is planned."""
        per_year = self.budget_by_year
        return [format_million(per_year[y]) if y in per_year else "" for y in self.plan_years]

    @property
    def budget_lines(self) -> list[str]:
        """One line per funding source: "APBD: 2024: 250 · 2025: 270" (million Rupiah)."""
        by_source: dict[str, list[str]] = defaultdict(list)
        for year, source, amount in self.budget:
            by_source[source].append(f"{year}: {format_million(amount)}")
        return [
            f"{source_short(code)}: {' · '.join(by_source[code])}"
            for code in SOURCE_ORDER
            if code in by_source
        ]

    @property
    def active_years(self) -> list[bool]:
        return [self.start_year <= y <= self.end_year for y in self.plan_years]

    @property
    def sources(self) -> list[str]:
        present = {source for _y, source, _a in self.budget}
        return [source_short(code) for code in SOURCE_ORDER if code in present]


@dataclass
class ElementSection:
    code: str
    name: str
    number: str
    strategy: str
    programs: list[ProgramRow]
    strategy_number: str = ""  # "5.1.2": the element in the strategies chapter


@dataclass
class BudgetTable:
    """Amounts per year and funding source, with their totals."""

    years: list[int]
    sources: list[str]  # codes present, in the fixed order
    cells: dict[tuple[int, str], int]
    by_year: dict[int, int]
    by_source: dict[str, int]
    total: int

    @classmethod
    def of(cls, programs: list[ProgramRow], years: list[int]) -> "BudgetTable":
        cells: dict[tuple[int, str], int] = defaultdict(int)
        for program in programs:
            for year, source, amount in program.budget:
                cells[(year, source)] += amount
        present = {source for _year, source in cells}
        by_year = {y: sum(a for (yy, _s), a in cells.items() if yy == y) for y in years}
        by_source = {
            s: sum(a for (_y, ss), a in cells.items() if ss == s)
            for s in SOURCE_ORDER
            if s in present
        }
        return cls(
            years=years,
            sources=[s for s in SOURCE_ORDER if s in present],
            cells=dict(cells),
            by_year=by_year,
            by_source=by_source,
            total=sum(cells.values()),
        )

    @property
    def source_labels(self) -> list[str]:
        return [source_short(code) for code in self.sources]

    def rows(self) -> list[tuple[int, list[str], str]]:
        """(year, formatted amount per source, formatted year total)."""
        return [
            (
                year,
                [format_rupiah(self.cells.get((year, s), 0)) for s in self.sources],
                format_rupiah(self.by_year[year]),
            )
            for year in self.years
        ]

    def columns(self) -> tuple[str, list[str], str]:
        """The rows() as columns, one value a line: the years, each source's amounts and
        the year totals. The PDF prints each column as one cell of lines, which WeasyPrint
        lays out several times faster than a cell per amount."""
        rows = self.rows()
        return (
            "\n".join(str(year) for year, _cells, _total in rows),
            ["\n".join(cells[i] for _y, cells, _t in rows) for i in range(len(self.sources))],
            "\n".join(total for _y, _cells, total in rows),
        )

    def source_totals(self) -> list[str]:
        return [format_rupiah(self.by_source[s]) for s in self.sources]

    @property
    def total_rp(self) -> str:
        return format_rupiah(self.total)


@dataclass
class DimensionSection:
    code: str
    name: str
    number: str
    elements: list[ElementSection]
    budget: BudgetTable
    strategy_number: str = ""  # "5.1": the dimension in the strategies chapter

    @property
    def programs(self) -> list[ProgramRow]:
        return [p for element in self.elements for p in element.programs]

    @property
    def quick_wins(self) -> int:
        return sum(1 for p in self.programs if p.is_quick_win)

    @property
    def intro(self) -> str:
        return _("%(programs)d programs, %(quick_wins)d of them quick wins; budget %(budget)s.") % {
            "programs": len(self.programs),
            "quick_wins": self.quick_wins,
            "budget": self.budget.total_rp,
        }

    @property
    def indicators_title(self) -> str:
        return _("Indicators and targets: %(dimension)s") % {"dimension": self.name}

    @property
    def matrix_title(self) -> str:
        return _("Budget per program and year (million Rupiah): %(dimension)s") % {
            "dimension": self.name
        }

    @property
    def budget_title(self) -> str:
        return _("Budget per year and funding source: %(dimension)s") % {"dimension": self.name}
