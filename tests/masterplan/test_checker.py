"""The masterplan checker, on plain data."""

from dataclasses import replace

from kotacerdas.masterplan.checker import (
    CHAPTERS,
    ContentFacts,
    ElementFacts,
    IndicatorFacts,
    PillarFacts,
    PlanFacts,
    ProblemFacts,
    ProgramFacts,
    check,
)

DIMENSIONS = ["governance", "branding", "economy", "living", "society", "environment"]
LONG = "Kalimat yang cukup panjang untuk sebuah bab masterplan yang lengkap. " * 4

# Every chapter beside the programs written in full.
CONTENT = ContentFacts(
    vision="Kota cerdas yang melayani warganya dengan teknologi sederhana",
    missions="Layanan publik terpadu\nEkonomi digital yang inklusif",
    targets="Indeks SPBE 3,5 pada 2026\nTidak ada desa blank spot pada 2027",
    leading_sectors="Industri pengolahan\nPariwisata",
    gap_analysis=LONG,
    rpjmd_vision="Sejahtera dan berdaya saing",
    rpjmd_missions="Tata kelola yang bersih",
    rpjmd_period=True,
    roadmap=LONG,
    implementation_steps=LONG,
    profile_keys=("population", "area", "pdrb", "apbd", "other"),
    potentials=1,
    goals=2,
    pillars=tuple(
        PillarFacts(code, code.title(), True, "Kuat", "Lemah", "Peluang", "Ancaman")
        for code in ("struktur", "infrastruktur", "suprastruktur")
    ),
    elements=tuple(
        ElementFacts(f"{d}-{n}", f"Elemen {d} {n}", d, True) for d in DIMENSIONS for n in (1, 2)
    ),
)


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
        "content": CONTENT,
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


# Every chapter of the masterplan ----------------------------------------------------------

PILLARS = CONTENT.pillars
EMPTY = ContentFacts(
    pillars=tuple(PillarFacts(p.code, p.name, False) for p in PILLARS),
    elements=tuple(replace(e, has_strategy=False) for e in CONTENT.elements),
)
# The error each empty chapter gives, and where it sends the reader.
EMPTY_CHAPTER_ERRORS = {
    ("no_profile_figures", "profile"),
    ("no_findings", "findings"),
    ("no_readiness", "readiness"),
    ("no_gap_analysis", "gap_analysis"),
    ("no_swot", "swot"),
    ("no_rpjmd_alignment", "rpjmd"),
    ("no_rpjmd_goals", "goals"),
    ("no_vision", "vision"),
    ("no_missions", "missions"),
    ("no_targets", "targets"),
    ("no_strategies", "strategies"),
    ("no_roadmap", "roadmap"),
    ("no_implementation_steps", "implementation_steps"),
}


def test_a_plan_with_programs_but_empty_chapters_cannot_be_submitted() -> None:
    report = check(_plan(content=EMPTY, problems=[]))
    errors = {(f.code, f.anchor) for f in report.errors}
    assert errors == EMPTY_CHAPTER_ERRORS
    assert not report.can_submit
    # Only the programs chapter scores: 25 of 100.
    assert report.completeness == 25
    incomplete = {c.code for c in report.chapters if not c.complete}
    assert incomplete == {code for code, _weight in CHAPTERS} - {"programs"}


def test_filling_the_vision_removes_its_finding() -> None:
    empty = check(_plan(content=replace(CONTENT, vision="")))
    assert [(f.severity, f.code, f.anchor) for f in empty.findings] == [
        ("error", "no_vision", "vision")
    ]
    assert not empty.can_submit and empty.completeness == 95
    filled = check(_plan(content=replace(CONTENT, vision=CONTENT.vision)))
    assert filled.findings == [] and filled.can_submit and filled.completeness == 100


def test_thin_chapters_are_warnings_and_lower_the_score() -> None:
    pillars = (
        replace(PILLARS[0], has_readiness=False),
        replace(PILLARS[1], threats="", opportunities=" "),
        PILLARS[2],
    )
    elements = tuple(
        replace(e, has_strategy=False) if e.code in {"economy-1", "economy-2", "living-2"} else e
        for e in CONTENT.elements
    )
    content = replace(
        CONTENT,
        vision="Kota cerdas",
        missions="Satu misi saja",
        targets="Satu target",
        gap_analysis="Singkat.",
        roadmap="2024: mulai.",
        implementation_steps="Ditetapkan.",
        profile_keys=("population", "other"),
        leading_sectors="",
        potentials=0,
        rpjmd_missions="",
        pillars=pillars,
        elements=elements,
    )
    report = check(_plan(content=content))
    assert report.can_submit, report.errors
    found = {(f.code, f.anchor): f for f in report.findings}
    assert set(found) == {
        ("vision_too_short", "vision"),
        ("missions_too_short", "missions"),
        ("targets_too_short", "targets"),
        ("gap_analysis_too_short", "gap_analysis"),
        ("roadmap_too_short", "roadmap"),
        ("implementation_steps_too_short", "implementation_steps"),
        ("profile_missing_figures", "profile"),
        ("no_leading_sectors", "sectors"),
        ("no_potentials", "findings"),
        ("rpjmd_incomplete", "rpjmd"),
        ("pillar_without_readiness", "pillar-struktur"),
        ("swot_incomplete", "pillar-infrastruktur"),
        ("strategies_missing", "strategies-economy"),
        ("strategies_missing", "strategies-living"),
    }
    assert found[("profile_missing_figures", "profile")].params["figures"] == [
        "area",
        "pdrb",
        "apbd",
    ]
    assert found[("swot_incomplete", "pillar-infrastruktur")].params["parts"] == [
        "opportunities",
        "threats",
    ]
    assert found[("strategies_missing", "strategies-economy")].params["elements"] == [
        "Elemen economy 1",
        "Elemen economy 2",
    ]
    assert found[("rpjmd_incomplete", "rpjmd")].params["parts"] == ["missions"]
    assert 50 < report.completeness < 100
    assert all(c.complete for c in report.chapters)
    assert {c.code for c in report.chapters if c.warnings} == {
        code for code, _weight in CHAPTERS
    } - {"programs"}


def test_an_empty_swot_of_one_pillar_is_an_error() -> None:
    pillars = (PillarFacts("struktur", "Struktur", True), *PILLARS[1:])
    report = check(_plan(content=replace(CONTENT, pillars=pillars)))
    assert [(f.code, f.anchor, f.params["pillar"]) for f in report.errors] == [
        ("swot_empty", "pillar-struktur", "Struktur")
    ]


def test_a_plan_without_programs_says_so_once() -> None:
    report = check(_plan(programs=[]))
    codes = [f.code for f in report.findings]
    assert "no_programs" in codes and "dimension_without_program" not in codes
    assert "problem_unaddressed" in codes  # the problem no program addresses
    assert not report.can_submit


def test_the_score_lists_every_chapter_with_its_weight() -> None:
    assert sum(weight for _code, weight in CHAPTERS) == 100
    report = check(_plan(content=replace(CONTENT, roadmap="Singkat.")))
    assert [(c.code, c.weight) for c in report.chapters] == list(CHAPTERS)
    roadmap = next(c for c in report.chapters if c.code == "roadmap")
    assert (roadmap.passed, roadmap.total, roadmap.points) == (1, 2, 2.5)
    assert roadmap.complete and roadmap.warnings == 1
    # 97.5 of 100, but a full score means every check passes.
    assert report.completeness == 98
    assert check(_plan(content=replace(CONTENT, goals=0))).completeness < 100
