"""Selection over the API: runs, overrides, publication and a region's result."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from kotacerdas.core.api_support import AUTH, AuthedRequest
from kotacerdas.program import access, services
from kotacerdas.program.api.common import ERRORS, cohort_or_404
from kotacerdas.program.models import (
    SelectionRun,
)
from kotacerdas.program.schemas import (
    DecisionOut,
    OverrideIn,
    RegionResultOut,
    SelectionIn,
    SelectionRunOut,
)
from kotacerdas.regions.queries import get_region_or_404

router = Router(tags=["program: cohorts, applications, selection"], auth=AUTH)


def _run(request: AuthedRequest, run_id: int) -> SelectionRun:
    access.require_program_office(request.auth)
    return get_object_or_404(
        access.runs_visible_to(request.auth).select_related("cohort"), pk=run_id
    )


@router.post(
    "/cohorts/{year}/selection-runs",
    response={201: SelectionRunOut, **ERRORS},
    summary="Run the selection optimiser (program office)",
)
def run_selection(request: AuthedRequest, year: int, payload: SelectionIn) -> Status[Any]:
    run = services.run_selection(
        request.auth,
        cohort_or_404(year),
        must_include=payload.must_include,
        must_exclude=payload.must_exclude,
    )
    return Status(201, run)


@router.get("/selection-runs/{run_id}", response={200: SelectionRunOut, **ERRORS})
def get_run(request: AuthedRequest, run_id: int) -> SelectionRun:
    return _run(request, run_id)


@router.post(
    "/selection-decisions/{decision_id}/override",
    response={200: DecisionOut, **ERRORS},
    summary="Override one decision, with a recorded reason",
)
def override(request: AuthedRequest, decision_id: int, payload: OverrideIn) -> Any:
    access.require_program_office(request.auth)
    decision = get_object_or_404(
        access.decisions_visible_to(request.auth).select_related("run", "application__region"),
        pk=decision_id,
    )
    return services.override_decision(
        request.auth, decision, selected=payload.selected, reason=payload.reason
    )


@router.post("/selection-runs/{run_id}/publish", response={200: SelectionRunOut, **ERRORS})
def publish(request: AuthedRequest, run_id: int) -> SelectionRun:
    return services.publish_selection(request.auth, _run(request, run_id))


@router.get(
    "/cohorts/{year}/results/{region_code}",
    response={200: RegionResultOut, **ERRORS},
    summary="A region's own result: decision, score per pillar, assessors' comments",
)
def region_result(request: AuthedRequest, year: int, region_code: str) -> dict[str, Any]:
    region = get_region_or_404(region_code)
    access.require_region_private(request.auth, region)
    application = get_object_or_404(
        access.applications_visible_to(request.auth), cohort__year=year, region=region
    )
    decision = services.published_decision(application)
    published = decision is not None
    summary = services.application_score(application) if published else None
    return {
        "cohort_year": year,
        "region_code": region.code,
        "published": published,
        "selected": decision.selected if decision else None,
        "rank": decision.rank if decision and decision.selected else None,
        "score": summary.score if summary else None,
        "per_pillar": dict(summary.per_pillar) if summary else {},
        "comments": services.assessor_comments(application) if published else [],
    }
