"""Builders for the work-inbox tests: cohorts with phases, submitted and assessed
applications, published selections, agreements, masterplans and review threads."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kotacerdas.core.roles import Role
from kotacerdas.program import services as program
from kotacerdas.program.models import (
    Agreement,
    Application,
    Cohort,
    CohortPhase,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.regions.models import Region
from tests.program.conftest import CRITERIA, submitted


def today() -> date:
    return timezone.localdate()


def cohort(office: Any, year: int = 2025, *, status: str = "open", deadline_days: int = 10) -> Any:
    made = program.create_cohort(
        office,
        year=year,
        name=f"Gerakan Menuju Smart City {year}",
        quota=50,
        application_deadline=timezone.now() + timedelta(days=deadline_days),
        criteria=CRITERIA,
    )
    program.set_cohort_status(office, made, "open")
    if status != "open":
        Cohort.objects.filter(pk=made.pk).update(status=status)
        made.refresh_from_db()
    return made


def phase(of: Any, kind: str, ends_in: int, lasts: int = 30) -> CohortPhase:
    """A phase of the cohort ending `ends_in` days from today (negative: ended)."""
    ends = today() + timedelta(days=ends_in)
    return CohortPhase.objects.create(
        cohort=of, kind=kind, starts_on=ends - timedelta(days=lasts), ends_on=ends
    )


def apply(coordinator: Any, of: Any, region: Region) -> Application:
    return submitted(coordinator, of, region)


def select(office: Any, of: Any, applications: list[Application]) -> SelectionRun:
    """A published result selecting the applications."""
    run = SelectionRun.objects.create(
        cohort=of,
        run_by=office,
        rules={"quota": 50},
        status="optimal",
        objective=Decimal(3),
        greedy_objective=Decimal(3),
        solve_seconds=0.1,
        published=True,
    )
    for rank, application in enumerate(applications, start=1):
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
    return run


def score(
    office: Any, assessor: Any, application: Application, value: int, *, submit: bool = False
) -> Any:
    """The assessor's scores (all `value`) on the application, assigned first if need be."""
    assignment = application.assignments.filter(assessor=assessor).first()
    if assignment is None:
        assignment = program.assign_assessor(office, application, assessor)
    program.save_scores(
        assessor,
        assignment,
        [program.ScoreInput(c.code, value, "Alasan skor ini") for c in CRITERIA],
    )
    if submit:
        program.submit_scores(assessor, assignment)
    return assignment


def agreement(application: Application, **fields: Any) -> Agreement:
    return Agreement.objects.create(application=application, **fields)


def regions(count: int, *, skip: tuple[str, ...] = ("33.25", "15.04")) -> list[Region]:
    """`count` regions besides Batang and Batanghari, from different provinces first."""
    return list(Region.objects.exclude(pk__in=skip).order_by("pk")[:count])


def coordinator_of(make_user: Any, region: Region) -> Any:
    return make_user(f"koordinator-{region.pk}", Role.REGION_COORDINATOR, region=region)
