"""Helpers for the workflow, review and version tests: a masterplan the checker passes
(every chapter written, a program per dimension), the accounts that act on it, and a real
(if tiny) PDF."""

from decimal import Decimal
from typing import Any

import pytest

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, Program
from kotacerdas.regions.models import DimensionElement, Pillar
from tests import files

# One element per dimension: a plan with a program in each passes the dimension rule.
ELEMENTS = {
    "governance": "public-service",
    "branding": "tourism-branding",
    "economy": "industry",
    "living": "health",
    "society": "learning",
    "environment": "waste",
}


def indicator(name: str, years: range, *, start: int = 40, kind: str = "outcome") -> Any:
    return services.IndicatorInput(
        kind,
        name,
        "%",
        years.start - 1,
        Decimal(20),
        {year: Decimal(start + 10 * n) for n, year in enumerate(years)},
    )


def program_data(opd_id: int, dimension: str, **extra: object) -> services.ProgramInput:
    """A program of `dimension` the checker finds nothing wrong with."""
    quick = extra.get("horizon") == "quick_win"
    start = int(extra.pop("start_year", 2024))  # type: ignore[call-overload]
    end = int(extra.pop("end_year", start if quick else start + 2))  # type: ignore[call-overload]
    years = range(start, end + 1)
    defaults: dict[str, object] = {
        "name": f"Program {dimension}",
        "element": ELEMENTS[dimension],
        "lead_opd": opd_id,
        "horizon": "medium",
        "start_year": start,
        "end_year": end,
        "budget": [(year, "apbd", 100_000_000) for year in years],
        "indicators": [indicator(f"Capaian {dimension}", years)],
    }
    defaults.update(extra)
    return services.ProgramInput(**defaults)  # type: ignore[arg-type]


# Each text chapter written in full (the checker finds none of them thin).
TEXTS = {
    "vision": "Batang Cerdas 2033: layanan publik yang cepat, terpadu dan dekat dengan warga",
    "missions": "Layanan publik terpadu dan daring\nEkonomi digital yang tumbuh bersama KITB",
    "targets": "Indeks SPBE 3,5 pada 2026\nTidak ada desa blank spot pada 2027",
    "leading_sectors": "Industri pengolahan\nPariwisata pantai dan pegunungan",
    "gap_analysis": (
        "Struktur: SDM TIK terbatas dan belanja TIK tersebar di banyak OPD; yang diharapkan "
        "tim teknis lintas OPD. Infrastruktur: fiber optik menghubungkan kantor OPD, tetapi "
        "desa di selatan masih blank spot. Suprastruktur: SOP layanan digital belum ada."
    ),
    "rpjmd_vision": "Terwujudnya Kabupaten Batang yang sejahtera dan berdaya saing",
    "rpjmd_missions": "Tata kelola pemerintahan yang bersih dan melayani",
    "roadmap": (
        "2024: fondasi dan quick win, antrean puskesmas daring. 2025-2026: integrasi layanan "
        "dan rekam medis elektronik. 2027-2028: ekonomi digital dan penuntasan blank spot. "
        "2029-2033: command center terpadu, evaluasi dan pemutakhiran masterplan."
    ),
    "implementation_steps": (
        "1. Penetapan dengan Peraturan Bupati. 2. Penyelarasan dengan Renstra OPD dan RKPD "
        "setiap tahun. 3. Pemantauan indikator setiap triwulan dan evaluasi tahunan."
    ),
}


def write_chapters(
    coordinator: Any, plan: Masterplan, opd_id: int, *, leave_empty: tuple[str, ...] = ()
) -> dict[str, int]:
    """Write every chapter beside the programs (but the texts named in `leave_empty`):
    overview texts, RPJMD period and goal, profile figures, a potential and a problem,
    readiness and SWOT per pillar, a strategy per element. Returns the problem's and
    the goal's ids, for programs to link."""
    texts = {name: text for name, text in TEXTS.items() if name not in leave_empty}
    services.update_overview(
        coordinator, plan, rpjmd_first_year=2022, rpjmd_last_year=2026, **texts
    )
    for key, value, unit in (
        ("population", "810000", "jiwa"),
        ("area", "788.65", "km²"),
        ("pdrb", "27500", "miliar Rp"),
        ("apbd", "2050", "miliar Rp"),
    ):
        services.set_profile_figure(
            coordinator, plan, key=key, value=value, unit=unit, year=2022, source="BPS"
        )
    services.save_finding(
        coordinator,
        plan,
        services.FindingInput("potential", "Puskesmas sudah terhubung internet", opd_id),
    )
    problem = services.save_finding(
        coordinator,
        plan,
        services.FindingInput("problem", "Antrean puskesmas panjang", opd_id, element="health"),
    )
    for pillar in Pillar.objects.all():
        services.save_pillar_analysis(
            coordinator,
            plan,
            pillar.code,
            readiness=Decimal("3.25"),
            readiness_notes="Cukup siap.",
            strengths="Komitmen pimpinan daerah.",
            weaknesses="SDM TIK terbatas.",
            opportunities="Pendampingan nasional.",
            threats="Keterbatasan fiskal.",
        )
    for code in DimensionElement.objects.values_list("code", flat=True):
        services.save_strategy(coordinator, plan, code, f"Strategi {code} yang terukur.")
    goal = services.save_goal(coordinator, plan, code="T1", text="Pelayanan publik membaik")
    return {"problem": problem.pk, "goal": goal.pk}


def make_clean_plan(coordinator: Any, plan: Masterplan, opd_id: int) -> dict[str, Program]:
    """Fill `plan` with every chapter and a program per dimension, the living one a quick
    win. The problem is set aside (tests edit the programs without their links)."""
    refs = write_chapters(coordinator, plan, opd_id)
    problem = plan.findings.get(pk=refs["problem"])
    services.set_aside_problem(coordinator, problem, "Ditangani lewat Renstra Dinkes.")
    return add_clean_programs(coordinator, plan, opd_id)


def add_clean_programs(coordinator: Any, plan: Masterplan, opd_id: int) -> dict[str, Program]:
    """A program per dimension the checker finds nothing wrong with, the living one a
    quick win."""
    programs = {}
    for dimension in ELEMENTS:
        extra: dict[str, object] = {}
        if dimension == "living":
            extra = {
                "name": "Puskesmas Digital",
                "horizon": "quick_win",
                "quick_win_reason": "Aplikasi sudah ada; tinggal dipasang di 21 puskesmas.",
                "budget": [(2024, "apbd", 250_000_000)],
            }
        programs[dimension] = services.save_program(
            coordinator, plan, program_data(opd_id, dimension, **extra)
        )
    return programs


def tiny_pdf(text: str = "Peraturan Bupati Batang") -> bytes:
    """A minimal but well-formed one-page PDF with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PNG = files.PNG


@pytest.fixture
def dinkes(users) -> int:  # type: ignore[no-untyped-def]
    """The OPD officer's own OPD (Dinas Kesehatan Batang), from `make_opd`."""
    return int(users["opd_officer"].opd_id)


@pytest.fixture
def clean_plan(users, plan, dinkes) -> Masterplan:  # type: ignore[no-untyped-def]
    make_clean_plan(users["coordinator"], plan, dinkes)
    return plan


@pytest.fixture
def outsider_mentor(make_user, batanghari):  # type: ignore[no-untyped-def]
    """A mentor assigned to another region only."""
    mentor = make_user("mentor-bh", "mentor")
    mentor.assigned_regions.add(batanghari)
    return mentor
