"""The masterplan checker, on plain data."""

from dataclasses import replace

from kotacerdas.masterplan.checker import (
    IndicatorFacts,
    PlanFacts,
    ProblemFacts,
    ProgramFacts,
    check,
)

DIMENSIONS = ["governance", "branding", "economy", "living", "society", "environment"]


def _program(
    pid: int,
    dimension: str,
    horizon: str = "medium",
    start: int = 2024,
    end: int = 2028,
    **extra: object,
) -> ProgramFacts:
    years = frozenset(range(start, end + 1))
    defaults: dict[str, object] = {
        "id": pid,
        "name": f"Program {pid}",
        "dimension": dimension,
        "lead_opd_in_region": True,
        "horizon": horizon,
        "start_year": start,
        "end_year": end,
        "budget": [(year, "apbd", 100_000_000) for year in sorted(years)],
        "indicators": [IndicatorFacts(pid * 10, "Layanan daring", "outcome", True, years)],
        "problem_ids": frozenset({1}),
        "goal_count": 1,
        "quick_win_reason": "Aplikasi sudah ada, tinggal diintegrasikan"
        if horizon == "quick_win"
        else "",
    }
    defaults.update(extra)
    return ProgramFacts(**defaults)  # type: ignore[arg-type]


def _plan(**extra: object) -> PlanFacts:
    programs = [_program(i + 1, d) for i, d in enumerate(DIMENSIONS)]
    programs.append(_program(99, "governance", "quick_win", 2024, 2024))
    defaults: dict[str, object] = {
        "dimensions": DIMENSIONS,
        "first_year": 2024,
        "last_year": 2033,
        "programs": programs,
        "problems": [ProblemFacts(1, "Layanan lambat", False)],
    }
    defaults.update(extra)
    return PlanFacts(**defaults)  # type: ignore[arg-type]


def _codes(plan: PlanFacts) -> set[str]:
    return {f.code for f in check(plan).findings}


def test_a_complete_plan_passes_with_full_completeness() -> None:
    report = check(_plan())
    assert report.findings == [] and report.can_submit and report.completeness == 100
    assert report.budget.total == 6 * 5 * 100_000_000 + 100_000_000
    assert report.budget.by_year[2024] == 7 * 100_000_000
    assert report.budget.by_source == {"apbd": report.budget.total}


def test_missing_dimension_and_quick_wins_block_submission() -> None:
    programs = [_program(i + 1, d) for i, d in enumerate(DIMENSIONS[:5])]
    report = check(_plan(programs=programs))
    codes = {(f.code, f.anchor) for f in report.findings}
    assert ("dimension_without_program", "dimension-environment") in codes
    assert ("no_quick_wins", "programs") in codes
    assert not report.can_submit and report.completeness < 100


def test_program_rules_each_name_the_program() -> None:
    years = frozenset({2024, 2025})
    bad = _program(
        7,
        "living",
        "medium",
        2024,
        2025,
        lead_opd_in_region=False,
        budget=[(2024, "apbd", 5), (2027, "dak", 5)],
        indicators=[
            IndicatorFacts(1, "Jumlah puskesmas", "output", False, frozenset({2024, 2030}))
        ],
        goal_count=0,
    )
    findings = [
        f
        for f in check(_plan(programs=[*_plan().programs, bad])).findings
        if f.anchor == "program-7"
    ]
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {
        "lead_opd_outside_region",
        "budget_outside_years",
        "no_outcome_indicator",
        "indicator_without_baseline",
        "indicator_missing_targets",
        "indicator_targets_outside_years",
        "no_rpjmd_goal",
    }
    assert by_code["budget_outside_years"].params["years"] == [2027]
    assert by_code["indicator_missing_targets"].params["years"] == [2025]
    assert by_code["indicator_targets_outside_years"].params["years"] == [2030]
    assert by_code["no_rpjmd_goal"].severity == "warning"
    assert years  # the program spans two years


def test_quick_wins_end_within_a_year_and_say_why() -> None:
    long_quick_win = _program(8, "economy", "quick_win", 2024, 2025, quick_win_reason="")
    codes = {f.code for f in check(_plan(programs=[*_plan().programs, long_quick_win])).findings}
    assert {"quick_win_too_long", "quick_win_without_reason"} <= codes


def test_horizon_and_plan_period_are_enforced() -> None:
    too_long = _program(9, "society", "medium", 2024, 2030)
    outside = _program(10, "society", "long", 2030, 2035)
    codes = _codes(_plan(programs=[*_plan().programs, too_long, outside]))
    assert {"longer_than_horizon", "outside_plan"} <= codes


def test_problems_must_be_addressed_or_set_aside() -> None:
    problems = [
        ProblemFacts(1, "Layanan lambat", False),
        ProblemFacts(2, "Sampah", False),
        ProblemFacts(3, "Banjir", True),
    ]
    report = check(_plan(problems=problems))
    unaddressed = [f for f in report.findings if f.code == "problem_unaddressed"]
    assert [f.anchor for f in unaddressed] == ["problem-2"]


def test_warnings_alone_allow_submission() -> None:
    programs = [replace(p, goal_count=0) for p in _plan().programs]
    report = check(_plan(programs=programs))
    assert report.findings and all(f.severity == "warning" for f in report.findings)
    assert report.can_submit
