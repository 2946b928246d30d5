"""One masterplan gathered into plain dataclasses for the documents (see rows.py), in a
fixed number of queries (about 17, whatever the number of programs).

Names and labels are taken in the active language: call `gather` inside
`translation.override(language)`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone, translation

from kotacerdas.core.money import format_decimal
from kotacerdas.masterplan.documents.rows import (
    SOURCE_ORDER,
    BudgetTable,
    DimensionSection,
    ElementSection,
    FindingRow,
    GoalRow,
    IndicatorRow,
    OpdFindings,
    PillarRow,
    ProfileRow,
    ProgramRow,
    horizon_labels,
    lines,
    source_short,
)
from kotacerdas.masterplan.models import (
    BudgetLine,
    FindingKind,
    Horizon,
    IndicatorKind,
    IndicatorTarget,
    Masterplan,
    MasterplanStatus,
    ProfileKey,
    Program,
    ProgramIndicator,
)
from kotacerdas.masterplan.plain import grouped
from kotacerdas.regions.models import Dimension, Pillar

__all__ = [
    "BudgetTable",
    "DimensionSection",
    "ElementSection",
    "MasterplanContent",
    "PillarRow",
    "ProgramRow",
    "gather",
    "horizon_labels",
    "source_short",
]


@dataclass
class MasterplanContent:
    language: str
    region: str
    region_kind: str  # RegionKind: kabupaten or kota
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
    foreword: list[str]  # paragraphs
    background: list[str]
    legal_basis: list[str]  # one regulation each
    purpose: list[str]
    scope: list[str]
    head_name: str
    head_title: str  # as typed; labels.head_title says it when empty
    generated_at: str  # ISO 8601, for the document properties

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

    @property
    def is_draft(self) -> bool:
        """Not approved yet: the documents carry a draft watermark."""
        return self.status not in (MasterplanStatus.APPROVED, MasterplanStatus.LEGALISED)

    @property
    def region_short(self) -> str:
        """ "Batang" of "Kabupaten Batang"; "Kota" is part of a city's name elsewhere,
        so "Semarang" of "Kota Semarang" too (the title says Wali Kota)."""
        for prefix in ("Kabupaten ", "Kota "):
            if self.region.startswith(prefix):
                return self.region[len(prefix) :]
        return self.region


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


def _indicator(
    row: tuple[Any, ...], targets: list[tuple[int, Decimal]], years: range, plan_years: list[int]
) -> IndicatorRow:
    _pk, kind, name, unit, baseline_year, baseline_value = row
    by_year = {year: format_decimal(value) for year, value in targets}
    return IndicatorRow(
        kind=kind,
        kind_label=str(IndicatorKind(kind).label),
        name=name,
        unit=unit,
        baseline_year=baseline_year,
        baseline_value=format_decimal(baseline_value),
        targets={year: by_year[year] for year in years if year in by_year},
        cells=[by_year.get(year, "") if year in years else "" for year in plan_years],
    )


def _programs_by_element(
    masterplan: Masterplan, plan_years: list[int]
) -> dict[int, list[ProgramRow]]:
    """Plain rows (values_list), not model instances with prefetching: several times
    faster at 150 programs with 10-year indicators, in the same number of queries."""
    horizons = {key: str(label) for key, label in Horizon.choices}
    of_plan = {"program__masterplan": masterplan}
    budget = grouped(BudgetLine.objects.filter(**of_plan), "program_id", "year", "source", "amount")
    indicators = grouped(
        ProgramIndicator.objects.filter(**of_plan),
        "program_id",
        *("pk", "kind", "name", "unit", "baseline_year", "baseline_value"),
    )
    targets = grouped(
        IndicatorTarget.objects.filter(indicator__program__masterplan=masterplan),
        "indicator_id",
        "year",
        "value",
    )
    supporting = grouped(
        Program.supporting_opds.through.objects.filter(**of_plan), "program_id", "opd__name"
    )
    problems = grouped(
        Program.problems.through.objects.filter(**of_plan), "program_id", "finding__title"
    )
    goals = grouped(
        Program.goals.through.objects.filter(**of_plan), "program_id", "rpjmdgoal__code"
    )
    element_name = "element__name_en" if translation.get_language() == "en" else "element__name_id"
    programs = masterplan.programs.order_by("start_year", "name", "pk").values_list(
        *("pk", "name", "description", "element_id", "element__dimension__code", "element__code"),
        *(element_name, "lead_opd__name", "horizon", "start_year", "end_year", "quick_win_reason"),
    )
    by_element: dict[int, list[ProgramRow]] = defaultdict(list)
    for (pk, name, description, element_id, dimension, element, element_label, lead, horizon,
         start_year, end_year, quick_win_reason) in programs:  # fmt: skip
        years = range(start_year, end_year + 1)
        ordered = sorted(indicators[pk], key=lambda i: (i[1] != "output", i[2]))
        by_element[element_id].append(
            ProgramRow(
                number="",
                name=name,
                description=description,
                dimension=dimension,
                element=element,
                element_name=element_label,
                lead_opd=lead,
                supporting_opds=sorted(opd for (opd,) in supporting[pk]),
                horizon=horizon,
                horizon_label=horizons.get(horizon, horizon),
                start_year=start_year,
                end_year=end_year,
                quick_win_reason=quick_win_reason,
                budget=sorted(budget[pk], key=lambda line: (line[0], SOURCE_ORDER.index(line[1]))),
                indicators=[_indicator(i, targets[i[0]], years, plan_years) for i in ordered],
                problems=sorted(title for (title,) in problems[pk]),
                goals=sorted(code for (code,) in goals[pk]),
                plan_years=plan_years,
            )
        )
    return by_element


# The programs chapter: dimensions, elements and programs are numbered within it, so a
# program's number ("5.3.2.1") tells where it is in the masterplan.
PROGRAMS_CHAPTER = "6"
# The strategies chapter goes through the same dimensions and elements, before it.
STRATEGIES_CHAPTER = "5"


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
                program.number = f"{PROGRAMS_CHAPTER}.{d_index}.{e_index}.{p_index}"
            elements.append(
                ElementSection(
                    code=element.code,
                    name=element.name,
                    number=f"{PROGRAMS_CHAPTER}.{d_index}.{e_index}",
                    strategy_number=f"{STRATEGIES_CHAPTER}.{d_index}.{e_index}",
                    strategy=strategies.get(element.pk, ""),
                    programs=programs,
                )
            )
        programs_of_dimension = [p for e in elements for p in e.programs]
        sections.append(
            DimensionSection(
                code=dimension.code,
                name=dimension.name,
                number=f"{PROGRAMS_CHAPTER}.{d_index}",
                strategy_number=f"{STRATEGIES_CHAPTER}.{d_index}",
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
        region_kind=masterplan.region.kind,
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
        foreword=lines(masterplan.foreword),
        background=lines(masterplan.background),
        legal_basis=[_no_end_mark(item) for item in lines(masterplan.legal_basis)],
        purpose=lines(masterplan.purpose),
        scope=lines(masterplan.scope),
        head_name=masterplan.head_name.strip(),
        head_title=masterplan.head_title.strip(),
        generated_at=timezone.now().isoformat(timespec="seconds"),
    )


def _no_end_mark(regulation: str) -> str:
    """A regulation without the ";" or "." people type at its end: the documents end
    each item of the list as Indonesian legal drafting does."""
    return regulation.rstrip(" ;.,")
