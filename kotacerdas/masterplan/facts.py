"""The masterplan as the checker sees it, read as plain rows."""

from collections import defaultdict

from django.utils import translation

from kotacerdas.masterplan import checker
from kotacerdas.masterplan.models import (
    BudgetLine,
    IndicatorTarget,
    Masterplan,
    Program,
    ProgramIndicator,
)
from kotacerdas.masterplan.plain import grouped
from kotacerdas.regions.models import Dimension


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
    goal_counts: dict[int, int] = defaultdict(int)
    for program_id in Program.goals.through.objects.filter(
        program__masterplan=masterplan
    ).values_list("program_id", flat=True):
        goal_counts[program_id] += 1
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
            goal_count=goal_counts[pk],
            quick_win_reason=quick_win_reason,
        )
        for pk, name, dimension, lead_region, horizon, start_year, end_year, quick_win_reason in (
            masterplan.programs.values_list(
                "pk",
                "name",
                "element__dimension__code",
                "lead_opd__region_id",
                "horizon",
                "start_year",
                "end_year",
                "quick_win_reason",
            )
        )
    ]
    problems = [
        checker.ProblemFacts(pk, title, bool(reason.strip()))
        for pk, title, reason in masterplan.findings.filter(
            kind="problem", merged_into=None
        ).values_list("pk", "title", "set_aside_reason")
    ]
    name = "name_en" if translation.get_language() == "en" else "name_id"
    dimension_names = dict(Dimension.objects.values_list("code", name))
    return checker.PlanFacts(
        dimensions=list(dimension_names),
        dimension_names=dimension_names,
        first_year=masterplan.first_year,
        last_year=masterplan.last_year,
        programs=facts,
        problems=problems,
    )
