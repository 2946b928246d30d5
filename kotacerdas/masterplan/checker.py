"""The masterplan checker: rules a masterplan must meet before it is submitted.
Pure: plain dataclasses in, plain dataclasses out, no Django.

Each finding has a stable code, a severity (errors block submission, warnings do not),
an anchor naming the place to fix, and the numbers that make the message plain.

Completeness covers every chapter of the masterplan (CHAPTERS, each with its weight): an
empty chapter is an error, because the document would be incomplete; a thin one (a very
short text, a strategy missing for some elements, few profile figures) is a warning. Each
chapter scores the share of its checks that pass; the completeness is the weighted sum.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

# Longest span in years per horizon (quick wins must end within a year of their start).
HORIZON_YEARS = {"quick_win": 1, "short": 1, "medium": 5, "long": 10}

# The chapters of the masterplan in the order of the document, each with its weight in
# the completeness score (they add up to 100).
CHAPTERS: tuple[tuple[str, int], ...] = (
    ("profile", 5),
    ("findings", 10),
    ("readiness", 5),
    ("gap_analysis", 5),
    ("swot", 10),
    ("rpjmd", 5),
    ("vision", 5),
    ("missions", 5),
    ("targets", 5),
    ("strategies", 10),
    ("programs", 25),
    ("roadmap", 5),
    ("implementation_steps", 5),
)

# The figures every region profile gives; fewer is a warning.
CORE_PROFILE_KEYS = ("population", "area", "pdrb", "apbd")
SWOT_PARTS = ("strengths", "weaknesses", "opportunities", "threats")
# A text chapter shorter than this is thin: (fewest characters, fewest lines).
THIN_TEXT = {
    "vision": (40, 1),
    "missions": (0, 2),
    "targets": (0, 2),
    "gap_analysis": (120, 1),
    "roadmap": (120, 1),
    "implementation_steps": (100, 1),
}


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
class PillarFacts:
    """One readiness pillar's analysis; empty texts where nothing is written."""

    code: str
    name: str
    has_readiness: bool
    strengths: str = ""
    weaknesses: str = ""
    opportunities: str = ""
    threats: str = ""


@dataclass(frozen=True)
class ElementFacts:
    code: str
    name: str
    dimension: str  # the dimension's code
    has_strategy: bool


@dataclass(frozen=True)
class ContentFacts:
    """The chapters beside the programs: the texts as written, what is listed."""

    vision: str = ""
    missions: str = ""
    targets: str = ""
    leading_sectors: str = ""
    gap_analysis: str = ""
    rpjmd_vision: str = ""
    rpjmd_missions: str = ""
    rpjmd_period: bool = False
    roadmap: str = ""
    implementation_steps: str = ""
    profile_keys: Sequence[str] = ()  # the key of each profile figure recorded
    potentials: int = 0  # potentials recorded (not merged into another)
    goals: int = 0  # RPJMD goals recorded
    pillars: Sequence[PillarFacts] = ()  # every readiness pillar, in order
    elements: Sequence[ElementFacts] = ()  # every dimension element, in order


@dataclass(frozen=True)
class PlanFacts:
    dimensions: Sequence[str]  # every dimension code, in order
    first_year: int
    last_year: int
    programs: Sequence[ProgramFacts]
    problems: Sequence[ProblemFacts]
    # Each dimension's name in the language of the check, for its messages.
    dimension_names: Mapping[str, str] = field(default_factory=dict)
    content: ContentFacts = field(default_factory=ContentFacts)


@dataclass(frozen=True)
class CheckFinding:
    severity: str
    code: str
    # Where to fix it: "program-12", "dimension-governance", "problem-3", "budget", a
    # chapter ("vision", "gap_analysis", ...), "pillar-struktur", "strategies-economy".
    anchor: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BudgetSummary:
    by_year: Mapping[int, int]
    by_source: Mapping[str, int]
    by_year_and_source: Mapping[tuple[int, str], int]
    total: int


@dataclass(frozen=True)
class ChapterScore:
    """How one chapter counts in the completeness score."""

    code: str  # one of CHAPTERS; also the anchor of the chapter's place
    weight: int  # its share of the score, out of 100
    passed: int  # checks of this chapter that pass
    total: int  # checks of this chapter
    errors: int = 0
    warnings: int = 0

    @property
    def points(self) -> float:
        return self.weight * self.passed / self.total if self.total else float(self.weight)

    @property
    def complete(self) -> bool:
        """Nothing blocks submission here (warnings may remain)."""
        return not self.errors


@dataclass(frozen=True)
class CheckReport:
    findings: list[CheckFinding]
    completeness: int  # 0-100: the weighted share of checks that pass, chapter by chapter
    budget: BudgetSummary
    chapters: list[ChapterScore] = field(default_factory=list)

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


class _Chapter:
    """Collects one chapter's findings and the checks it passes."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.findings: list[CheckFinding] = []
        self.passed = 0
        self.total = 0

    def count(self, passed: bool, checks: int = 1) -> None:
        self.total += checks
        self.passed += checks if passed else 0

    def add(self, severity: str, code: str, anchor: str = "", **params: object) -> None:
        self.findings.append(CheckFinding(severity, code, anchor or self.code, params))


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _check_text(chapter: _Chapter, text: str) -> None:
    """An empty text is an error, a thin one a warning: two checks."""
    name = chapter.code
    text = text.strip()
    fewest_chars, fewest_lines = THIN_TEXT[name]
    lines = len(_lines(text))
    chapter.count(bool(text))
    if not text:
        chapter.count(False)
        chapter.add(ERROR, f"no_{name}")
        return
    thin = len(text) < fewest_chars or lines < fewest_lines
    chapter.count(not thin)
    if thin:
        chapter.add(WARNING, f"{name}_too_short", chars=len(text), lines=lines)


def _check_profile(content: ContentFacts) -> _Chapter:
    chapter = _Chapter("profile")
    chapter.count(bool(content.profile_keys))
    if not content.profile_keys:
        chapter.add(ERROR, "no_profile_figures")
    missing = [key for key in CORE_PROFILE_KEYS if key not in content.profile_keys]
    chapter.count(True, len(CORE_PROFILE_KEYS) - len(missing))
    chapter.count(False, len(missing))
    if missing and content.profile_keys:
        chapter.add(WARNING, "profile_missing_figures", figures=missing)
    chapter.count(bool(content.leading_sectors.strip()))
    if not content.leading_sectors.strip():
        chapter.add(WARNING, "no_leading_sectors", "sectors")
    return chapter


def _check_findings(plan: PlanFacts, addressed: set[int]) -> _Chapter:
    chapter = _Chapter("findings")
    potentials, problems = plan.content.potentials, len(plan.problems)
    chapter.count(bool(potentials))
    chapter.count(bool(problems))
    if not potentials and not problems:
        chapter.add(ERROR, "no_findings")
    elif not potentials:
        chapter.add(WARNING, "no_potentials")
    elif not problems:
        chapter.add(WARNING, "no_problems")
    for problem in plan.problems:
        handled = problem.id in addressed or problem.set_aside
        chapter.count(handled)
        if not handled:
            chapter.add(
                ERROR, "problem_unaddressed", f"problem-{problem.id}", problem=problem.title
            )
    return chapter


def _check_readiness(content: ContentFacts) -> _Chapter:
    chapter = _Chapter("readiness")
    for pillar in content.pillars:
        chapter.count(pillar.has_readiness)
    if content.pillars and not any(p.has_readiness for p in content.pillars):
        chapter.add(ERROR, "no_readiness")
        return chapter
    for pillar in content.pillars:
        if not pillar.has_readiness:
            chapter.add(
                WARNING, "pillar_without_readiness", f"pillar-{pillar.code}", pillar=pillar.name
            )
    return chapter


def _check_swot(content: ContentFacts) -> _Chapter:
    chapter = _Chapter("swot")
    written = {
        p.code: [part for part in SWOT_PARTS if str(getattr(p, part)).strip()]
        for p in content.pillars
    }
    for pillar in content.pillars:
        chapter.count(True, len(written[pillar.code]))
        chapter.count(False, len(SWOT_PARTS) - len(written[pillar.code]))
    if content.pillars and not any(written.values()):
        chapter.add(ERROR, "no_swot")
        return chapter
    for pillar in content.pillars:
        parts = written[pillar.code]
        anchor = f"pillar-{pillar.code}"
        if not parts:
            chapter.add(ERROR, "swot_empty", anchor, pillar=pillar.name)
        elif len(parts) < len(SWOT_PARTS):
            missing = [part for part in SWOT_PARTS if part not in parts]
            chapter.add(WARNING, "swot_incomplete", anchor, pillar=pillar.name, parts=missing)
    return chapter


def _check_rpjmd(content: ContentFacts) -> _Chapter:
    chapter = _Chapter("rpjmd")
    present = {
        "period": content.rpjmd_period,
        "vision": bool(content.rpjmd_vision.strip()),
        "missions": bool(content.rpjmd_missions.strip()),
    }
    for value in present.values():
        chapter.count(value)
    if not any(present.values()):
        chapter.add(ERROR, "no_rpjmd_alignment")
    elif not all(present.values()):
        missing = [part for part, value in present.items() if not value]
        chapter.add(WARNING, "rpjmd_incomplete", parts=missing)
    chapter.count(content.goals > 0)
    if not content.goals:
        chapter.add(ERROR, "no_rpjmd_goals", "goals")
    return chapter


def _check_strategies(plan: PlanFacts) -> _Chapter:
    chapter = _Chapter("strategies")
    elements = plan.content.elements
    for element in elements:
        chapter.count(element.has_strategy)
    if elements and not any(e.has_strategy for e in elements):
        chapter.add(ERROR, "no_strategies")
        return chapter
    missing: dict[str, list[str]] = defaultdict(list)
    for element in elements:
        if not element.has_strategy:
            missing[element.dimension].append(element.name)
    for dimension, names in missing.items():
        chapter.add(
            WARNING,
            "strategies_missing",
            f"strategies-{dimension}",
            dimension=plan.dimension_names.get(dimension, dimension),
            elements=names,
            count=len(names),
        )
    return chapter


def _check_programs(plan: PlanFacts, budget: BudgetSummary) -> _Chapter:
    chapter = _Chapter("programs")
    findings = chapter.findings
    if not plan.programs:
        chapter.add(ERROR, "no_programs")
        chapter.count(False, len(plan.dimensions) + 1)
        return chapter
    covered = {p.dimension for p in plan.programs}
    for dimension in plan.dimensions:
        chapter.count(dimension in covered)
        if dimension not in covered:
            chapter.add(
                ERROR,
                "dimension_without_program",
                f"dimension-{dimension}",
                dimension=plan.dimension_names.get(dimension, dimension),
            )
    quick_wins = any(p.horizon == "quick_win" for p in plan.programs)
    chapter.count(quick_wins)
    if not quick_wins:
        chapter.add(ERROR, "no_quick_wins", "programs")
    for program in plan.programs:
        found = _check_program(plan, program)
        findings.extend(found)
        chapter.count(not any(f.severity == ERROR for f in found))
    # The summary's three views must agree; a mismatch means data the tables would hide.
    if not (sum(budget.by_year.values()) == sum(budget.by_source.values()) == budget.total):
        chapter.add(ERROR, "budget_summary_mismatch", "budget")
    return chapter


def check(plan: PlanFacts) -> CheckReport:
    content = plan.content
    budget = summarise_budget(plan.programs)
    addressed = {pid for p in plan.programs for pid in p.problem_ids}
    texts = {name: str(getattr(content, name)) for name in THIN_TEXT}
    chapters: dict[str, _Chapter] = {
        "profile": _check_profile(content),
        "findings": _check_findings(plan, addressed),
        "readiness": _check_readiness(content),
        "swot": _check_swot(content),
        "rpjmd": _check_rpjmd(content),
        "strategies": _check_strategies(plan),
        "programs": _check_programs(plan, budget),
    }
    for name, text in texts.items():
        chapters[name] = _Chapter(name)
        _check_text(chapters[name], text)
    findings: list[CheckFinding] = []
    scores: list[ChapterScore] = []
    for code, weight in CHAPTERS:
        chapter = chapters[code]
        findings.extend(chapter.findings)
        severities = [f.severity for f in chapter.findings]
        scores.append(
            ChapterScore(
                code,
                weight,
                chapter.passed,
                chapter.total,
                errors=severities.count(ERROR),
                warnings=severities.count(WARNING),
            )
        )
    points = sum(score.points for score in scores)
    complete = all(score.passed == score.total for score in scores)
    # 99.6 is not 100: a full score means every check passes.
    completeness = round(points) if complete else min(round(points), 99)
    return CheckReport(findings, completeness, budget, scores)
