"""Cohorts over the API: opening, rules, rubric, schedule and closing."""

from django.db.models import QuerySet
from ninja import Router, Status

from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse
from kotacerdas.program import services
from kotacerdas.program.api.common import ERRORS, cohort_or_404
from kotacerdas.program.models import (
    Cohort,
)
from kotacerdas.program.schemas import (
    CohortIn,
    CohortOut,
    RubricIn,
    RulesIn,
    ScheduleIn,
)

router = Router(tags=["program: cohorts, applications, selection"], auth=AUTH)


@router.get("/cohorts", response={200: list[CohortOut], 401: ErrorResponse}, summary="Cohorts")
def list_cohorts(request: AuthedRequest) -> QuerySet:
    return Cohort.objects.prefetch_related("phases", "criteria__pillar")


@router.post(
    "/cohorts", response={201: CohortOut, **ERRORS}, summary="Open a cohort (program office)"
)
def create_cohort(request: AuthedRequest, payload: CohortIn) -> Status[Cohort]:
    data = payload.dict()
    cohort = services.create_cohort(
        request.auth,
        year=data["year"],
        name=data["name"],
        quota=data["quota"],
        application_deadline=data["application_deadline"],
        phases=[services.PhaseInput(**phase) for phase in data["phases"]],
        criteria=[services.CriterionInput(**criterion) for criterion in data["criteria"]],
        max_per_province=data["max_per_province"],
        min_per_island_group=dict(data["min_per_island_group"]),
        min_score=data["min_score"],
    )
    return Status(201, cohort_or_404(cohort.year))


@router.get("/cohorts/{year}", response={200: CohortOut, **ERRORS}, summary="One cohort")
def get_cohort(request: AuthedRequest, year: int) -> Cohort:
    return cohort_or_404(year)


@router.put("/cohorts/{year}/rules", response={200: CohortOut, **ERRORS}, summary="Selection rules")
def update_rules(request: AuthedRequest, year: int, payload: RulesIn) -> Cohort:
    data = payload.dict()
    services.update_rules(
        request.auth,
        cohort_or_404(year),
        quota=data["quota"],
        max_per_province=data["max_per_province"],
        min_per_island_group=dict(data["min_per_island_group"]),
        min_score=data["min_score"],
    )
    return cohort_or_404(year)


@router.post(
    "/cohorts/{year}/open",
    response={200: CohortOut, **ERRORS},
    summary="Open applications (refused once the deadline has passed)",
)
def open_cohort(request: AuthedRequest, year: int) -> Cohort:
    services.set_cohort_status(request.auth, cohort_or_404(year), "open")
    return cohort_or_404(year)


@router.post(
    "/cohorts/{year}/close",
    response={200: CohortOut, **ERRORS},
    summary="Close applications before the deadline (program office)",
)
def close_cohort(request: AuthedRequest, year: int) -> Cohort:
    services.close_applications(request.auth, cohort_or_404(year))
    return cohort_or_404(year)


@router.put(
    "/cohorts/{year}/rubric",
    response={200: CohortOut, **ERRORS},
    summary="Replace the rubric (program office); a reason once applications were submitted",
)
def save_rubric(request: AuthedRequest, year: int, payload: RubricIn) -> Cohort:
    services.save_rubric(
        request.auth,
        cohort_or_404(year),
        [services.CriterionInput(**criterion.dict()) for criterion in payload.criteria],
        reason=payload.reason,
    )
    return cohort_or_404(year)


@router.put(
    "/cohorts/{year}/phases",
    response={200: CohortOut, **ERRORS},
    summary="The phases and the application deadline (program office)",
)
def save_schedule(request: AuthedRequest, year: int, payload: ScheduleIn) -> Cohort:
    services.save_schedule(
        request.auth,
        cohort_or_404(year),
        phases=[services.PhaseInput(**phase.dict()) for phase in payload.phases],
        application_deadline=payload.application_deadline,
    )
    return cohort_or_404(year)
