"""One masterplan gathered into plain dataclasses for the documents, in a fixed number
of queries (about 17, whatever the number of programs).

Names and labels are taken in the active language: call `gather` inside
`translation.override(language)`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _

from kotacerdas.masterplan.documents.rupiah import format_decimal, format_million, format_rupiah
from kotacerdas.masterplan.models import (
    FindingKind,
    FundingSource,
    Horizon,
    IndicatorKind,
    Masterplan,
    MasterplanStatus,
    ProfileKey,
    ProgramIndicator,
)
from kotacerdas.regions.models import Dimension, Pillar

SOURCE_ORDER = list(FundingSource.values)
SOURCE_SHORT = {
    "apbd": "APBD",
    "apbn": "APBN",
    "dak": "DAK",
    "kpbu": "KPBU",
    "csr": "CSR",
}


def lines(text: str) -> list[str]:
    """A text field kept one item a line, without blank lines or list marks."""
    items = []
    for line in text.splitlines():
        line = line.strip()
        if line[:2] in ("- ", "• ", "* "):
            line = line[2:].strip()
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
    number: str  # "3.2.1": dimension, element, program
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


@dataclass
class MasterplanContent:
    language: str
    region: str
    province: str
    first_year: int
    last_year: int
    status: str
    status_label: str
    generated_on: str
    vision: str
    missions: list[str]
    targets: list[str]
    leading_sectors: list[str]
    profile: list[ProfileRow]
    findings: list[OpdFindings]
    pillars: list[PillarRow]
    gap_analysis: list[str]
    rpjmd_vision: str
    rpjmd_missions: list[str]
    rpjmd_period: str
    goals: list[GoalRow]
    dimensions: list[DimensionSection]
    budget: BudgetTable
    roadmap: list[str]
    implementation_steps: list[str]
    legal_number: str
    legal_date: str
    legal_file: bool

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def period(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    @property
    def programs(self) -> list[ProgramRow]:
        return [p for d in self.dimensions for p in d.programs]

    @property
    def quick_wins(self) -> list[ProgramRow]:
        return [p for p in self.programs if p.is_quick_win]

    @property
    def is_legalised(self) -> bool:
        return self.status == MasterplanStatus.LEGALISED or bool(self.legal_number)


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def _profile(masterplan: Masterplan) -> list[ProfileRow]:
    order = {key: index for index, key in enumerate(ProfileKey.values)}
    figures = sorted(masterplan.profile.all(), key=lambda f: (order.get(f.key, 99), f.label))
    return [
        ProfileRow(
            label=f.label or str(ProfileKey(f.key).label),
            value=format_decimal(f.value),
            unit=f.unit,
            year=f.year,
            source=f.source,
        )
        for f in figures
    ]


def _findings(masterplan: Masterplan) -> list[OpdFindings]:
    by_opd: dict[str, OpdFindings] = {}
    kinds = {key: str(label) for key, label in FindingKind.choices}
    rows = (
        masterplan.findings.filter(merged_into=None)
        .select_related("opd", "element")
        .order_by("opd__name", "kind", "title")
    )
    for f in rows:
        group = by_opd.setdefault(f.opd.name, OpdFindings(f.opd.name))
        row = FindingRow(
            kind=f.kind,
            kind_label=kinds.get(f.kind, f.kind),
            title=f.title,
            description=f.description,
            evidence=f.evidence,
            element=f.element.name if f.element else "",
            set_aside_reason=f.set_aside_reason,
        )
        (group.problems if f.kind == "problem" else group.potentials).append(row)
    return list(by_opd.values())


def _pillars(masterplan: Masterplan) -> list[PillarRow]:
    analyses = {a.pillar_id: a for a in masterplan.pillar_analyses.all()}
    rows = []
    for pillar in Pillar.objects.order_by("position", "code"):
        a = analyses.get(pillar.pk)
        rows.append(
            PillarRow(
                code=pillar.code,
                name=pillar.name,
                readiness=a.readiness if a else None,
                readiness_notes=a.readiness_notes if a else "",
                strengths=lines(a.strengths) if a else [],
                weaknesses=lines(a.weaknesses) if a else [],
                opportunities=lines(a.opportunities) if a else [],
                threats=lines(a.threats) if a else [],
            )
        )
    return rows


def _indicator(i: ProgramIndicator, years: range, plan_years: list[int]) -> IndicatorRow:
    targets = {t.year: format_decimal(t.value) for t in i.targets.all()}
    return IndicatorRow(
        kind=i.kind,
        kind_label=str(IndicatorKind(i.kind).label),
        name=i.name,
        unit=i.unit,
        baseline_year=i.baseline_year,
        baseline_value=format_decimal(i.baseline_value),
        targets={year: targets[year] for year in years if year in targets},
        cells=[targets.get(year, "") if year in years else "" for year in plan_years],
    )


def _programs_by_element(
    masterplan: Masterplan, plan_years: list[int]
) -> dict[int, list[ProgramRow]]:
    horizons = {key: str(label) for key, label in Horizon.choices}
    programs = (
        masterplan.programs.select_related("element__dimension", "lead_opd")
        .prefetch_related("supporting_opds", "budget", "indicators__targets", "problems", "goals")
        .order_by("start_year", "name", "pk")
    )
    by_element: dict[int, list[ProgramRow]] = defaultdict(list)
    for p in programs:
        years = range(p.start_year, p.end_year + 1)
        indicators = sorted(p.indicators.all(), key=lambda i: (i.kind != "output", i.name))
        by_element[p.element_id].append(
            ProgramRow(
                number="",
                name=p.name,
                description=p.description,
                dimension=p.element.dimension.code,
                element=p.element.code,
                element_name=p.element.name,
                lead_opd=p.lead_opd.name,
                supporting_opds=sorted(o.name for o in p.supporting_opds.all()),
                horizon=p.horizon,
                horizon_label=horizons.get(p.horizon, p.horizon),
                start_year=p.start_year,
                end_year=p.end_year,
                quick_win_reason=p.quick_win_reason,
                budget=sorted(
                    ((b.year, b.source, b.amount) for b in p.budget.all()),
                    key=lambda line: (line[0], SOURCE_ORDER.index(line[1])),
                ),
                indicators=[_indicator(i, years, plan_years) for i in indicators],
                problems=sorted(f.title for f in p.problems.all()),
                goals=sorted(g.code for g in p.goals.all()),
                plan_years=plan_years,
            )
        )
    return by_element


def _dimensions(masterplan: Masterplan, years: list[int]) -> list[DimensionSection]:
    strategies = {s.element_id: s.text for s in masterplan.strategies.all()}
    by_element = _programs_by_element(masterplan, years)
    sections = []
    dimensions = Dimension.objects.prefetch_related("elements").order_by("position", "code")
    for d_index, dimension in enumerate(dimensions, start=1):
        elements = []
        ordered = sorted(dimension.elements.all(), key=lambda e: (e.position, e.code))
        for e_index, element in enumerate(ordered, start=1):
            programs = by_element.get(element.pk, [])
            for p_index, program in enumerate(programs, start=1):
                program.number = f"{d_index}.{e_index}.{p_index}"
            elements.append(
                ElementSection(
                    code=element.code,
                    name=element.name,
                    number=f"{d_index}.{e_index}",
                    strategy=strategies.get(element.pk, ""),
                    programs=programs,
                )
            )
        programs_of_dimension = [p for e in elements for p in e.programs]
        sections.append(
            DimensionSection(
                code=dimension.code,
                name=dimension.name,
                number=str(d_index),
                elements=elements,
                budget=BudgetTable.of(programs_of_dimension, years),
            )
        )
    return sections


def gather(masterplan: Masterplan) -> MasterplanContent:
    """Everything the documents show, read once."""
    masterplan = Masterplan.objects.select_related("region__province").get(pk=masterplan.pk)
    years = list(range(masterplan.first_year, masterplan.last_year + 1))
    dimensions = _dimensions(masterplan, years)
    goals = [GoalRow(g.code, g.text) for g in masterplan.goals.order_by("code")]
    served: dict[str, int] = defaultdict(int)
    for d in dimensions:
        for p in d.programs:
            for code in p.goals:
                served[code] += 1
    for goal in goals:
        goal.programs = served.get(goal.code, 0)
    rpjmd_period = ""
    if masterplan.rpjmd_first_year and masterplan.rpjmd_last_year:
        rpjmd_period = f"{masterplan.rpjmd_first_year}–{masterplan.rpjmd_last_year}"
    all_programs = [p for d in dimensions for p in d.programs]
    return MasterplanContent(
        language=translation.get_language() or "id",
        region=masterplan.region.name,
        province=masterplan.region.province.name,
        first_year=masterplan.first_year,
        last_year=masterplan.last_year,
        status=masterplan.status,
        status_label=str(MasterplanStatus(masterplan.status).label),
        generated_on=_date(datetime.date.today()),
        vision=masterplan.vision.strip(),
        missions=lines(masterplan.missions),
        targets=lines(masterplan.targets),
        leading_sectors=lines(masterplan.leading_sectors),
        profile=_profile(masterplan),
        findings=_findings(masterplan),
        pillars=_pillars(masterplan),
        gap_analysis=lines(masterplan.gap_analysis),
        rpjmd_vision=masterplan.rpjmd_vision.strip(),
        rpjmd_missions=lines(masterplan.rpjmd_missions),
        rpjmd_period=rpjmd_period,
        goals=goals,
        dimensions=dimensions,
        budget=BudgetTable.of(all_programs, years),
        roadmap=lines(masterplan.roadmap),
        implementation_steps=lines(masterplan.implementation_steps),
        legal_number=masterplan.legal_number,
        legal_date=_date(masterplan.legal_date),
        legal_file=bool(masterplan.legal_file),
    )
