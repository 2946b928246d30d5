"""The masterplan checker: rules a masterplan must meet before it is submitted.
Pure: plain dataclasses in, plain dataclasses out, no Django.

Each finding has a stable code, a severity (errors block submission, warnings do not),
an anchor naming the place to fix, and the numbers that make the message plain.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# Longest span in years per horizon (quick wins must end within a year of their start).
HORIZON_YEARS = {"quick_win": 1, "short": 1, "medium": 5, "long": 10}


@dataclass(frozen=True)
class IndicatorFacts:
    id: int
    name: str
    kind: str  # "output" | "outcome"
    has_baseline: bool
    target_years: frozenset[int]


@dataclass(frozen=True)
class ProgramFacts:
    id: int
    name: str
    dimension: str
    lead_opd_in_region: bool
    horizon: str
    start_year: int
    end_year: int
    budget: Sequence[tuple[int, str, int]]  # (year, source, amount in Rupiah)
    indicators: Sequence[IndicatorFacts]
    problem_ids: frozenset[int]
    goal_count: int
    quick_win_reason: str = ""


@dataclass(frozen=True)
class ProblemFacts:
    id: int
    title: str
    set_aside: bool


@dataclass(frozen=True)
class PlanFacts:
    dimensions: Sequence[str]  # every dimension code, in order
    first_year: int
    last_year: int
    programs: Sequence[ProgramFacts]
    problems: Sequence[ProblemFacts]
    # Each dimension's name in the language of the check, for its messages.
    dimension_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckFinding:
    severity: str
    code: str
    anchor: str  # "program-12", "dimension-governance", "problem-3", "budget"
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BudgetSummary:
    by_year: Mapping[int, int]
    by_source: Mapping[str, int]
    by_year_and_source: Mapping[tuple[int, str], int]
    total: int


@dataclass(frozen=True)
class CheckReport:
    findings: list[CheckFinding]
    completeness: int  # 0-100: the share of checks that pass
    budget: BudgetSummary

    @property
    def errors(self) -> list[CheckFinding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def can_submit(self) -> bool:
        return not self.errors


def summarise_budget(programs: Sequence[ProgramFacts]) -> BudgetSummary:
    by_year: dict[int, int] = defaultdict(int)
    by_source: dict[str, int] = defaultdict(int)
    cells: dict[tuple[int, str], int] = defaultdict(int)
    for program in programs:
        for year, source, amount in program.budget:
            by_year[year] += amount
            by_source[source] += amount
            cells[(year, source)] += amount
    return BudgetSummary(
        dict(sorted(by_year.items())),
        dict(sorted(by_source.items())),
        dict(sorted(cells.items())),
        sum(cells.values()),
    )


def _check_program(plan: PlanFacts, p: ProgramFacts) -> list[CheckFinding]:
    anchor = f"program-{p.id}"
    found: list[CheckFinding] = []

    def add(severity: str, code: str, **params: object) -> None:
        found.append(CheckFinding(severity, code, anchor, {"program": p.name, **params}))

    if not p.lead_opd_in_region:
        add(ERROR, "lead_opd_outside_region")
    if p.start_year > p.end_year:
        add(ERROR, "years_reversed", start=p.start_year, end=p.end_year)
    if p.start_year < plan.first_year or p.end_year > plan.last_year:
        add(
            ERROR,
            "outside_plan",
            start=p.start_year,
            end=p.end_year,
            first=plan.first_year,
            last=plan.last_year,
        )
    span = p.end_year - p.start_year + 1
    longest = HORIZON_YEARS.get(p.horizon, 10)
    if span > longest:
        code = "quick_win_too_long" if p.horizon == "quick_win" else "longer_than_horizon"
        add(ERROR, code, years=span, limit=longest)
    if p.horizon == "quick_win" and not p.quick_win_reason.strip():
        add(ERROR, "quick_win_without_reason")
    if not p.budget:
        add(ERROR, "no_budget")
    outside = sorted({year for year, _s, _a in p.budget if not p.start_year <= year <= p.end_year})
    if outside:
        add(ERROR, "budget_outside_years", years=outside)
    if any(amount < 0 for _y, _s, amount in p.budget):
        add(ERROR, "negative_budget")
    if not any(i.kind == "outcome" for i in p.indicators):
        add(ERROR, "no_outcome_indicator")
    years = set(range(p.start_year, p.end_year + 1))
    for indicator in p.indicators:
        if not indicator.has_baseline:
            add(ERROR, "indicator_without_baseline", indicator=indicator.name)
        missing = sorted(years - indicator.target_years)
        if missing:
            add(ERROR, "indicator_missing_targets", indicator=indicator.name, years=missing)
        extra = sorted(indicator.target_years - years)
        if extra:
            add(ERROR, "indicator_targets_outside_years", indicator=indicator.name, years=extra)
    if p.goal_count == 0:
        add(WARNING, "no_rpjmd_goal")
    return found


def check(plan: PlanFacts) -> CheckReport:
    findings: list[CheckFinding] = []
    covered = {p.dimension for p in plan.programs}
    for dimension in plan.dimensions:
        if dimension not in covered:
            findings.append(
                CheckFinding(
                    ERROR,
                    "dimension_without_program",
                    f"dimension-{dimension}",
                    {"dimension": plan.dimension_names.get(dimension, dimension)},
                )
            )
    if not any(p.horizon == "quick_win" for p in plan.programs):
        findings.append(CheckFinding(ERROR, "no_quick_wins", "programs"))
    for program in plan.programs:
        findings.extend(_check_program(plan, program))
    addressed = {pid for p in plan.programs for pid in p.problem_ids}
    for problem in plan.problems:
        if problem.id not in addressed and not problem.set_aside:
            findings.append(
                CheckFinding(
                    ERROR,
                    "problem_unaddressed",
                    f"problem-{problem.id}",
                    {"problem": problem.title},
                )
            )
    budget = summarise_budget(plan.programs)
    # The summary's three views must agree; a mismatch means data the tables would hide.
    if not (sum(budget.by_year.values()) == sum(budget.by_source.values()) == budget.total):
        findings.append(CheckFinding(ERROR, "budget_summary_mismatch", "budget"))
    # Completeness: dimensions covered, programs without findings, problems handled.
    failing_programs = {
        f.anchor for f in findings if f.anchor.startswith("program-") and f.severity == ERROR
    }
    checks = len(plan.dimensions) + 1 + len(plan.programs) + len(plan.problems)
    failing = sum(
        1
        for f in findings
        if f.code in ("dimension_without_program", "no_quick_wins", "problem_unaddressed")
    ) + len(failing_programs)
    completeness = round(100 * (checks - failing) / checks) if checks else 0
    return CheckReport(findings, completeness, budget)
