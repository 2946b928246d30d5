"""The masterplan as the checker sees it, read as plain rows."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Exists, OuterRef, Subquery, Value
from django.utils import translation

from kotacerdas.masterplan import checker
from kotacerdas.masterplan.models import (
    BudgetLine,
    FindingKind,
    IndicatorTarget,
    Masterplan,
    PillarAnalysis,
    ProfileFigure,
    Program,
    ProgramIndicator,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.masterplan.plain import grouped
from kotacerdas.regions.models import DimensionElement, Pillar

SWOT_FIELDS = ("readiness", *checker.SWOT_PARTS)


def _elements(
    masterplan: Masterplan, name: str
) -> tuple[list[checker.ElementFacts], dict[str, str]]:
    """Every dimension element with whether it has a strategy, and the name of each
    dimension that has elements (a program belongs to an element), in order: one query."""
    strategy = Strategy.objects.filter(masterplan=masterplan, element=OuterRef("pk"))
    elements = []
    dimension_names: dict[str, str] = {}
    for code, element_name, dimension, dimension_name, has_strategy in (
        DimensionElement.objects.order_by(
            "dimension__position", "dimension__code", "position", "code"
        )
        .annotate(has_strategy=Exists(strategy.exclude(text="")))
        .values_list("code", name, "dimension__code", f"dimension__{name}", "has_strategy")
    ):
        elements.append(checker.ElementFacts(code, element_name, dimension, bool(has_strategy)))
        dimension_names.setdefault(dimension, dimension_name)
    return elements, dimension_names


@dataclass
class _Listed:
    """What the masterplan lists beside its programs."""

    problems: list[checker.ProblemFacts] = field(default_factory=list)
    potentials: int = 0
    profile_keys: list[str] = field(default_factory=list)
    goals: int = 0


def _listed(masterplan: Masterplan) -> _Listed:
    """The potentials and problems (not merged into another), the profile figures' keys
    and the RPJMD goals: one query, a UNION ALL of (kind, id, title, reason) rows."""
    text = CharField()
    rows = (
        masterplan.findings.filter(merged_into=None)
        .order_by()
        .values_list("kind", "pk", "title", "set_aside_reason")
        .union(
            ProfileFigure.objects.filter(masterplan=masterplan)
            .order_by()
            .annotate(row=Value("figure", output_field=text), blank=Value("", output_field=text))
            .values_list("row", "pk", "key", "blank"),
            RpjmdGoal.objects.filter(masterplan=masterplan)
            .order_by()
            .annotate(row=Value("goal", output_field=text), blank=Value("", output_field=text))
            .values_list("row", "pk", "code", "blank"),
            all=True,
        )
    )
    listed = _Listed()
    for kind, pk, title, reason in sorted(rows, key=lambda row: (row[2], row[1])):
        if kind == FindingKind.PROBLEM:
            listed.problems.append(checker.ProblemFacts(pk, title, bool(reason.strip())))
        elif kind == FindingKind.POTENTIAL:
            listed.potentials += 1
        elif kind == "figure":
            listed.profile_keys.append(title)
        else:
            listed.goals += 1
    return listed


def _content(
    masterplan: Masterplan, listed: _Listed, elements: list[checker.ElementFacts], name: str
) -> checker.ContentFacts:
    """The chapters beside the programs; one query, the pillars with their analyses."""
    analysis = PillarAnalysis.objects.filter(masterplan=masterplan, pillar=OuterRef("pk"))
    pillars = [
        checker.PillarFacts(
            code,
            pillar_name,
            has_readiness=readiness is not None,
            strengths=strengths or "",
            weaknesses=weaknesses or "",
            opportunities=opportunities or "",
            threats=threats or "",
        )
        for code, pillar_name, readiness, strengths, weaknesses, opportunities, threats in (
            Pillar.objects.annotate(
                **{f"a_{f}": Subquery(analysis.values(f)[:1]) for f in SWOT_FIELDS}
            ).values_list("code", name, *(f"a_{f}" for f in SWOT_FIELDS))
        )
    ]
    plan = masterplan
    return checker.ContentFacts(
        vision=plan.vision,
        missions=plan.missions,
        targets=plan.targets,
        leading_sectors=plan.leading_sectors,
        gap_analysis=plan.gap_analysis,
        rpjmd_vision=plan.rpjmd_vision,
        rpjmd_missions=plan.rpjmd_missions,
        rpjmd_period=plan.rpjmd_first_year is not None and plan.rpjmd_last_year is not None,
        roadmap=plan.roadmap,
        implementation_steps=plan.implementation_steps,
        profile_keys=listed.profile_keys,
        potentials=listed.potentials,
        goals=listed.goals,
        pillars=pillars,
        elements=elements,
    )


def plan_facts(masterplan: Masterplan) -> checker.PlanFacts:
    """The masterplan as the checker sees it, in a fixed number of queries, as plain rows
    (plain.py): the editor pages call it on every view."""
    budget = grouped(
        BudgetLine.objects.filter(program__masterplan=masterplan),
        "program_id",
        *("year", "source", "amount"),
    )
    target_years: dict[int, set[int]] = defaultdict(set)
    for indicator_id, year in IndicatorTarget.objects.filter(
        indicator__program__masterplan=masterplan
    ).values_list("indicator_id", "year"):
        target_years[indicator_id].add(year)
    indicators: dict[int, list[checker.IndicatorFacts]] = defaultdict(list)
    for (
        pk,
        program_id,
        name,
        kind,
        baseline_year,
        baseline_value,
    ) in ProgramIndicator.objects.filter(program__masterplan=masterplan).values_list(
        "pk", "program_id", "name", "kind", "baseline_year", "baseline_value"
    ):
        indicators[program_id].append(
            checker.IndicatorFacts(
                pk,
                name,
                kind,
                has_baseline=baseline_year is not None and baseline_value is not None,
                target_years=frozenset(target_years[pk]),
            )
        )
    problem_ids: dict[int, set[int]] = defaultdict(set)
    for program_id, finding_id in Program.problems.through.objects.filter(
        program__masterplan=masterplan
    ).values_list("program_id", "finding_id"):
        problem_ids[program_id].add(finding_id)
    facts = [
        checker.ProgramFacts(
            id=pk,
            name=name,
            dimension=dimension,
            lead_opd_in_region=lead_region == masterplan.region_id,
            horizon=horizon,
            start_year=start_year,
            end_year=end_year,
            budget=budget[pk],
            indicators=indicators[pk],
            problem_ids=frozenset(problem_ids[pk]),
            goal_count=goal_count,
            quick_win_reason=quick_win_reason,
        )
        for (
            pk,
            name,
            dimension,
            lead_region,
            horizon,
            start_year,
            end_year,
            quick_win_reason,
            goal_count,
        ) in masterplan.programs.order_by("element", "start_year", "name", "pk").values_list(
            "pk",
            "name",
            "element__dimension__code",
            "lead_opd__region_id",
            "horizon",
            "start_year",
            "end_year",
            "quick_win_reason",
            Count("goals"),
        )
    ]
    listed = _listed(masterplan)
    name = "name_en" if translation.get_language() == "en" else "name_id"
    elements, dimension_names = _elements(masterplan, name)
    content = _content(masterplan, listed, elements, name)
    return checker.PlanFacts(
        dimensions=list(dimension_names),
        dimension_names=dimension_names,
        first_year=masterplan.first_year,
        last_year=masterplan.last_year,
        programs=facts,
        problems=listed.problems,
        content=content,
    )
