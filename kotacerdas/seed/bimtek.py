"""Demo guidance: the 2023 cohort's plan for its 50 regions, made by the scheduler and
applied, with stages I and II held, attended and signed off in the five seed regions, and
stage III under way in Batang and Batanghari (some sessions held, the rest waiting for
their attendance).

Two mentors can log in (`mentor`, `mentor.jawa`); eighteen more, with no password, give
the plan the people a cohort of 50 regions needs. The seed regions' priority
dimensions make `mentor.jawa` Batang's mentor and `mentor` the other four's.

Idempotent: nothing is done when the cohort's regions are in guidance already. Everything
goes through the services, so the audit trail reads as if people had done it."""

from datetime import date

from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.bimtek import services
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceVisit,
    ScheduleRun,
    SessionStatus,
)
from kotacerdas.bimtek.services.sessions import AttendeeInput
from kotacerdas.core.jobs import run_job
from kotacerdas.core.roles import Role
from kotacerdas.program.models import Cohort
from kotacerdas.regions.models import OPD, Dimension, Region
from kotacerdas.seed.accounts import SEED_REGIONS
from kotacerdas.seed.names import FIRST_NAMES, LAST_NAMES

# The demo mentors: `mentor` from Jakarta, a second one based in Semarang (near Batang).
MENTORS = [
    ("mentor", "31.71", ["governance", "economy", "society"]),
    ("mentor.jawa", "33.74", ["living", "environment", "branding"]),
]
# Mentors with no password, based where the ministry finds experts: (home, expertise).
MORE_MENTORS = [
    ("31.71", ["governance", "society"]),
    ("31.74", ["economy", "branding"]),
    ("31.73", ["living", "environment"]),
    ("32.73", ["governance", "living"]),
    ("32.73", ["society", "environment"]),
    ("34.71", ["branding", "society"]),
    ("35.78", ["economy", "governance"]),
    ("35.78", ["living", "environment"]),
    ("12.71", ["governance", "economy"]),
    ("73.71", ["society", "living"]),
    ("51.71", ["branding", "environment"]),
    ("64.72", ["governance", "environment"]),
    ("31.71", ["economy", "living"]),
    ("31.75", ["society", "branding"]),
    ("33.74", ["governance", "society"]),
    ("16.71", ["economy", "environment"]),
    ("71.71", ["living", "branding"]),
    ("91.71", ["governance", "society"]),
]
PLAN_FROM = date(2023, 7, 24)  # the cohort's stage I phase starts
HELD_STAGES = (1, 2)
BATANG = "33.25"
UNDER_WAY = (BATANG, "15.04")  # stage III half held: Batang and Batanghari


def load_bimtek_demo(office: User) -> bool:
    """Returns False when the demo guidance exists already."""
    cohort = Cohort.objects.filter(year=2023).first()
    if cohort is None or GuidanceRegion.objects.filter(cohort=cohort).exists():
        return False
    with transaction.atomic():
        services.ensure_stages(office, cohort)
        _profiles(office)
        enrolled = services.enrol_cohort_regions(office, cohort)
        _groups_in_batang(cohort)
        # The seed regions' priorities are what the two demo mentors know best, so the
        # plan gives Batang to `mentor.jawa` and the other four to `mentor`.
        dimensions = {d.code: d for d in Dimension.objects.all()}
        for guidance in enrolled:
            if guidance.region_id in SEED_REGIONS:
                codes = MENTORS[1][2] if guidance.region_id == BATANG else MENTORS[0][2]
                services.set_priorities(office, guidance, [dimensions[c] for c in codes])
        run = services.start_schedule_run(
            office, cohort, starts_on=PLAN_FROM, time_limit_s=20, team_size=1
        )
    # The job runs here, not in a worker: the demo opens with its plan.
    run_job.call(str(run.job_id))
    run = ScheduleRun.objects.get(pk=run.pk)
    services.apply_run(office, run)
    _hold(cohort)
    return True


# Days away a month: `mentor` holds four seed regions, two of them chained in Jambi.
AWAY_PER_MONTH = {"mentor": 24}


def _profiles(office: User) -> None:
    mentors = [(User.objects.get(username=u), home, dims) for u, home, dims in MENTORS]
    for index, (home, expertise) in enumerate(MORE_MENTORS):
        first = FIRST_NAMES[(index * 5) % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7 + 3) % len(LAST_NAMES)]
        user, _created = User.objects.get_or_create(
            username=f"tenaga.ahli.{index + 1:02d}",
            defaults={
                "role": Role.MENTOR,
                "first_name": first,
                "last_name": last,
                "email": f"tenaga.ahli.{index + 1:02d}@demo.kotacerdas.id",
            },
        )
        if _created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        mentors.append((user, home, expertise))
    for mentor, home, expertise in mentors:
        services.save_mentor_profile(
            office,
            mentor,
            home_region=Region.objects.get(pk=home),
            expertise=Dimension.objects.filter(code__in=expertise),
            max_regions=5,
            max_travel_days_per_month=AWAY_PER_MONTH.get(mentor.username, 20),
        )


def _groups_in_batang(cohort: Cohort) -> None:
    """Batang's coordinator grouped its OPDs; the other regions have a session per OPD."""
    guidance = GuidanceRegion.objects.get(cohort=cohort, region_id=BATANG)
    coordinator = User.objects.get(username="batang.kominfo")
    opds = {opd.abbreviation: opd for opd in OPD.objects.filter(region_id=BATANG)}
    for name, members in (
        ("Perencanaan dan keuangan", ["Bappeda", "BKD", "Bag. Organisasi"]),
        ("Layanan dasar", ["Dinkes", "Disdikbud"]),
        ("Infrastruktur dan lingkungan", ["DPUPR", "DLH", "Dishub"]),
        ("Ekonomi dan pariwisata", ["Disparpora"]),
    ):
        services.save_group(
            coordinator,
            guidance,
            name=name,
            opds=[opds[a] for a in members if a in opds],
            session_minutes=120,
        )


def _attendees(session: GuidanceSession, opds: list[OPD], seed: int) -> list[AttendeeInput]:
    """Two people from each OPD of the session (a plenary: one from every OPD)."""
    if session.group_id:
        members = list(session.group.opds.all()) if session.group else []
    elif session.kind == "plenary":
        members = opds
    else:
        members = [opd for opd in opds if opd.pk == session.opd_id]
    rows = []
    for index, opd in enumerate(members or opds[:1]):
        for n in range(1 if session.kind == "plenary" else 2):
            k = seed + index * 7 + n
            name = f"{FIRST_NAMES[k % len(FIRST_NAMES)]} {LAST_NAMES[(k * 3) % len(LAST_NAMES)]}"
            rows.append(
                AttendeeInput(name=name, opd=opd, position="Staf" if n else "Kepala bidang")
            )
    return rows


def _hold(cohort: Cohort) -> None:
    visits = (
        GuidanceVisit.objects.filter(guidance__cohort=cohort, guidance__region_id__in=SEED_REGIONS)
        .select_related("guidance__region", "stage")
        .prefetch_related("mentors", "sessions__group__opds")
        .order_by("stage__number", "guidance__region_id")
    )
    for visit in visits:
        region = visit.guidance.region
        opds = list(OPD.objects.filter(region=region).order_by("name"))
        mentor = visit.mentors.first()
        if mentor is None:
            continue
        number = visit.stage.number
        sessions = sorted(visit.sessions.all(), key=lambda s: (s.starts_at is None, s.starts_at))
        if number in HELD_STAGES:
            held = sessions
        elif number == 3 and region.pk in UNDER_WAY:
            held = sessions[: len(sessions) // 2]  # the rest wait for their attendance
        else:
            continue
        for seed, session in enumerate(held):
            if session.status != SessionStatus.PLANNED:
                continue
            services.mark_held(
                mentor,
                session,
                attendees=_attendees(session, opds, seed + number * 11),
                record=(
                    f"{session.title}: paparan tahap {number}, diskusi potensi dan masalah "
                    "sesuai tupoksi, tindak lanjut disepakati."
                ),
            )
        if number in HELD_STAGES:
            services.complete_visit(
                mentor, visit, notes=f"Tahap {number} selesai; keluaran diserahkan."
            )
