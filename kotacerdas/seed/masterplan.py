"""Demo masterplans of the seed regions, written through the services as their people
would: a complete, reviewed and approved one for Kabupaten Batang (masterplan_batang.py),
a complete one Kabupaten Musi Rawas has submitted for review (the mentor's work to do) and
drafts in progress for the other three (their data in masterplan_drafts.py).

Needs the demo accounts and OPDs (accounts.py) and, for readiness scores, the 2023
cohort (program.py). A region that has a masterplan already is left alone, so
running the demo again changes nothing."""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.regions import services as region_services
from kotacerdas.regions.models import OPD, Region
from kotacerdas.seed import masterplan_batang as batang_data
from kotacerdas.seed.masterplan_drafts import PARTIAL_INTRODUCTIONS, PARTIAL_PLANS
from kotacerdas.seed.masterplan_specs import Completion, PartialPlan, Program

JUTA = 1_000_000  # the data gives amounts in millions of Rupiah


def _with_regulation(legal_basis: str, regulation: str, *, after: int) -> str:
    """The legal basis with `regulation` inserted after its first `after` lines."""
    lines = legal_basis.splitlines()
    return "\n".join([*lines[:after], regulation, *lines[after:]])


def _coordinator(region: Region) -> User:
    user = User.objects.filter(role=Role.REGION_COORDINATOR, region=region).order_by("pk").first()
    if user is None:
        raise LookupError(f"{region.name} has no coordinator account: load the demo accounts.")
    return user


def _opd_ids(region: Region) -> dict[str, int]:
    return {opd.abbreviation: opd.pk for opd in OPD.objects.filter(region=region)}


def _program_input(
    spec: Program, opds: Mapping[str, int], findings: Mapping[str, int], goals: Mapping[str, int]
) -> services.ProgramInput:
    first, last = spec.years
    years = range(first, last + 1)
    return services.ProgramInput(
        name=spec.name,
        element=spec.element,
        lead_opd=opds[spec.lead],
        horizon=spec.horizon,
        start_year=first,
        end_year=last,
        description=spec.description,
        supporting_opds=[opds[abbreviation] for abbreviation in spec.support],
        quick_win_reason=spec.reason,
        budget=[
            (year, source, amount * JUTA)
            for source, amounts in spec.budget.items()
            for year, amount in zip(years, amounts, strict=True)
            if amount
        ],
        indicators=[
            services.IndicatorInput(
                kind=indicator.kind,
                name=indicator.name,
                unit=indicator.unit,
                baseline_year=indicator.baseline[0],
                baseline_value=Decimal(indicator.baseline[1]) if indicator.baseline[1] else None,
                targets={
                    year: Decimal(value)
                    for year, value in zip(years, indicator.targets, strict=False)
                },
            )
            for indicator in spec.indicators
        ],
        problems=[findings[key] for key in spec.problems],
        goals=[goals[code] for code in spec.goals],
    )


def _write_content(
    author: User,
    plan: Masterplan,
    *,
    overview: Mapping[str, Any],
    profile: Sequence[tuple[str, str, str, str, int, str]],
    findings: Sequence[tuple[str, str, str, str, str, str, str]],
    opds: Mapping[str, int],
    officers: Mapping[str, User],
) -> dict[str, int]:
    """Overview, profile and findings; returns finding ids by key. An OPD with its own
    officer account records its findings itself."""
    services.update_overview(author, plan, **overview)
    for key, label, value, unit, year, source in profile:
        services.set_profile_figure(
            author, plan, key=key, label=label, value=value, unit=unit, year=year, source=source
        )
    ids = {}
    for key, opd, kind, element, title, description, evidence in findings:
        data = services.FindingInput(kind, title, opds[opd], description, element, evidence)
        ids[key] = services.save_finding(officers.get(opd, author), plan, data).pk
    return ids


def _save_programs(
    author: User,
    plan: Masterplan,
    programs: Sequence[Program],
    refs: tuple[Mapping[str, int], Mapping[str, int], Mapping[str, int]],
    officers: Mapping[str, User],
) -> dict[str, Any]:
    saved = {}
    for spec in programs:
        actor = officers.get(spec.lead, author)
        saved[spec.key] = services.save_program(actor, plan, _program_input(spec, *refs))
    return saved


# Kabupaten Batang ---------------------------------------------------------------------


def _batang_opds(coordinator: User, region: Region) -> dict[str, int]:
    present = set(OPD.objects.filter(region=region).values_list("name", flat=True))
    for name, abbreviation, kind, duties in batang_data.EXTRA_OPDS:
        if name not in present:
            region_services.create_opd(
                coordinator,
                region,
                {
                    "name": name,
                    "abbreviation": abbreviation,
                    "kind": kind,
                    "duties": duties,
                    "head_name": f"Kepala {abbreviation}",
                },
            )
    return _opd_ids(region)


def _batang_analyses(coordinator: User, plan: Masterplan) -> None:
    # start_masterplan pre-fills readiness from the 2023 assessment: keep it with the SWOT.
    assessed = {a.pillar.code: a.readiness for a in plan.pillar_analyses.select_related("pillar")}
    for code, (notes, strengths, weaknesses, opportunities, threats) in batang_data.PILLARS.items():
        services.save_pillar_analysis(
            coordinator,
            plan,
            code,
            readiness=assessed.get(code),
            readiness_notes=notes,
            strengths=strengths,
            weaknesses=weaknesses,
            opportunities=opportunities,
            threats=threats,
        )
    services.prefill_readiness(coordinator, plan)
    for element, text in batang_data.STRATEGIES.items():
        services.save_strategy(coordinator, plan, element, text)


def _first_draft(spec: Program) -> Program:
    return replace(
        spec,
        budget=batang_data.FIRST_DRAFT_BUDGET,
        indicators=tuple(
            i for i in spec.indicators if i.name != batang_data.FIRST_DRAFT_WITHOUT_INDICATOR
        ),
    )


def _batang_review(
    coordinator: User, mentor: User, plan: Masterplan, revised: Any, final: Any
) -> None:
    """Two rounds: the mentor asks for changes on v1, the region fixes and resubmits,
    the mentor approves v2 and leaves one thread open for the next revision."""
    services.submit(coordinator, plan)
    thread = services.add_comment(
        mentor,
        plan,
        "Anggaran APBN Rp6,5 miliar untuk ATCS pada 2025 terlalu berat di tahun pertama; "
        "mohon dibagi ke 2025–2026 sesuai tahapan pemasangan simpang, dan tambahkan "
        "indikator outcome waktu tempuh koridor Pantura–KITB.",
        program=revised,
    )
    note = services.request_changes(
        mentor,
        plan,
        "Secara umum masterplan sudah lengkap dan selaras dengan RPJMD. Mohon perbaiki "
        "program ATCS sesuai komentar pada program tersebut, lalu ajukan kembali.",
    )
    services.save_program(
        coordinator, plan, final, program=revised, expected_version=revised.version
    )
    services.add_comment(
        coordinator,
        plan,
        "Sudah kami perbaiki: APBN dibagi Rp3 miliar (2025) dan Rp3,5 miliar (2026), "
        "indikator waktu tempuh ditambahkan dengan baseline survei Dishub 2023.",
        parent=thread,
    )
    services.submit(coordinator, plan)
    services.resolve_comment(mentor, thread)
    services.resolve_comment(mentor, note)
    services.add_comment(
        mentor,
        plan,
        "Untuk revisi berikutnya: pertimbangkan skema KPBU atau kerja sama dengan tenant "
        "KITB untuk perluasan lelang ikan elektronik setelah 2027.",
        section="programs",
    )
    services.approve(
        mentor,
        plan,
        "Disetujui. Silakan lanjutkan ke penetapan Peraturan Bupati.",
    )


def build_batang(region: Region) -> Masterplan:
    data = batang_data
    coordinator = _coordinator(region)
    mentor = User.objects.get(username="mentor", role=Role.MENTOR)
    opds = _batang_opds(coordinator, region)
    officers = {
        user.opd.abbreviation: user
        for user in User.objects.filter(role=Role.OPD_OFFICER, region=region).select_related("opd")
        if user.opd is not None
    }
    plan = services.start_masterplan(coordinator, region, data.FIRST_YEAR)
    overview = {
        "leading_sectors": data.LEADING_SECTORS,
        "gap_analysis": data.GAP_ANALYSIS,
        "roadmap": data.ROADMAP,
        "implementation_steps": data.IMPLEMENTATION_STEPS,
        **data.RPJMD,
        **data.VISION,
        **data.INTRODUCTION,
        **data.HEAD,
        "legal_basis": _with_regulation(plan.legal_basis, data.LEGAL_BASIS_OF_BATANG, after=1),
    }
    findings = _write_content(
        coordinator,
        plan,
        overview=overview,
        profile=data.PROFILE,
        findings=data.FINDINGS,
        opds=opds,
        officers=officers,
    )
    for key, reason in data.SET_ASIDE.items():
        problem = plan.findings.get(pk=findings[key])
        services.set_aside_problem(coordinator, problem, reason)
    goals = {
        code: services.save_goal(coordinator, plan, code=code, text=text).pk
        for code, text in data.GOALS
    }
    _batang_analyses(coordinator, plan)
    revised_key = data.REVISED_PROGRAM
    programs = [_first_draft(spec) if spec.key == revised_key else spec for spec in data.PROGRAMS]
    saved = _save_programs(coordinator, plan, programs, (opds, findings, goals), officers)
    final = next(spec for spec in data.PROGRAMS if spec.key == revised_key)
    _batang_review(
        coordinator,
        mentor,
        plan,
        saved[revised_key],
        _program_input(final, opds, findings, goals),
    )
    return plan


# The other seed regions: drafts in progress -------------------------------------------


def build_partial(region: Region, spec: PartialPlan) -> Masterplan:
    coordinator = _coordinator(region)
    opds = _opd_ids(region)
    plan = services.start_masterplan(coordinator, region, spec.first_year)
    findings = _write_content(
        coordinator,
        plan,
        overview={**spec.overview, **PARTIAL_INTRODUCTIONS.get(spec.code, {})},
        profile=spec.profile,
        findings=spec.findings,
        opds=opds,
        officers={},
    )
    goals = {
        code: services.save_goal(coordinator, plan, code=code, text=text).pk
        for code, text in spec.goals
    }
    _save_programs(coordinator, plan, spec.programs, (opds, findings, goals), {})
    if spec.completion is not None:
        _complete_and_submit(coordinator, plan, spec.completion, findings)
    return plan


def _complete_and_submit(
    coordinator: User, plan: Masterplan, completion: Completion, findings: Mapping[str, int]
) -> None:
    services.update_overview(coordinator, plan, **completion.overview)
    assessed = {a.pillar.code: a.readiness for a in plan.pillar_analyses.select_related("pillar")}
    for code, (strengths, weaknesses, opportunities, threats) in completion.swot.items():
        services.save_pillar_analysis(
            coordinator,
            plan,
            code,
            readiness=assessed.get(code),
            strengths=strengths,
            weaknesses=weaknesses,
            opportunities=opportunities,
            threats=threats,
        )
    services.prefill_readiness(coordinator, plan)
    for element, text in completion.strategies.items():
        services.save_strategy(coordinator, plan, element, text)
    for key, reason in completion.set_aside.items():
        services.set_aside_problem(coordinator, plan.findings.get(pk=findings[key]), reason)
    services.submit(coordinator, plan)


def load_masterplan_demo() -> list[Masterplan]:
    """Write the seed regions' demo masterplans; returns those created (none the second
    time). Each region is one transaction: a failure leaves no half-written plan."""
    created = []
    batang = Region.objects.get(pk="33.25")
    if not Masterplan.objects.filter(region=batang).exists():
        with transaction.atomic():
            created.append(build_batang(batang))
    for spec in PARTIAL_PLANS:
        region = Region.objects.get(pk=spec.code)
        if Masterplan.objects.filter(region=region).exists():
            continue
        with transaction.atomic():
            created.append(build_partial(region, spec))
    return created
