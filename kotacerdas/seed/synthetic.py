"""Synthetic masterplans for benchmarks, load tests and `seed-national`.

Deterministic for a region, a seed and a size. Written with bulk inserts (no services,
no audit entries), like national.py: this is generated data, not a person's work.
The result passes the checker: every dimension has programs, there are quick wins with a
reason, every program has a lead OPD of the region, a budget within its years, an
outcome indicator with a baseline and a target for every year, and RPJMD goals; every
problem is addressed by a program or set aside with a reason.
"""

import random
from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from kotacerdas.masterplan.models import (
    PLAN_YEARS,
    BudgetLine,
    Finding,
    Horizon,
    IndicatorTarget,
    Masterplan,
    PillarAnalysis,
    ProfileFigure,
    Program,
    ProgramIndicator,
    RpjmdGoal,
    Strategy,
)
from kotacerdas.regions.models import OPD, DimensionElement, Pillar, Region
from kotacerdas.seed.names import OPD_NAMES

MIN_OPDS = 10

# Per element: a keyword of the OPD that usually leads it, its outcome indicator
# (name, unit, baseline), and six program names.
ELEMENTS: dict[str, tuple[str, tuple[str, str, int], list[str]]] = {
    "public-service": ("Komunikasi", ("Indeks kepuasan masyarakat", "indeks", 72), [
        "Mal Pelayanan Publik Digital", "Perizinan Online Terpadu",
        "Pengaduan Masyarakat Terpadu", "Adminduk Keliling Digital",
        "Tanda Tangan Elektronik Layanan Publik", "Kios Layanan Mandiri Kecamatan"]),
    "public-policy": ("Perencanaan", ("Keputusan berbasis data", "%", 20), [
        "Satu Data Daerah", "Portal Transparansi Anggaran", "Dasbor Kebijakan Pimpinan",
        "E-Musrenbang", "JDIH Digital", "Evaluasi Kebijakan Berbasis Data"]),
    "bureaucracy": ("Kepegawaian", ("Indeks SPBE", "indeks", 2),  [
        "E-Kinerja ASN", "Arsip Digital Terpadu", "E-Office Persuratan",
        "Manajemen Aset Daerah Digital", "Integrasi SPBE Perangkat Daerah", "Pusat Data Daerah"]),
    "tourism-branding": ("Pariwisata", ("Kunjungan wisatawan", "ribu orang", 350), [
        "Portal Pariwisata Terpadu", "Desa Wisata Digital", "Kalender Event Daerah",
        "Tur Virtual Destinasi", "Wifi Publik Destinasi Wisata", "Promosi Wisata Media Sosial"]),
    "business-branding": ("Koperasi", ("UMKM yang berjualan daring", "%", 15), [
        "Katalog Produk UMKM Online", "Branding Produk Unggulan Daerah",
        "Sistem Informasi Investasi", "Pameran Produk Daerah Virtual",
        "Sertifikasi Halal dan HKI UMKM", "Layanan Kemudahan Berusaha"]),
    "city-appearance": ("Pekerjaan Umum", ("Ruang publik tertata", "%", 30), [
        "Penataan Alun-Alun Cerdas", "Penerangan Jalan Umum Pintar",
        "Ruang Terbuka Hijau Tematik", "Penataan Reklame Digital", "Taman Kota Ramah Anak",
        "Gerbang Kota Ikonik"]),
    "industry": ("Perindustrian", ("Industri kecil yang memakai TIK", "%", 10), [
        "Pusat Inovasi Industri Kecil", "Sistem Informasi Industri Daerah",
        "Inkubator Bisnis Digital", "Pelatihan Digital Pelaku Industri",
        "Kawasan Industri Terpadu", "Klaster Industri Olahan Pangan"]),
    "welfare": ("Sosial", ("Penduduk miskin", "%", 9), [
        "Data Terpadu Kesejahteraan Sosial", "Bantuan Sosial Non Tunai", "Pasar Kerja Online",
        "Pelatihan Kerja Berbasis Kompetensi", "Sistem Informasi Desa",
        "Pemberdayaan Ekonomi Perempuan Digital"]),
    "transaction-ecosystem": ("Pendapatan", ("Transaksi pemerintah non tunai", "%", 35), [
        "Pembayaran Retribusi Non Tunai", "Elektronifikasi Transaksi Pemerintah Daerah",
        "Pajak Daerah Online", "QRIS Pasar Tradisional", "Pasar Daring Produk Lokal",
        "Dompet Digital Layanan Publik"]),
    "harmony": ("Penataan Ruang", ("Izin bangunan sesuai tata ruang", "%", 60), [
        "Sistem Informasi Tata Ruang", "Persetujuan Bangunan Gedung Online",
        "Peta Digital RDTR", "Pengendalian Ruang Berbasis Citra Satelit",
        "Sistem Informasi Perumahan", "Penataan Kawasan Kumuh Berbasis Data"]),
    "health": ("Kesehatan", ("Puskesmas dengan rekam medis elektronik", "%", 20), [
        "Rekam Medis Elektronik Puskesmas", "Telemedisin Desa", "Antrean Online RSUD",
        "Sistem Rujukan Terintegrasi", "Surveilans Stunting Digital",
        "Ambulans Siaga Terpadu"]),
    "mobility": ("Perhubungan", ("Waktu tempuh rata-rata di pusat kota", "menit", 35), [
        "Area Traffic Control System", "Informasi Angkutan Umum Waktu Nyata",
        "Parkir Elektronik", "Halte Pintar", "Uji Kendaraan Bermotor Online",
        "CCTV Lalu Lintas Terpadu"]),
    "community": ("Pemuda", ("Komunitas kreatif aktif", "komunitas", 12), [
        "Forum Komunitas Kreatif", "Ruang Kreatif Pemuda", "Relawan TIK Desa",
        "Gerakan Literasi Digital Masyarakat", "Kampung Digital", "Portal Komunitas Daerah"]),
    "learning": ("Pendidikan", ("Sekolah dengan pembelajaran digital", "%", 25), [
        "Perpustakaan Digital", "Sekolah Ramah Digital", "Pembelajaran Daring Terpadu",
        "Beasiswa Talenta Digital", "Dasbor Pendidikan Daerah", "Pelatihan Guru Berbasis TIK"]),
    "security": ("Bencana", ("Waktu tanggap kedaruratan", "menit", 45), [
        "Command Center Daerah", "Layanan Darurat 112", "Sistem Peringatan Dini Bencana",
        "CCTV Keamanan Lingkungan", "Patroli Satpol PP Berbasis Aplikasi",
        "Peta Rawan Bencana Digital"]),
    "protection": ("Lingkungan", ("Indeks kualitas lingkungan hidup", "indeks", 62), [
        "Pemantauan Kualitas Udara", "Pemantauan Kualitas Air Sungai",
        "Konservasi Mangrove Berbasis Masyarakat", "Sistem Informasi Lingkungan Hidup",
        "Pengendalian Kebakaran Lahan", "Penanaman Pohon Terpantau Digital"]),
    "waste": ("Lingkungan", ("Sampah yang terkelola", "%", 45), [
        "Bank Sampah Digital", "TPS 3R Terpadu", "Aplikasi Layanan Angkut Sampah",
        "Pengolahan Limbah Cair Domestik", "Pemantauan TPA Berbasis Sensor",
        "Gerakan Pilah Sampah dari Rumah"]),
    "energy": ("Pekerjaan Umum", ("Energi terbarukan di gedung pemerintah", "%", 3), [
        "PJU Tenaga Surya", "Panel Surya Gedung Pemerintah", "Desa Mandiri Energi",
        "Pemantauan Konsumsi Energi Gedung", "Biogas Peternakan Rakyat",
        "Kendaraan Dinas Listrik"]),
}  # fmt: skip
# Outcomes that should fall rather than rise.
FALLING = {"Penduduk miskin", "Waktu tempuh rata-rata di pusat kota", "Waktu tanggap kedaruratan"}
STAGES = ["", " Tahap II", " Tahap III", " Tahap IV"]
GOALS = [
    "Meningkatkan kualitas tata kelola pemerintahan yang bersih dan melayani",
    "Meningkatkan daya saing ekonomi daerah berbasis potensi lokal",
    "Meningkatkan kualitas sumber daya manusia yang sehat dan cerdas",
    "Meningkatkan kualitas infrastruktur dan tata ruang yang berkelanjutan",
    "Mewujudkan lingkungan hidup yang lestari dan tangguh bencana",
    "Memperkuat kehidupan sosial yang harmonis, aman dan berbudaya",
]
SWOT = {
    "strengths": "Komitmen kepala daerah yang kuat\nJaringan fiber optik di seluruh kantor OPD",
    "weaknesses": "SDM TIK di OPD terbatas\nAplikasi yang belum terintegrasi",
    "opportunities": "Dukungan program nasional SPBE dan DAK\nMinat investor pada kawasan industri",
    "threats": "Kesenjangan digital antarwilayah\nAncaman keamanan siber",
}
FIGURES = [  # key, unit, source, low, high
    ("population", "jiwa", "BPS, Kabupaten/Kota dalam Angka", 250_000, 1_500_000),
    ("area", "km²", "BPS, Kabupaten/Kota dalam Angka", 400, 5_000),
    ("pdrb", "miliar rupiah", "BPS, PDRB menurut lapangan usaha", 8_000, 60_000),
    ("apbd", "miliar rupiah", "Perda APBD", 1_200, 3_500),
    ("pad", "miliar rupiah", "Perda APBD", 150, 600),
    ("ict_coverage", "% desa terjangkau 4G", "Diskominfo", 70, 98),
    ("blank_spots", "desa", "Diskominfo", 2, 40),
]


def _ensure_opds(region: Region) -> list[OPD]:
    opds = list(OPD.objects.filter(region=region).order_by("name"))
    if len(opds) >= MIN_OPDS:
        return opds
    OPD.objects.bulk_create(
        [
            OPD(
                region=region,
                name=name,
                kind=kind,
                abbreviation="".join(w[0] for w in name.split() if w[0].isupper()),
            )
            for name, kind in OPD_NAMES[:20]
        ],
        ignore_conflicts=True,
    )
    return list(OPD.objects.filter(region=region).order_by("name"))


def _pick_opd(opds: list[OPD], keyword: str, rng: random.Random) -> OPD:
    matches = [o for o in opds if keyword.lower() in o.name.lower()]
    return matches[0] if matches else rng.choice(opds)


def _span(horizon: str, first: int, rng: random.Random) -> tuple[int, int]:
    if horizon == Horizon.LONG:
        return first, first + PLAN_YEARS - 1
    if horizon == Horizon.MEDIUM:
        start = first + rng.randrange(0, 6)
        return start, start + 4
    if horizon == Horizon.QUICK_WIN:
        start = first + rng.randrange(0, 2)
        return start, start
    start = first + rng.randrange(0, PLAN_YEARS)
    return start, start


def _horizon(index: int) -> str:
    # A steady mix: about 13% quick wins, 13% short, 37% medium, 37% long.
    return [
        Horizon.LONG,
        Horizon.QUICK_WIN,
        Horizon.MEDIUM,
        Horizon.LONG,
        Horizon.SHORT,
        Horizon.MEDIUM,
        Horizon.LONG,
        Horizon.MEDIUM,
    ][index % 8]


def _overview(masterplan: Masterplan, region: Region) -> None:
    first, last = masterplan.first_year, masterplan.last_year
    name = region.name
    masterplan.vision = f"{name} Cerdas, Melayani dan Berdaya Saing {last}"
    masterplan.missions = "\n".join(
        [
            "Mewujudkan tata kelola pemerintahan digital yang terpadu dan melayani",
            "Membangun ekonomi lokal yang kreatif dan terhubung dengan pasar digital",
            "Menyediakan layanan kesehatan, pendidikan dan mobilitas yang cerdas",
            "Menjaga lingkungan hidup yang bersih, hijau dan tangguh bencana",
        ]
    )
    masterplan.targets = "\n".join(
        [
            f"Seluruh layanan perizinan daring pada {first + 2}",
            f"Indeks SPBE minimal 3,5 pada {first + 4}",
            f"Seluruh puskesmas memakai rekam medis elektronik pada {first + 3}",
            f"Sampah terkelola 90% pada {last}",
        ]
    )
    masterplan.leading_sectors = "Pertanian\nIndustri pengolahan\nPariwisata\nPerdagangan"
    masterplan.rpjmd_vision = f"Terwujudnya {name} yang Sejahtera, Maju dan Berkelanjutan"
    masterplan.rpjmd_missions = "\n".join(GOALS[:4])
    masterplan.rpjmd_first_year, masterplan.rpjmd_last_year = first - 1, first + 3
    masterplan.gap_analysis = (
        "Infrastruktur jaringan sudah menjangkau kantor OPD, tetapi belum semua desa.\n"
        "Aplikasi layanan banyak tetapi belum terintegrasi dalam satu data.\n"
        "Regulasi SPBE sudah ada; tata laksana dan SOP layanan digital belum lengkap."
    )
    masterplan.roadmap = "\n".join(
        [
            f"{first}–{first + 1}: fondasi (regulasi, pusat data, quick win per dimensi)",
            f"{first + 2}–{first + 4}: integrasi layanan dan satu data daerah",
            f"{first + 5}–{last}: layanan cerdas yang berkelanjutan dan dievaluasi berkala",
        ]
    )
    masterplan.implementation_steps = "\n".join(
        [
            "Penetapan masterplan dengan Peraturan Bupati/Wali Kota",
            "Penyelarasan program dengan Renstra OPD dan RKPD tahunan",
            "Pelaksanaan quick win dan pelaporan kemajuan triwulanan",
            "Evaluasi tahunan oleh Dewan Smart City",
        ]
    )
    masterplan.foreword = (
        f"Puji syukur kami panjatkan atas tersusunnya Masterplan Smart City {name} "
        f"{first}–{last}, hasil kerja bersama seluruh Perangkat Daerah."
    )
    masterplan.background = (
        f"{name} membutuhkan layanan publik yang cepat dan perencanaan berbasis data.\n"
        "Aplikasi Perangkat Daerah belum terintegrasi dan sebagian desa belum terhubung."
    )
    masterplan.purpose = (
        "Menjadi pedoman perencanaan dan pelaksanaan pembangunan kota cerdas yang selaras "
        "dengan RPJMD dan RKPD."
    )
    masterplan.scope = f"Seluruh wilayah {name}, {first}–{last}, pada enam dimensi smart city."


@transaction.atomic
def build_synthetic_masterplan(
    region: Region, *, programs: int = 150, seed: int = 0, first_year: int = 2024
) -> Masterplan:
    """A complete masterplan of `programs` programs for `region` (at least 6)."""
    if programs < 6:
        raise ValueError("a masterplan needs at least 6 programs, one per dimension")
    if Masterplan.objects.filter(region=region, first_year=first_year).exists():
        raise ValueError(f"{region} already has a masterplan from {first_year}")
    rng = random.Random(f"{seed}-{region.pk}-{programs}")
    opds = _ensure_opds(region)
    masterplan = Masterplan(region=region, first_year=first_year)
    _overview(masterplan, region)
    masterplan.save()

    ProfileFigure.objects.bulk_create(
        ProfileFigure(
            masterplan=masterplan,
            key=key,
            value=Decimal(rng.randint(low, high)),
            unit=unit,
            year=first_year - 1,
            source=source,
        )
        for key, unit, source, low, high in FIGURES
    )
    goals = RpjmdGoal.objects.bulk_create(
        RpjmdGoal(masterplan=masterplan, code=f"T{n}", text=text)
        for n, text in enumerate(GOALS, start=1)
    )
    PillarAnalysis.objects.bulk_create(
        PillarAnalysis(
            masterplan=masterplan,
            pillar=pillar,
            readiness=Decimal(rng.randint(220, 420)) / 100,
            readiness_notes=f"Kesiapan {pillar.name_id.lower()} dinilai dari hasil asesmen.",
            **SWOT,
        )
        for pillar in Pillar.objects.order_by("position")
    )
    elements = list(DimensionElement.objects.select_related("dimension"))
    by_dimension: dict[str, list[DimensionElement]] = defaultdict(list)
    for element in sorted(elements, key=lambda e: (e.dimension.position, e.position)):
        by_dimension[element.dimension.code].append(element)
    dimension_codes = list(by_dimension)
    Strategy.objects.bulk_create(
        Strategy(
            masterplan=masterplan,
            element=element,
            text=f"Memperkuat {element.name_id.lower()} melalui integrasi data, layanan "
            f"digital dan kolaborasi OPD dengan masyarakat serta dunia usaha.",
        )
        for element in elements
    )

    plan_programs, leads = _programs(masterplan, programs, by_dimension, dimension_codes, opds, rng)
    Program.objects.bulk_create(plan_programs)
    _budgets_and_indicators(plan_programs, rng)
    Supporting = Program.supporting_opds.through
    Supporting.objects.bulk_create(
        Supporting(program_id=p.pk, opd_id=o.pk)
        for p in plan_programs
        for o in rng.sample([o for o in opds if o.pk != p.lead_opd_id], k=rng.randint(0, 2))
    )
    Goals = Program.goals.through
    Goals.objects.bulk_create(
        Goals(program_id=p.pk, rpjmdgoal_id=g.pk)
        for p in plan_programs
        for g in rng.sample(goals, k=rng.randint(1, 2))
    )
    _findings(masterplan, opds, leads, rng)
    return masterplan


def _programs(
    masterplan: Masterplan,
    count: int,
    by_dimension: dict[str, list[DimensionElement]],
    dimension_codes: list[str],
    opds: list[OPD],
    rng: random.Random,
) -> tuple[list[Program], dict[int, list[Program]]]:
    """Programs dealt over dimensions, then over each dimension's elements."""
    made: list[Program] = []
    leads: dict[int, list[Program]] = defaultdict(list)
    for index in range(count):
        dimension = dimension_codes[index % len(dimension_codes)]
        within = index // len(dimension_codes)
        options = by_dimension[dimension]
        element = options[within % len(options)]
        keyword, _outcome, names = ELEMENTS.get(element.code, ("", ("", "", 0), ["Program"]))
        turn = within // len(options)
        name = names[turn % len(names)] + STAGES[min(turn // len(names), len(STAGES) - 1)]
        # Shifted per dimension, so every dimension gets every horizon, even in a small plan.
        horizon = _horizon(within + index % len(dimension_codes))
        start, end = _span(horizon, masterplan.first_year, rng)
        lead = _pick_opd(opds, keyword, rng) if keyword else rng.choice(opds)
        program = Program(
            masterplan=masterplan,
            name=name,
            description=f"{name} untuk {element.name_id.lower()} di {masterplan.region.name}, "
            f"dikelola {lead.name} bersama OPD terkait.",
            element=element,
            lead_opd=lead,
            horizon=horizon,
            start_year=start,
            end_year=end,
            quick_win_reason=(
                "Aplikasi dan infrastruktur sudah tersedia; hasilnya terlihat dalam satu tahun."
                if horizon == Horizon.QUICK_WIN
                else ""
            ),
        )
        made.append(program)
        leads[lead.pk].append(program)
    return made, leads


def _budgets_and_indicators(programs: list[Program], rng: random.Random) -> None:
    budget: list[BudgetLine] = []
    indicators: list[tuple[ProgramIndicator, list[Decimal]]] = []
    for p in programs:
        years = list(range(p.start_year, p.end_year + 1))
        base = rng.randint(10, 300) * 5_000_000
        partner = rng.choice(["dak", "apbn", "kpbu", "csr", "other"])
        for offset, year in enumerate(years):
            amount = base + rng.randint(0, 20) * 5_000_000 * (offset > 0)
            budget.append(BudgetLine(program=p, year=year, source="apbd", amount=amount))
            if rng.random() < 0.35:
                extra = rng.randint(5, 120) * 5_000_000
                budget.append(BudgetLine(program=p, year=year, source=partner, amount=extra))
        outcome_name, unit, baseline = ELEMENTS.get(p.element.code, ("", ("Capaian", "%", 10), []))[
            1
        ]
        falling = outcome_name in FALLING
        step = Decimal(max(1, baseline // 10)) if unit != "%" else Decimal(rng.randint(3, 7))
        outcome = [
            max(Decimal(0), Decimal(baseline) + (-step if falling else step) * (n + 1))
            for n in range(len(years))
        ]
        if unit == "%":
            outcome = [min(Decimal(100), value) for value in outcome]
        output: list[Decimal] = []
        for _year in years:  # cumulative: locations served only grow
            output.append((output[-1] if output else Decimal(0)) + rng.randint(1, 4))
        for kind, name, unit_of, base_value, targets in (
            ("outcome", outcome_name, unit, Decimal(baseline), outcome),
            ("output", "Lokasi layanan yang beroperasi", "lokasi", Decimal(0), output),
        ):
            indicator = ProgramIndicator(
                program=p,
                kind=kind,
                name=name[:200],
                unit=unit_of,
                baseline_year=p.start_year - 1,
                baseline_value=base_value,
            )
            indicators.append((indicator, targets))
    BudgetLine.objects.bulk_create(budget, batch_size=2000)
    ProgramIndicator.objects.bulk_create([i for i, _t in indicators], batch_size=2000)
    IndicatorTarget.objects.bulk_create(
        (
            IndicatorTarget(indicator=i, year=i.program.start_year + n, value=value)
            for i, targets in indicators
            for n, value in enumerate(targets)
        ),
        batch_size=2000,
    )


def _findings(
    masterplan: Masterplan, opds: list[OPD], leads: dict[int, list[Program]], rng: random.Random
) -> None:
    """A potential and a problem for each OPD that leads programs; its problem is
    addressed by its own programs. One more problem, of an OPD without programs, is
    set aside with a reason so documents show that case too."""
    findings: list[Finding] = []
    addressed: list[tuple[Finding, list[Program]]] = []
    for opd in opds:
        led = leads.get(opd.pk, [])
        if not led:
            continue
        element = led[0].element
        findings.append(
            Finding(
                masterplan=masterplan,
                opd=opd,
                kind="potential",
                title=f"Data layanan {opd.name} sudah tersedia",
                description="Data layanan tercatat rapi dan dapat dibuka untuk publik.",
                element=element,
                evidence="Laporan kinerja tahunan",
            )
        )
        problem = Finding(
            masterplan=masterplan,
            opd=opd,
            kind="problem",
            title=f"Layanan {opd.name} belum terintegrasi",
            description="Layanan masih manual dan datanya tersebar di beberapa aplikasi.",
            element=element,
            evidence="Hasil survei kepuasan masyarakat",
        )
        findings.append(problem)
        addressed.append((problem, led))
    idle = [o for o in opds if o.pk not in leads]
    if idle:
        findings.append(
            Finding(
                masterplan=masterplan,
                opd=idle[0],
                kind="problem",
                title="Jaringan internet kantor kecamatan belum stabil",
                description="Koneksi sering terputus pada jam layanan.",
                set_aside_reason="Ditangani operator seluler melalui program nasional BAKTI.",
            )
        )
    Finding.objects.bulk_create(findings)
    Problems = Program.problems.through
    Problems.objects.bulk_create(
        Problems(program_id=p.pk, finding_id=problem.pk)
        for problem, led in addressed
        for p in led[: rng.randint(1, 3)]
    )
