"""Demo and synthetic data of the national program.

The 2023 demo cohort is history: its deadline has passed, so its applications and
scores are written as records (an import of past data), and the selection and the
agreements then go through the services like any live cohort.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.models import User
from kotacerdas.core.roles import Role
from kotacerdas.program import scoring, services
from kotacerdas.program.models import (
    Agreement,
    Application,
    ApplicationAnswer,
    ApplicationStatus,
    AssessorAssignment,
    Cohort,
    CriterionScore,
    IndicatorValue,
    PhaseKind,
)
from kotacerdas.regions.models import OPD, Province, Region
from kotacerdas.seed import masterplan_batang as batang_data
from kotacerdas.seed import program_files

WIB = ZoneInfo("Asia/Jakarta")
LEVELS = [
    "Belum ada sama sekali",
    "Ada rintisan, belum terstruktur",
    "Sebagian sudah berjalan",
    "Sudah berjalan dan terukur",
    "Optimal, terintegrasi dan dievaluasi berkala",
]
RUBRIC = [
    (
        "visi-misi",
        "suprastruktur",
        "Kesesuaian kebijakan smart city dengan visi dan misi daerah",
        20,
    ),
    ("regulasi-spbe", "suprastruktur", "Regulasi e-government (SPBE) dan penerapannya", 15),
    ("infrastruktur-tik", "infrastruktur", "Infrastruktur dan aplikasi TIK", 20),
    ("perencanaan", "struktur", "Sistem perencanaan pembangunan", 15),
    ("fiskal", "struktur", "Kondisi fiskal daerah", 15),
    ("sdm", "struktur", "Sumber daya manusia pelaksana", 15),
]
PHASES_2023 = [
    (PhaseKind.APPLICATIONS, date(2023, 3, 1), date(2023, 4, 30)),
    (PhaseKind.ASSESSMENT, date(2023, 5, 2), date(2023, 5, 31)),
    (PhaseKind.SELECTION, date(2023, 6, 5), date(2023, 6, 16)),
    (PhaseKind.AGREEMENT, date(2023, 7, 6), date(2023, 7, 6)),
    (PhaseKind.GUIDANCE_1, date(2023, 7, 24), date(2023, 8, 11)),
    (PhaseKind.GUIDANCE_2, date(2023, 8, 21), date(2023, 9, 8)),
    (PhaseKind.GUIDANCE_3, date(2023, 9, 18), date(2023, 10, 6)),
    (PhaseKind.GUIDANCE_4, date(2023, 10, 16), date(2023, 11, 3)),
    (PhaseKind.MASTERPLAN, date(2023, 11, 6), date(2023, 11, 30)),
    (PhaseKind.AWARDS, date(2023, 12, 12), date(2023, 12, 12)),
]
MINISTRY = services.SignatoryInput(
    "Semuel Abrijani Pangerapan", "Direktur Jenderal Aplikasi Informatika", "ministry"
)


def _assessor(username: str, first: str, last: str, province: str, password: str) -> User:
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "role": Role.ASSESSOR,
            "first_name": first,
            "last_name": last,
            "email": f"{username}@demo.kotacerdas.id",
            "home_province": Province.objects.get(pk=province),
        },
    )
    user.set_password(password)
    user.save()
    return user


def _history(
    cohort: Cohort,
    regions: list[Region],
    assessors: list[User],
    rng: random.Random,
    strong: set[str],
) -> None:
    """Submitted applications with answers, indicators and two assessors' scores."""
    criteria = list(cohort.criteria.select_related("pillar"))
    weights = [scoring.CriterionWeight(c.code, c.pillar.code, c.weight) for c in criteria]
    submitted_at = datetime(2023, 4, 20, 10, 0, tzinfo=WIB)
    for region in regions:
        application = Application.objects.create(
            cohort=cohort,
            region=region,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=submitted_at,
        )
        base = 4 if region.code in strong else rng.choice([2, 3, 3, 4])
        ApplicationAnswer.objects.bulk_create(
            ApplicationAnswer(
                application=application,
                criterion=c,
                self_score=min(5, base + rng.choice([0, 1])),
                answer=f"{region.name}: {c.title.lower()} telah dirintis sejak 2020.",
            )
            for c in criteria
        )
        IndicatorValue.objects.create(
            application=application,
            indicator="ipm",
            value=Decimal(str(round(rng.uniform(62, 82), 2))),
            source_year=2022,
        )
        eligible = [a for a in assessors if a.home_province_id != region.province_id][:2]
        by_assessor: dict[str, dict[str, int]] = {}
        for assessor in eligible:
            assignment = AssessorAssignment.objects.create(
                application=application,
                assessor=assessor,
                submitted_at=submitted_at + timedelta(days=20),
            )
            given = {c.code: max(1, min(5, base + rng.choice([-1, 0, 0, 1]))) for c in criteria}
            CriterionScore.objects.bulk_create(
                CriterionScore(
                    assignment=assignment,
                    criterion=c,
                    score=given[c.code],
                    comment=(
                        "Bukti dukung lengkap dan sudah berjalan."
                        if given[c.code] == 5
                        else "Belum ada dokumen pendukung."
                        if given[c.code] == 1
                        else "Perlu penguatan pada tata kelola."
                        if rng.random() < 0.4
                        else ""
                    ),
                )
                for c in criteria
            )
            by_assessor[str(assessor.pk)] = given
        application.score = scoring.score_application(weights, by_assessor).score
        application.save(update_fields=["score"])


@transaction.atomic
def load_program_demo(office: User, seed_regions: list[str]) -> Cohort | None:
    """The 2023 cohort: the five seed regions applied among others and were selected;
    their agreements stand at different steps. Then next year's cohort, open, with an
    assessor who has applications still to score (see load_open_cohort). Returns the
    2023 cohort, or None if it existed already."""
    created = None
    if not Cohort.objects.filter(year=2023).exists():
        created = _load_2023(office, seed_regions)
    load_open_cohort(office, seed_regions)
    return created


# The assessor of the open cohort, for trying the assessor's work in the demo.
NEW_ASSESSOR = "asesor.baru"


def load_open_cohort(office: User, seed_regions: list[str]) -> Cohort | None:
    """Next year's cohort, open for applications for two more months, with the 2023
    rubric and phases. Eight regions outside the seed regions have applied; the assessor
    `asesor.baru` is assigned to five of them and has scored none. The seed regions have
    not applied, so their coordinators can. Returns None if the cohort exists already."""
    year = timezone.localdate().year + 1
    template = Cohort.objects.filter(year=2023).first()
    if Cohort.objects.filter(year=year).exists() or template is None:
        return None
    rng = random.Random(year)
    deadline_day = timezone.localdate() + timedelta(days=60)
    deadline = datetime.combine(deadline_day, time(23, 59), tzinfo=WIB)
    shift = deadline_day - date(2023, 4, 30)
    cohort = services.create_cohort(
        office,
        year=year,
        name=f"Gerakan Menuju Smart City {year}",
        quota=50,
        application_deadline=deadline,
        phases=[
            services.PhaseInput(k, start + shift, end + shift) for k, start, end in PHASES_2023
        ],
        criteria=[
            services.CriterionInput(c.code, c.pillar.code, c.title, c.weight, c.levels, c.guidance)
            for c in template.criteria.select_related("pillar")
        ],
        max_per_province=template.max_per_province,
        min_per_island_group=dict(template.min_per_island_group or {}),
        min_score=template.min_score,
    )
    services.set_cohort_status(office, cohort, "open")
    assessor = _assessor(NEW_ASSESSOR, "Dewi", "Lestari", "32", "kotacerdas-demo")
    criteria = list(cohort.criteria.all())
    others = Region.objects.exclude(pk__in=seed_regions).exclude(province_id="32").order_by("code")
    applicants = rng.sample(list(others), 8)
    for number, region in enumerate(applicants):
        # Past applications are records here too: the regions have no demo accounts.
        application = Application.objects.create(
            cohort=cohort,
            region=region,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=timezone.now() - timedelta(days=8 - number),
        )
        ApplicationAnswer.objects.bulk_create(
            ApplicationAnswer(
                application=application,
                criterion=c,
                self_score=rng.choice([2, 3, 3, 4]),
                answer=f"{region.name}: {c.title.lower()} sedang dikembangkan sejak 2024.",
            )
            for c in criteria
        )
        if number < 5:
            services.assign_assessor(office, application, assessor)
    program_files.attach_evidence(cohort.applications.select_related("region"))
    return cohort


def _load_2023(office: User, seed_regions: list[str]) -> Cohort:
    rng = random.Random(2023)
    cohort = services.create_cohort(
        office,
        as_record=True,
        year=2023,
        name="Gerakan Menuju Smart City 2023",
        quota=50,
        application_deadline=datetime(2023, 4, 30, 23, 59, tzinfo=WIB),
        phases=[services.PhaseInput(kind, start, end) for kind, start, end in PHASES_2023],
        criteria=[
            services.CriterionInput(code, pillar, title, Decimal(weight), LEVELS)
            for code, pillar, title, weight in RUBRIC
        ],
        max_per_province=3,
        min_per_island_group={"papua": 2, "maluku": 2},
        min_score=Decimal("2.50"),
    )
    assessors = [
        _assessor("asesor", "Asesor", "Nasional", "31", "kotacerdas-demo"),
        _assessor("asesor.dua", "Rina", "Kusuma", "73", "kotacerdas-demo"),
        _assessor("asesor.tiga", "Made", "Wibowo", "51", "kotacerdas-demo"),
    ]
    others = [r for r in Region.objects.exclude(pk__in=seed_regions).order_by("code")]
    applicants = list(Region.objects.filter(pk__in=seed_regions)) + rng.sample(others, 115)
    _history(cohort, applicants, assessors, rng, strong=set(seed_regions))
    applications = Application.objects.filter(cohort=cohort).select_related("region")
    program_files.attach_evidence(applications.filter(region_id__in=seed_regions))
    program_files.attach_evidence(applications.exclude(region_id__in=seed_regions), photos=False)
    run = services.run_selection(
        office,
        cohort,
        must_include=list(
            Application.objects.filter(cohort=cohort, region_id__in=seed_regions).values_list(
                "pk", flat=True
            )
        ),
    )
    services.publish_selection(office, run)
    agreements = services.draft_agreements(office, cohort)
    services.sign_in_bulk(
        office,
        agreements,
        signed_on=date(2023, 7, 6),
        mode="virtual",
        number_pattern="{n}/KOMINFO/HK.03.02/07/2023",
        ministry_signatory=MINISTRY,
    )
    steps = {"33.25": "archived", "15.04": "received", "17.03": "sent", "16.05": "sent"}
    for agreement in Agreement.objects.filter(application__cohort=cohort).select_related(
        "application__region"
    ):
        services.attach_scan(office, agreement, program_files.agreement_scan(agreement))
        target = steps.get(agreement.application.region_id)
        if target is None:
            continue
        services.send_originals(
            office,
            agreement,
            courier="Pos Indonesia",
            tracking_number=f"P23{agreement.pk:07d}",
            sent_on=date(2023, 7, 10),
        )
        if target in ("received", "archived"):
            services.receive_originals(office, agreement, received_on=date(2023, 7, 18))
        if target == "archived":
            services.archive(office, agreement)
    batang = Region.objects.get(pk="33.25")
    services.save_body(
        office,
        batang,
        kind="council",
        decree_number="555.6/2019",
        decree_date=date(2019, 9, 2),
        decree_file=program_files.decree_scan(
            batang, "555.6/2019", "Pembentukan Dewan Smart City Kabupaten Batang"
        ),
        members=[
            services.MemberInput(
                "Bupati Batang", "Bupati", "Pemerintah Kabupaten Batang", "Pelindung"
            ),
            services.MemberInput(
                "Wakil Bupati Batang", "Wakil Bupati", "Pemerintah Kabupaten Batang", "Pengarah"
            ),
            services.MemberInput("Sekretaris Daerah", "Sekda", "Sekretariat Daerah", "Ketua"),
            services.MemberInput("Kepala Diskominfo", "Kepala Dinas", "Diskominfo", "Sekretaris"),
        ],
    )
    # Most of Batang's OPDs have signed, as the README says: 13 of its 16, counting the
    # OPDs its masterplan names (created here when missing, as the masterplan demo does).
    present = set(OPD.objects.filter(region=batang).values_list("name", flat=True))
    for name, abbreviation, kind, duties in batang_data.EXTRA_OPDS:
        if name not in present:
            OPD.objects.create(
                region=batang,
                name=name,
                abbreviation=abbreviation,
                kind=kind,
                duties=duties,
                head_name=f"Kepala {abbreviation}",
            )
    opds = list(OPD.objects.filter(region=batang).order_by("name"))
    for opd in opds[: len(opds) - 3]:
        services.record_commitment(
            office,
            opd,
            signed_by=f"Kepala {opd}",
            signed_on=date(2023, 8, 1),
            scan=program_files.commitment_scan(opd, f"Kepala {opd}"),
        )
    return cohort


@transaction.atomic
def seed_applicants(count: int = 200, seed: int = 2023) -> Cohort:
    """A synthetic cohort with `count` assessed applications, for benchmarks and load."""
    rng = random.Random(seed)
    cohort = Cohort.objects.filter(year=2099).first()
    if cohort is None:
        office = User(username="syn-office", role=Role.PROGRAM_OFFICE)
        office.set_unusable_password()
        office.save()
        cohort = services.create_cohort(
            office,
            year=2099,
            name="Kohort sintetis",
            quota=50,
            # A past deadline, within the dates a cohort may carry: a record of history.
            application_deadline=datetime(2024, 4, 30, 23, 59, tzinfo=WIB),
            as_record=True,
            criteria=[
                services.CriterionInput(code, pillar, title, Decimal(weight), LEVELS)
                for code, pillar, title, weight in RUBRIC
            ],
            max_per_province=3,
            min_per_island_group={"papua": 2, "maluku": 2},
        )
    assessors = [
        User.objects.get_or_create(
            username=f"syn-asesor-{code}",
            defaults={"role": Role.ASSESSOR, "home_province_id": code, "password": "!"},
        )[0]
        for code in ("31", "73", "51", "64")
    ]
    taken = set(cohort.applications.values_list("region_id", flat=True))
    candidates = [r for r in Region.objects.order_by("code") if r.pk not in taken]
    missing = max(0, count - len(taken))
    _history(
        cohort, rng.sample(candidates, min(missing, len(candidates))), assessors, rng, strong=set()
    )
    return cohort
