"""Synthetic guidance at national scale for `seed-national`: mentors with profiles, and
a planned guidance for regions of the synthetic cohort (four visits each, a plenary and a
session per OPD in each). Bulk inserts, no audit entries; idempotent (nothing is added
when the cohort's guidance exists)."""

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import transaction

from kotacerdas.accounts.models import User
from kotacerdas.bimtek import workdays
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceStage,
    GuidanceVisit,
    MentorProfile,
    SessionKind,
)
from kotacerdas.core.roles import Role
from kotacerdas.program.models import Cohort
from kotacerdas.regions.models import OPD, Dimension, Region

FIRST_DAY = date(2027, 1, 4)  # lokal-id knows 2027's holidays
STAGE_SPACING = 28
VISIT_DAYS = 4  # a plenary of 120 minutes and 29 sessions of 45 fit in four days of 360
SESSION_MINUTES = 45
DAY_MINUTES = 360
HOMES = ["31.71", "31.74", "32.73", "33.74", "35.78", "73.71", "12.71", "51.71"]


@transaction.atomic
def seed_guidance(
    cohort: Cohort, regions: int = 100, mentors: int = 25, sessions: int = 30, seed: int = 2023
) -> int:
    """Plan `regions` of the cohort's applicants for guidance; returns the sessions
    added (0 when the cohort's guidance exists already)."""
    if GuidanceRegion.objects.filter(cohort=cohort).exists():
        return 0
    rng = random.Random(seed)
    stages = [GuidanceStage.objects.get_or_create(cohort=cohort, number=n)[0] for n in (1, 2, 3, 4)]
    team = _mentors(mentors, rng)
    chosen = list(
        Region.objects.filter(applications__cohort=cohort).order_by("code").distinct()[:regions]
    )
    guidance = GuidanceRegion.objects.bulk_create(
        [GuidanceRegion(cohort=cohort, region=region) for region in chosen]
    )
    through = GuidanceRegion.team.through
    through.objects.bulk_create(
        [
            through(guidanceregion_id=g.pk, user_id=team[i % len(team)].pk)
            for i, g in enumerate(guidance)
        ]
    )
    opds: dict[str, list[OPD]] = {}
    for opd in OPD.objects.filter(region__in=chosen).order_by("region_id", "name"):
        opds.setdefault(opd.region_id, []).append(opd)
    visits = []
    for index, g in enumerate(guidance):
        # Regions are spread over three weeks, so mentors are not all away at once.
        offset = timedelta(days=(index % 15) * 7 // 5)
        start = FIRST_DAY + offset
        for stage in stages:
            first = workdays.working_run(start, VISIT_DAYS)
            visits.append(
                GuidanceVisit(
                    guidance=g,
                    stage=stage,
                    starts_on=first,
                    ends_on=first + timedelta(days=VISIT_DAYS - 1),
                )
            )
            start = first + timedelta(days=STAGE_SPACING)
    visits = GuidanceVisit.objects.bulk_create(visits, batch_size=2000)
    visit_mentors = GuidanceVisit.mentors.through
    mentor_of = {g.pk: team[i % len(team)] for i, g in enumerate(guidance)}
    visit_mentors.objects.bulk_create(
        [visit_mentors(guidancevisit_id=v.pk, user_id=mentor_of[v.guidance_id].pk) for v in visits],
        batch_size=2000,
    )
    rows = []
    region_of = {g.pk: g.region for g in guidance}
    for visit in visits:
        region = region_of[visit.guidance_id]
        zone = ZoneInfo(region.timezone)
        assert visit.starts_on is not None
        own = opds.get(region.pk, [])[: sessions - 1]
        plan: list[tuple[str, str, int, OPD | None]] = [
            (SessionKind.PLENARY, "Pleno", 120, None)
        ] + [(SessionKind.GROUP, o.name, SESSION_MINUTES, o) for o in own]
        day, minute = visit.starts_on, 0
        for kind, title, length, session_opd in plan:
            if minute + length > DAY_MINUTES:
                day, minute = day + timedelta(days=1), 0
            local = datetime.combine(day, time(8, 30), tzinfo=zone) + timedelta(minutes=minute)
            rows.append(
                GuidanceSession(
                    visit=visit,
                    kind=kind,
                    opd=session_opd,
                    title=title,
                    duration_minutes=length,
                    starts_at=local.astimezone(UTC),
                )
            )
            minute += length
    GuidanceSession.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _mentors(count: int, rng: random.Random) -> list[User]:
    unusable = make_password(None)
    users = [
        User(
            username=f"syn-mentor-{n:02d}",
            role=Role.MENTOR,
            first_name="Tenaga",
            last_name=f"Ahli {n:02d}",
            email=f"syn-mentor-{n:02d}@example.invalid",
            password=unusable,
        )
        for n in range(1, count + 1)
    ]
    User.objects.bulk_create(users, ignore_conflicts=True)
    mentors = list(User.objects.filter(username__startswith="syn-mentor-").order_by("username"))
    homes = {code: Region.objects.get(pk=code) for code in HOMES}
    dimensions = list(Dimension.objects.order_by("code"))
    for index, mentor in enumerate(mentors):
        profile, created = MentorProfile.objects.get_or_create(
            user=mentor,
            defaults={"home_region": homes[HOMES[index % len(HOMES)]], "max_regions": 6},
        )
        if created:
            profile.expertise.set(rng.sample(dimensions, 2))
    return mentors
