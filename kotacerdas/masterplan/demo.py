"""Demo masterplans of the seed regions, written through the services as their people
would: a complete, reviewed and approved one for Kabupaten Batang (demo_batang.py), a
complete one Kabupaten Musi Rawas has submitted for review (the mentor's work to do) and
drafts in progress for the other three (their data at the end of this module).

Needs the demo accounts and OPDs (core/demo.py) and, for readiness scores, the 2023
cohort (program/demo.py). A region that has a masterplan already is left alone, so
running the demo again changes nothing."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import demo_batang as batang_data
from kotacerdas.masterplan import services
from kotacerdas.masterplan.demo_batang import Program, outcome, output
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.regions import services as region_services
from kotacerdas.regions.models import OPD, Region

JUTA = 1_000_000  # the data gives amounts in millions of Rupiah


@dataclass(frozen=True)
class PartialPlan:
    """A region's masterplan early in its writing: the checker still finds work."""

    code: str
    overview: dict[str, Any]
    profile: list[tuple[str, str, str, str, int, str]]
    findings: list[tuple[str, str, str, str, str, str, str]]
    programs: list[Program]
    goals: list[tuple[str, str]] = field(default_factory=list)
    first_year: int = 2024
    # The rest of the masterplan, for a region that has finished and submitted it.
    completion: "Completion | None" = None


@dataclass(frozen=True)
class Completion:
    """What a draft lacks to pass the checker: the remaining overview texts, SWOT per
    pillar, strategies, and a reason for each problem no program addresses."""

    overview: dict[str, Any]
    swot: dict[
        str, tuple[str, str, str, str]
    ]  # pillar -> strengths, weaknesses, opportunities, threats
    strategies: dict[str, str]
    set_aside: dict[str, str]


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


# Chapter I as far as each draft has got: the background first, the rest later.
PARTIAL_INTRODUCTIONS: dict[str, dict[str, str]] = {
    "15.04": {
        "background": "Kabupaten Batang Hari membentang di sepanjang Sungai Batanghari; banyak desa "
        "di tepi sungai dan kawasan perkebunan belum terjangkau sinyal, sehingga layanan publik "
        "masih harus diurus ke ibu kota kabupaten di Muara Bulian.\n"
        "Masterplan Smart City disusun agar layanan pemerintah, kesehatan dan peringatan dini "
        "banjir dapat dijangkau dari desa.",
        "purpose": "Menjadi pedoman Perangkat Daerah dalam merencanakan program smart city "
        "2024–2033 yang selaras dengan RPJMD.",
    },
    "15.03": {
        "background": "Kabupaten Sarolangun bertumpu pada perkebunan, pertambangan dan wisata "
        "alam di wilayah hulu. Data wisata, pajak dan layanan perizinan masih tersebar di banyak "
        "Perangkat Daerah dan belum dapat diakses secara daring.",
    },
    "17.03": {
        "background": "Kabupaten Bengkulu Utara memiliki wilayah pesisir barat yang panjang dan "
        "Pulau Enggano yang terpencil. Keterhubungan internet, layanan kecamatan dan informasi "
        "harga bagi petani dan nelayan menjadi kebutuhan utama.",
        "scope": "Seluruh wilayah Kabupaten Bengkulu Utara termasuk Pulau Enggano, 2024–2033, "
        "pada enam dimensi smart city.",
    },
    "16.05": {
        "background": "Kabupaten Musi Rawas adalah lumbung pangan Sumatera Selatan. Prevalensi "
        "stunting, harga gabah di tingkat petani dan desa yang belum terhubung internet menjadi "
        "pendorong penyusunan masterplan ini.",
    },
}

B = 2023  # baseline year
# fmt: off
PARTIAL_PLANS = [
    PartialPlan(
        "15.04",  # Batanghari: economy and environment have no program yet; PAD unaddressed
        {"leading_sectors": "Perkebunan kelapa sawit dan karet\nPertambangan batu bara\nPertanian dan perikanan di sepanjang Sungai Batanghari",
         "vision": "Batang Hari Cerdas: layanan publik yang mudah dijangkau dari desa di sepanjang Sungai Batanghari"},
        [("population", "", "310000", "jiwa", 2022, "Perkiraan dari BPS Kabupaten Batang Hari"),
         ("area", "", "5804", "km²", 2022, "BPS Kabupaten Batang Hari (perkiraan)"),
         ("blank_spots", "", "27", "desa", 2023, "Perkiraan Diskominfo Kabupaten Batang Hari")],
        [("sinyal", "Diskominfo", "problem", "community", "Sinyal lemah di desa sepanjang Sungai Batanghari", "Desa di tepi sungai dan kawasan perkebunan belum terjangkau sinyal 4G.", "Pendataan Diskominfo 2023"),
         ("imunisasi", "Dinkes", "problem", "health", "Pencatatan imunisasi dan gizi balita masih manual", "Laporan posyandu direkap dengan kertas setiap bulan.", "Laporan program gizi Dinkes 2023"),
         ("banjir", "DPUPR", "problem", "security", "Banjir tahunan Sungai Batanghari tanpa peringatan dini", "Warga bantaran mengetahui kenaikan air dari kabar lisan.", "Rekap kejadian banjir 2023"),
         ("pad", "BKD", "problem", "transaction-ecosystem", "Pendapatan asli daerah bergantung pada dana transfer", "Porsi PAD dalam APBD masih kecil.", "Laporan realisasi APBD 2023"),
         ("sawit", "Bappeda", "potential", "industry", "Perkebunan kelapa sawit dan karet rakyat yang luas", "Bahan baku industri hilir dan sumber pendapatan warga.", "Statistik perkebunan 2022")],
        [Program("internet", "Internet Desa Sepanjang Sungai Batanghari", "community", "Diskominfo", ("Bappeda",), "medium", (2024, 2027), "BTS dan internet kantor desa bersama BAKTI.",
                 {"apbn": (3000, 2000, 0, 0), "apbd": (500, 500, 400, 400)},
                 (output("Kantor desa dengan internet", "desa", (B, "60"), "80", "100", "115", "124"), outcome("Desa blank spot", "desa", (B, "27"), "20", "12", "5", "0")), ("sinyal",)),
         Program("gizi", "Pencatatan Imunisasi dan Gizi Balita Digital", "health", "Dinkes", ("Diskominfo",), "medium", (2024, 2026), "Aplikasi posyandu terhubung ke puskesmas.",
                 {"apbd": (350, 300, 300)},
                 (output("Posyandu yang melapor daring", "%", (B, "10"), "40", "70", "100"), outcome("Cakupan imunisasi dasar lengkap", "%", (B, "82"), "87", "91", "95")), ("imunisasi",)),
         Program("portal", "Portal Layanan Perizinan dan Adminduk", "public-service", "Diskominfo", ("Bag. Organisasi",), "medium", (2024, 2026), "Pengajuan layanan daring dari kecamatan.",
                 {"apbd": (600, 500, 400)},
                 (output("Layanan yang tersedia daring", "layanan", (B, "5"), "15", "25", "35"), outcome("Permohonan yang diajukan daring", "%", (B, "10"), "30", "50", "70"))),
         Program("banjir", "Peringatan Dini Banjir Sungai Batanghari", "security", "DPUPR", ("DLH", "Diskominfo"), "medium", (2025, 2027), "Sensor muka air dan pesan otomatis ke desa bantaran.",
                 {"apbd": (700, 400, 300)},
                 (output("Pos sensor muka air", "pos", (B, "0"), "4", "8", "10"), outcome("Desa bantaran yang menerima peringatan", "%", (B, "0"), "40", "80", "100")), ("banjir",)),
         Program("katalog", "Katalog Wisata dan Produk Lokal Daring", "tourism-branding", "Disparpora", ("Diskominfo",), "quick_win", (2024, 2024), "Laman wisata, kuliner dan kerajinan.",
                 {"apbd": (120,)},
                 (output("Destinasi dan produk yang ditampilkan", "entri", (B, "0"), "60"), outcome("Pengunjung laman", "ribu kunjungan", (B, "0"), "25")))],
    ),
    PartialPlan(
        "15.03",  # Sarolangun: no Smart Living program; targets and an outcome still missing
        {"leading_sectors": "Perkebunan karet dan kelapa sawit\nPertambangan batu bara\nPariwisata alam di wilayah hulu"},
        [("population", "", "300000", "jiwa", 2022, "Perkiraan dari BPS Kabupaten Sarolangun"),
         ("area", "", "6174", "km²", 2022, "BPS Kabupaten Sarolangun (perkiraan)"),
         ("blank_spots", "", "35", "desa", 2023, "Perkiraan Diskominfo Kabupaten Sarolangun")],
        [("akses", "Disparpora", "problem", "tourism-branding", "Akses transportasi dan sinyal ke destinasi wisata terbatas", "Destinasi alam di wilayah hulu sulit dijangkau dan tanpa sinyal, sehingga wisatawan enggan datang.", "Keterangan Kadis Kominfo pada penandatanganan nota kesepakatan, 28 Februari 2023"),
         ("wisata", "Disparpora", "potential", "tourism-branding", "Wisata alam air terjun dan sungai di wilayah hulu", "Potensi wisata alam yang belum dikenal luas.", "Inventarisasi destinasi Disparpora 2023"),
         ("peti", "DLH", "problem", "protection", "Pencemaran sungai akibat penambangan emas tanpa izin", "Kekeruhan dan merkuri di beberapa ruas sungai.", "Pemantauan kualitas air DLH 2023"),
         ("rujukan", "Dinkes", "problem", "health", "Rujukan pasien dari desa terpencil lambat", "Jarak dan sinyal menghambat konsultasi puskesmas ke rumah sakit.", "Laporan rujukan Dinkes 2023"),
         ("pad", "BKD", "potential", "transaction-ecosystem", "Potensi PAD dari layanan daring dan retribusi non-tunai", "Pendapatan bertambah bila layanan daring diperluas, sesuai arahan inventarisasi potensi per OPD.", "Rapat koordinasi smart city 2023")],
        [Program("peta", "Peta Digital Destinasi Wisata Sarolangun", "tourism-branding", "Disparpora", ("Diskominfo",), "quick_win", (2024, 2024), "Peta akses, jarak dan ketersediaan sinyal setiap destinasi.",
                 {"apbd": (100,)},
                 (output("Destinasi yang dipetakan", "destinasi", (B, "0"), "25"), outcome("Wisatawan yang merencanakan kunjungan lewat peta", "ribu orang", (B, "0"), "10")), ("akses",), (),
                 "Data destinasi sudah ada; cukup dipetakan dan diumumkan, hasilnya tampak dalam satu musim libur."),
         Program("internet", "Internet Desa Wisata", "community", "Diskominfo", ("Disparpora",), "medium", (2024, 2027), "BTS dan Wi-Fi di desa wisata hulu.",
                 {"apbn": (2500, 1500, 0, 0), "apbd": (400, 400, 300, 300)},
                 (output("Desa wisata terhubung internet", "desa", (B, "2"), "5", "9", "12", "15"), outcome("Desa blank spot", "desa", (B, "35"), "28", "20", "12", "5")), ("akses",)),
         Program("air", "Pemantauan Kualitas Air Sungai", "protection", "DLH", ("Diskominfo",), "medium", (2025, 2028), "Sensor kualitas air pada ruas sungai terdampak.",
                 {"apbd": (600, 400, 300, 300)},
                 (output("Titik pantau otomatis", "titik", (B, "0"), "3", "6"), outcome("Ruas sungai memenuhi baku mutu", "%", (B, "40"), "45", "50")), ("peti",)),
         Program("retribusi", "e-Retribusi dan Pajak Daerah Non-Tunai", "transaction-ecosystem", "BKD", (), "medium", (2024, 2026), "Pembayaran non-tunai untuk pajak dan retribusi.",
                 {"apbd": (300, 250, 200)},
                 (output("Jenis pajak dan retribusi non-tunai", "jenis", (B, "2"), "6", "10", "14"), outcome("Penerimaan non-tunai", "%", (B, "10"), "30", "50", "70"))),
         Program("portal", "Portal Layanan Publik Sarolangun", "public-service", "Diskominfo", ("Bag. Organisasi",), "medium", (2024, 2028), "Layanan daring terpadu untuk warga dan pelaku usaha.",
                 {"apbd": (500, 450, 400, 350, 350)},
                 (output("Layanan daring", "layanan", (B, "4"), "10", "18", "26", "32", "38"), outcome("Permohonan yang diajukan daring", "%", (B, "5"), "20", "35", "50", "65", "80"))),
         Program("sekolah", "Sistem Informasi Sekolah", "learning", "Disdikbud", (), "medium", (2025, 2027), "Data peserta didik dan sarana sekolah dalam satu aplikasi.",
                 {"apbd": (250, 200, 200)},
                 (output("Sekolah yang memakai aplikasi", "sekolah", (B, "0"), "100", "200", "300"),))],
    ),
    PartialPlan(
        "17.03",  # Bengkulu Utara: all dimensions drafted, one indicator without baseline
        {"leading_sectors": "Perkebunan kelapa sawit dan karet\nPerikanan tangkap di pesisir barat dan Pulau Enggano\nPertanian pangan"},
        [("population", "", "300000", "jiwa", 2022, "Perkiraan dari BPS Kabupaten Bengkulu Utara"),
         ("area", "", "4424", "km²", 2022, "BPS Kabupaten Bengkulu Utara (perkiraan)"),
         ("ict_coverage", "", "80", "% desa terlayani 4G", 2023, "Perkiraan Diskominfo Kabupaten Bengkulu Utara")],
        [("enggano", "Diskominfo", "problem", "community", "Konektivitas Pulau Enggano terbatas", "Internet di Enggano bergantung pada satelit berkapasitas kecil.", "Laporan Diskominfo 2023"),
         ("rujukan", "Dinkes", "problem", "health", "Rujukan pasien dari Pulau Enggano bergantung pada jadwal kapal", "Konsultasi dokter spesialis sulit dilakukan tepat waktu.", "Laporan rujukan Dinkes 2023"),
         ("sampah", "DLH", "problem", "waste", "Sampah pasar di Arga Makmur belum terpilah", "Sampah organik pasar langsung dibuang ke TPA.", "Data persampahan DLH 2023"),
         ("sawit", "Bappeda", "potential", "industry", "Perkebunan sawit dan karet rakyat", "Sumber pendapatan utama warga dan bahan baku industri.", "Statistik perkebunan 2022")],
        [Program("enggano", "Internet Pulau Enggano dan Desa Pesisir", "community", "Diskominfo", ("Bappeda",), "medium", (2024, 2027), "Peningkatan kapasitas jaringan ke Enggano dan desa pesisir.",
                 {"apbn": (4000, 2000, 0, 0), "apbd": (400, 400, 300, 300)},
                 (output("Desa pesisir terhubung", "desa", (B, "10"), "16", "22", "28", "32"), outcome("Kecepatan internet rata-rata di Enggano", "Mbps", (B, "2"), "10", "20", "30", "40")), ("enggano",)),
         Program("telemedisin", "Telemedisin Puskesmas Enggano", "health", "Dinkes", ("Diskominfo",), "medium", (2024, 2026), "Konsultasi jarak jauh puskesmas Enggano dengan RSUD.",
                 {"dak": (900, 0, 0), "apbd": (250, 200, 200)},
                 (output("Puskesmas dengan telemedisin", "puskesmas", (B, "0"), "2", "4", "6"), outcome("Rujukan yang cukup ditangani lewat telekonsultasi", "%", (B, "0"), "20", "35", "45")), ("rujukan",)),
         Program("adminduk", "Layanan Adminduk dan Perizinan Daring", "public-service", "Diskominfo", ("Bag. Organisasi",), "quick_win", (2024, 2024), "Pengajuan dokumen kependudukan dari kecamatan.",
                 {"apbd": (150,)},
                 (output("Kecamatan yang melayani daring", "kecamatan", (B, "2"), "19"), outcome("Dokumen selesai dalam satu hari", "%", (B, "30"), "70")), (), (),
                 "Aplikasi nasional sudah tersedia; cukup pelatihan operator kecamatan."),
         Program("sampah", "Bank Sampah dan Pemilahan Sampah Pasar", "waste", "DLH", (), "medium", (2025, 2027), "Pemilahan sampah organik pasar dan bank sampah digital.",
                 {"apbd": (200, 200, 150)},
                 (output("Bank sampah aktif", "unit", (B, "5"), "15", "25", "35"), outcome("Sampah pasar yang terpilah", "%", (B, "5"), "25", "40", "55")), ("sampah",)),
         Program("harga", "Informasi Harga Sawit dan Karet", "industry", "Bappeda", ("Diskominfo",), "medium", (2025, 2027), "Harga tandan buah segar dan karet harian untuk petani.",
                 {"apbd": (150, 100, 100)},
                 (output("Desa penerima informasi harga", "desa", (B, "0"), "60", "120", "200"), outcome("Petani yang menjual sesuai harga acuan", "%", (B, ""), "40", "55", "70"))),
         Program("wisata", "Promosi Wisata Pantai dan Pulau Enggano", "tourism-branding", "Disparpora", ("Diskominfo",), "medium", (2025, 2028), "Promosi digital wisata bahari.",
                 {"apbd": (200, 200, 150, 150)},
                 (output("Konten promosi terbit", "konten", (B, "10"), "50", "100", "150", "200"), outcome("Kunjungan wisatawan", "ribu kunjungan", (B, "80"), "90", "100", "110", "120")))],
    ),
    PartialPlan(
        "16.05",  # Musi Rawas: no quick win chosen yet; one problem not yet addressed
        {"leading_sectors": "Perkebunan karet dan kelapa sawit\nPertanian padi sebagai lumbung pangan\nPerikanan darat",
         "rpjmd_vision": "Musi Rawas Maju, Mandiri dan Bermartabat", "rpjmd_first_year": 2021, "rpjmd_last_year": 2026},
        [("population", "", "400000", "jiwa", 2022, "Perkiraan dari BPS Kabupaten Musi Rawas"),
         ("area", "", "6350", "km²", 2022, "BPS Kabupaten Musi Rawas (perkiraan)"),
         ("apbd", "", "1850", "miliar Rp", 2023, "Perkiraan dari APBD Kabupaten Musi Rawas 2023")],
        [("sinyal", "Diskominfo", "problem", "community", "Desa blank spot di wilayah perkebunan", "Desa di kawasan perkebunan belum terlayani sinyal.", "Pendataan Diskominfo 2023"),
         ("padi", "Bappeda", "potential", "welfare", "Sentra padi dan perkebunan rakyat", "Musi Rawas dikenal sebagai lumbung padi Sumatera Selatan.", "Statistik pertanian 2022"),
         ("stunting", "Dinkes", "problem", "health", "Data balita stunting belum terpadu", "Data posyandu, puskesmas dan desa tidak sama.", "e-PPGBM 2023"),
         ("jalan", "DPUPR", "problem", "mobility", "Jalan produksi perkebunan rusak saat musim hujan", "Angkutan hasil kebun terhambat.", "Data kondisi jalan DPUPR 2023"),
         ("pasar", "BKD", "problem", "transaction-ecosystem", "Retribusi pasar masih tunai", "Pemungutan tunai sulit diawasi.", "Laporan pendapatan 2023")],
        [Program("internet", "Internet Desa dan BTS Wilayah Perkebunan", "community", "Diskominfo", ("Bappeda",), "medium", (2024, 2027), "BTS bersama BAKTI dan operator.",
                 {"apbn": (3500, 2000, 0, 0), "apbd": (500, 400, 400, 300)},
                 (output("Desa terhubung internet", "desa", (B, "150"), "170", "190", "200", "210"), outcome("Desa blank spot", "desa", (B, "40"), "30", "20", "10", "3")), ("sinyal",), ("T1",)),
         Program("tani", "Sistem Informasi Pertanian dan Harga Gabah", "welfare", "Bappeda", ("Diskominfo",), "medium", (2024, 2028), "Harga gabah, jadwal tanam dan cuaca untuk kelompok tani.",
                 {"apbd": (300, 250, 250, 200, 200)},
                 (output("Kelompok tani pengguna", "kelompok", (B, "0"), "100", "250", "400", "550", "700"), outcome("Harga gabah di tingkat petani terhadap HPP", "%", (B, "95"), "98", "100", "102", "104", "105")), (), ("T2",)),
         Program("stunting", "Pemantauan Stunting Terpadu", "health", "Dinkes", ("Bappeda",), "medium", (2024, 2026), "Dasbor balita berisiko dari posyandu dan desa.",
                 {"apbd": (300, 300, 250)},
                 (output("Posyandu yang melapor daring", "%", (B, "20"), "50", "80", "100"), outcome("Prevalensi stunting", "%", (B, "22"), "19", "16", "14")), ("stunting",)),
         Program("pasar", "Retribusi Pasar Non-Tunai", "transaction-ecosystem", "BKD", (), "quick_win", (2024, 2024), "QRIS untuk retribusi pasar.",
                 {"apbd": (120,)},
                 (output("Pasar dengan QRIS", "pasar", (B, "0"), "12"), outcome("Retribusi pasar non-tunai", "%", (B, "0"), "35")), ("pasar",), (),
                 "QRIS bank daerah sudah tersedia; cukup sosialisasi kepada petugas dan pedagang, hasilnya terlihat dalam satu tahun anggaran."),
         Program("portal", "Portal Layanan Publik Musi Rawas", "public-service", "Diskominfo", ("Bag. Organisasi",), "medium", (2024, 2028), "Layanan daring terpadu.",
                 {"apbd": (500, 400, 400, 350, 300)},
                 (output("Layanan daring", "layanan", (B, "3"), "10", "18", "25", "30", "35"), outcome("Permohonan yang diajukan daring", "%", (B, "5"), "20", "35", "50", "65", "75")), (), ("T1",)),
         Program("wisata", "Promosi Wisata Alam Musi Rawas", "tourism-branding", "Disparpora", (), "medium", (2025, 2027), "Promosi digital air terjun dan wisata alam.",
                 {"apbd": (200, 150, 150)},
                 (output("Konten promosi", "konten", (B, "5"), "40", "80", "120"), outcome("Kunjungan wisatawan", "ribu kunjungan", (B, "60"), "70", "80", "90"))),
         Program("sekolah", "Sekolah Digital", "learning", "Disdikbud", ("Diskominfo",), "medium", (2025, 2028), "Perangkat dan pelatihan guru.",
                 {"dak": (1500, 1000, 0, 0), "apbd": (300, 300, 250, 250)},
                 (output("Sekolah penerima", "sekolah", (B, "10"), "40", "70", "100", "130"), outcome("Guru yang memakai pembelajaran digital", "%", (B, "20"), "40", "55", "70", "80"))),
         Program("sampah", "Pengelolaan Sampah Terpadu", "waste", "DLH", (), "medium", (2025, 2029), "Bank sampah dan pemantauan armada.",
                 {"apbd": (400, 350, 300, 300, 300)},
                 (output("Bank sampah aktif", "unit", (B, "8"), "20", "35", "50", "60", "70"), outcome("Sampah terkelola", "%", (B, "35"), "40", "45", "50", "55", "60")))],
        goals=[("T1", "Meningkatnya kualitas pelayanan publik berbasis elektronik"), ("T2", "Meningkatnya kesejahteraan petani dan pekebun")],
        completion=Completion(
            {"vision": "Musi Rawas Cerdas 2033: lumbung pangan yang terhubung, sehat dan melayani warganya dari desa",
             "missions": "Menghubungkan seluruh desa dengan internet dan layanan publik daring\nMemperkuat ketahanan pangan dengan data pertanian dan harga yang terbuka\nMenurunkan stunting dengan data balita yang terpadu\nMengembangkan ekonomi daerah melalui transaksi non-tunai dan promosi wisata",
             "targets": "Desa blank spot tinggal 3 desa pada 2027\nPrevalensi stunting turun ke 14% pada 2026\n75% permohonan layanan publik diajukan daring pada 2028\nSeluruh retribusi pasar dapat dibayar non-tunai pada 2026",
             "gap_analysis": "Struktur: SDM TIK terbatas dan tersebar di OPD; kondisi yang diharapkan: tim teknis smart city lintas OPD.\nInfrastruktur: sekitar 40 desa perkebunan belum terlayani sinyal; kondisi yang diharapkan: seluruh kantor desa terhubung internet.\nSuprastruktur: SOP layanan daring dan kebijakan Satu Data belum ditetapkan; kondisi yang diharapkan: Perbup Satu Data dan SOP layanan daring.",
             "roadmap": "2024 — Fondasi dan quick win: QRIS retribusi pasar, BTS desa bersama BAKTI, dasbor stunting.\n2025–2026 — Perluasan: portal layanan publik, sistem informasi pertanian, sekolah digital.\n2027–2033 — Pemantapan: integrasi data lintas OPD dan evaluasi dampak setiap program.",
             "implementation_steps": "1. Penetapan masterplan dengan Peraturan Bupati dan pembentukan Tim Pelaksana smart city.\n2. Penjabaran program ke dalam RKPD dan Renja OPD setiap tahun.\n3. Pemantauan indikator setiap semester oleh Bappeda bersama Diskominfo.\n4. Evaluasi tahunan bersama tenaga ahli dan Dewan Smart City."},
            {"struktur": ("Bupati menjadikan smart city program prioritas; Bappeda memimpin koordinasi lintas OPD.",
                          "Pranata komputer sedikit; belanja TIK tersebar di banyak OPD.",
                          "Pendampingan Kemkomdigi dan program talenta digital nasional.",
                          "Keterbatasan fiskal daerah dan rotasi pegawai pengelola aplikasi."),
             "infrastruktur": ("Kantor OPD di Muara Beliti terhubung fiber optik.",
                               "Sekitar 40 desa di wilayah perkebunan belum terlayani sinyal.",
                               "Program BTS BAKTI dan perluasan jaringan operator seluler.",
                               "Banjir musiman dan pemadaman listrik merusak perangkat."),
             "suprastruktur": ("Kebijakan SPBE daerah sudah ditetapkan.",
                               "SOP layanan daring dan kebijakan Satu Data belum ada.",
                               "Aplikasi umum nasional (SRIKANDI, SATUSEHAT, e-PPGBM) siap dipakai.",
                               "Perubahan regulasi pusat yang cepat.")},
            {"community": "Desa terhubung internet lebih dahulu di wilayah perkebunan yang masih blank spot.",
             "welfare": "Data harga gabah, jadwal tanam dan cuaca yang terbuka bagi kelompok tani.",
             "health": "Penurunan stunting dengan data balita by name by address dari posyandu dan desa.",
             "public-service": "Layanan perizinan dan administrasi kependudukan yang dapat diajukan dari desa.",
             "transaction-ecosystem": "Pembayaran pajak dan retribusi daerah secara non-tunai.",
             "tourism-branding": "Promosi digital wisata alam Musi Rawas.",
             "learning": "Pemerataan pembelajaran digital, mengutamakan sekolah di desa.",
             "waste": "Pengurangan sampah dari sumber melalui bank sampah."},
            {"jalan": "Ditangani melalui Renstra DPUPR dan DAK fisik bidang jalan, di luar lingkup masterplan smart city; kerusakan jalan dilaporkan warga melalui kanal aduan."},
        ),
    ),
]
# fmt: on
