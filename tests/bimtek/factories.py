"""A small cohort in guidance, built through the services, for the guidance tests.

`guidance_world()` (inside a test with the database) returns a `GuidanceWorld`: a cohort
of this year whose three regions signed their agreements (Kabupaten Batang and Kota
Pekalongan in Central Java, WIB; Kota Makassar, WITA), three OPDs each, a coordinator
per region (and a deputy in Batang), an OPD officer in Batang, three mentors with
profiles (home: Jakarta Pusat), the four stages, the regions enrolled and, unless
`plan=False`, a plan applied through a stored schedule run: mentor i holds region i,
stage I lies in the past (its sessions can be marked held), stages II-IV ahead, each
about four weeks apart; the cohort's masterplan deadline is 60 days after stage IV.

Pass the shared `users` (tests/conftest.py) to reuse them:
`guidance_world(office=users["program_office"], coordinator=users["coordinator"],
mentor=users["mentor"], officer=users["opd_officer"])`; the officer's OPD (Dinkes) is
then one of Batang's OPDs.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kotacerdas.accounts.models import User
from kotacerdas.bimtek import services, workdays
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceStage,
    GuidanceVisit,
    RunStatus,
    ScheduleRun,
)
from kotacerdas.bimtek.services.common import lay_out, visit_length
from kotacerdas.core.roles import Role
from kotacerdas.program import services as program_services
from kotacerdas.program.models import (
    Agreement,
    Application,
    ApplicationStatus,
    Cohort,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.regions.models import OPD, Dimension, OPDKind, Region

REGION_CODES = ("33.25", "33.75", "73.71")  # Batang, Kota Pekalongan, Kota Makassar
HOME = "31.71"  # Kota Jakarta Pusat
OPD_NAMES = ("Dinas Kesehatan", "Dinas Pendidikan", "Bappeda")
PASSWORD = "a-Test-password-2026"
STAGE_SPACING = 28  # days between the starts of two stages in the plan


@dataclass
class GuidanceWorld:
    cohort: Cohort
    office: Any
    regions: list[Region]
    coordinators: dict[str, Any]  # region code: coordinator
    deputy: Any  # a deputy coordinator of regions[0]
    officer: Any  # an OPD officer of regions[0] (of opds[code][0])
    mentors: list[Any]  # mentor i holds regions[i]
    opds: dict[str, list[OPD]]  # region code: its OPDs
    stages: list[GuidanceStage]
    guidance: dict[str, GuidanceRegion]  # region code: its guidance
    deadline: date
    run: ScheduleRun | None = None
    starts: dict[int, date] = field(default_factory=dict)  # stage: the plan's start

    @property
    def region(self) -> Region:
        return self.regions[0]

    @property
    def code(self) -> str:
        return self.regions[0].code

    def visit(self, code: str | None = None, stage: int = 1) -> GuidanceVisit:
        return GuidanceVisit.objects.select_related("guidance__region", "stage").get(
            guidance=self.guidance[code or self.code], stage__number=stage
        )

    def sessions(self, code: str | None = None, stage: int = 1) -> list[GuidanceSession]:
        return list(
            GuidanceSession.objects.filter(
                visit__guidance=self.guidance[code or self.code], visit__stage__number=stage
            ).order_by("starts_at", "pk")
        )


def _user(username: str, role: str, **extra: Any) -> Any:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User(username=username, role=role, email=f"{username}@example.org", **extra)
    user.first_name = username.replace("-", " ").title()
    user.set_password(PASSWORD)
    user.save()
    return user


def _signed_cohort(office: Any, regions: list[Region], year: int, deadline: date) -> Cohort:
    """A cohort whose regions applied, were selected and signed (the selection's rows are
    written directly, as tests/world.py does; the signing goes through the service)."""
    cohort = program_services.create_cohort(
        office,
        year=year,
        name=f"Gerakan Menuju Smart City {year} (Bimtek)",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=10),
        phases=[program_services.PhaseInput("masterplan", deadline - timedelta(days=90), deadline)],
    )
    run = SelectionRun.objects.create(
        cohort=cohort,
        run_by=office,
        rules={"quota": 50},
        status="optimal",
        objective=Decimal(3),
        greedy_objective=Decimal(3),
        solve_seconds=0.1,
        published=True,
    )
    signed_on = timezone.localdate() - timedelta(days=60)
    for rank, region in enumerate(regions, start=1):
        application = Application.objects.create(
            cohort=cohort,
            region=region,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=timezone.now(),
        )
        SelectionDecision.objects.create(
            run=run,
            application=application,
            optimiser_selected=True,
            in_top_n=True,
            selected=True,
            rank=rank,
            score=Decimal(3),
            reason="selected",
        )
        agreement = Agreement.objects.create(application=application)
        program_services.sign(
            office,
            agreement,
            number=f"{rank}/KOMINFO/HK.03.02/{year}",
            signed_on=signed_on,
            mode="virtual",
            signatories=[
                program_services.SignatoryInput("Dirjen Aptika", "Direktur Jenderal", "ministry"),
                program_services.SignatoryInput(f"Kepala {region.name}", "Bupati", "region"),
            ],
        )
    return cohort


def plan_starts(today: date, days: int = 3) -> dict[int, date]:
    """Stage I about three weeks ago (over by now), then every STAGE_SPACING days, each
    on a run of `days` working days."""
    starts = {1: workdays.working_run(today - timedelta(days=21), days)}
    for stage in (2, 3, 4):
        starts[stage] = workdays.working_run(
            starts[stage - 1] + timedelta(days=STAGE_SPACING), days
        )
    return starts


def hand_plan(world: GuidanceWorld) -> list[dict[str, Any]]:
    """A run's plan (as `planning_input.result_fields` stores it): mentor i visits region
    i on the plan's dates, sessions laid out from 08:30."""
    rows = []
    for index, region in enumerate(world.regions):
        mentor = world.mentors[index % len(world.mentors)]
        for number, start in world.starts.items():
            visit = world.visit(region.code, number)
            sessions = list(visit.sessions.order_by("pk"))
            length = visit_length(visit, sessions)
            layout = lay_out(visit, sessions, start, length, keep=set())
            rows.append(
                {
                    "region": region.code,
                    "stage": number,
                    "start": start.isoformat(),
                    "end": (start + timedelta(days=length - 1)).isoformat(),
                    "team": [str(mentor.pk)],
                    "sessions": [
                        {"id": str(pk), "day": day.isoformat(), "start_minute": minute}
                        for pk, (day, minute) in sorted(layout.items())
                    ],
                }
            )
    return rows


def apply_hand_plan(world: GuidanceWorld) -> ScheduleRun:
    """Store `hand_plan` on a finished run and apply it through the service."""
    plan = hand_plan(world)
    finish = max(row["end"] for row in plan)
    figures = {
        "visits": len(plan),
        "trips": len(plan),
        "travel_days": 2 * len(plan),
        "finish": finish,
        "max_mentor_days": 12,
        "min_mentor_days": 12,
    }
    run = ScheduleRun.objects.create(
        cohort=world.cohort,
        requested_by=world.office,
        starts_on=world.starts[1],
        ends_on=world.deadline,
        status=RunStatus.OPTIMAL,
        objective=10.0,
        bound=10.0,
        gap=0.0,
        solve_seconds=0.5,
        figures=figures,
        greedy_figures={**figures, "travel_days": 3 * len(plan)},
        plan=plan,
    )
    # Created "before" the visits were last touched would not matter: nothing is held.
    ScheduleRun.objects.filter(pk=run.pk).update(created_at=datetime.now(UTC))
    services.apply_run(world.office, run)
    run.refresh_from_db()
    return run


def guidance_world(
    *,
    office: Any = None,
    coordinator: Any = None,
    mentor: Any = None,
    officer: Any = None,
    plan: bool = True,
    year: int | None = None,
    prefix: str = "bt",
) -> GuidanceWorld:
    """The world described in the module's docstring."""
    regions = [Region.objects.get(pk=code) for code in REGION_CODES]
    office = office or _user(f"{prefix}-office", Role.PROGRAM_OFFICE)
    today = timezone.localdate()
    starts = plan_starts(today)
    deadline = starts[4] + timedelta(days=60)
    cohort = _signed_cohort(office, regions, year or today.year, deadline)

    opds: dict[str, list[OPD]] = {}
    coordinators: dict[str, Any] = {}
    for region in regions:
        rows = []
        for name in OPD_NAMES:
            full = f"{name} {region.name.removeprefix('Kabupaten ').removeprefix('Kota ')}"
            if officer is not None and region == regions[0] and name == "Dinas Kesehatan":
                rows.append(officer.opd)
                continue
            opd, _created = OPD.objects.get_or_create(
                region=region, name=full, defaults={"kind": OPDKind.DINAS}
            )
            rows.append(opd)
        opds[region.code] = rows
        short = region.code.replace(".", "")
        if coordinator is not None and region == regions[0]:
            coordinators[region.code] = coordinator
        else:
            coordinators[region.code] = _user(
                f"{prefix}-coord-{short}", Role.REGION_COORDINATOR, region=region
            )
    deputy = _user(
        f"{prefix}-deputy-{regions[0].code.replace('.', '')}",
        Role.REGION_COORDINATOR,
        region=regions[0],
        deputy=True,
    )
    officer = officer or _user(
        f"{prefix}-officer", Role.OPD_OFFICER, region=regions[0], opd=opds[regions[0].code][0]
    )

    home = Region.objects.get(pk=HOME)
    dimensions = {d.code: d for d in Dimension.objects.all()}
    expertise = (("governance", "society"), ("economy", "branding"), ("living", "environment"))
    mentors = []
    for index, skills in enumerate(expertise):
        person = mentor if (index == 0 and mentor is not None) else None
        person = person or _user(f"{prefix}-mentor-{index + 1}", Role.MENTOR)
        services.save_mentor_profile(
            office,
            person,
            home_region=home,
            expertise=[dimensions[code] for code in skills],
            max_regions=6,
            max_travel_days_per_month=16,
        )
        mentors.append(person)

    stages = services.ensure_stages(office, cohort)
    enrolled = services.enrol_cohort_regions(office, cohort)
    guidance = {g.region_id: g for g in enrolled}
    for region, skills in zip(regions, expertise, strict=True):
        services.set_priorities(office, guidance[region.code], [dimensions[skills[0]]])

    world = GuidanceWorld(
        cohort=cohort,
        office=office,
        regions=regions,
        coordinators=coordinators,
        deputy=deputy,
        officer=officer,
        mentors=mentors,
        opds=opds,
        stages=stages,
        guidance=guidance,
        deadline=deadline,
        starts=starts,
    )
    if plan:
        world.run = apply_hand_plan(world)
    return world


__all__ = ["GuidanceWorld", "apply_hand_plan", "guidance_world", "hand_plan", "plan_starts"]
