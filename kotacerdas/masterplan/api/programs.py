"""Masterplans over the API, with the same services and permissions as the pages."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse, PageNumberWithTotal
from kotacerdas.masterplan import access, services
from kotacerdas.masterplan.api.lookup import visible_plan
from kotacerdas.masterplan.messages import chapter_title, describe
from kotacerdas.masterplan.models import Masterplan, Program
from kotacerdas.masterplan.schemas import (
    CheckOut,
    MasterplanFilters,
    MasterplanIn,
    MasterplanOut,
    ProgramIn,
    ProgramOut,
    ProgramUpdateIn,
)
from kotacerdas.regions.queries import get_region_or_404

router = Router(tags=["masterplans"], auth=AUTH)
ERRORS = {
    401: ErrorResponse,
    403: ErrorResponse,
    404: ErrorResponse,
    409: ErrorResponse,
    422: ErrorResponse,
}


def _input(payload: ProgramIn) -> services.ProgramInput:
    data = payload.dict()
    return services.ProgramInput(
        name=data["name"],
        description=data["description"],
        element=data["element"],
        lead_opd=data["lead_opd"],
        supporting_opds=data["supporting_opds"],
        horizon=data["horizon"],
        start_year=data["start_year"],
        end_year=data["end_year"],
        quick_win_reason=data["quick_win_reason"],
        budget=[(b["year"], b["source"], b["amount"]) for b in data["budget"]],
        indicators=[services.IndicatorInput(**i) for i in data["indicators"]],
        problems=data["problems"],
        goals=data["goals"],
    )


@router.post(
    "/regions/{code}/masterplans",
    response={201: MasterplanOut, **ERRORS},
    summary="Start the region's masterplan (its coordinator)",
)
def start(request: AuthedRequest, code: str, payload: MasterplanIn) -> Status[Masterplan]:
    region = get_region_or_404(code)
    return Status(201, services.start_masterplan(request.auth, region, payload.first_year))


@router.get(
    "/masterplans",
    response={200: list[MasterplanOut], **ERRORS},
    summary="The masterplans the caller may see, by region and newest period first",
)
@paginate(PageNumberWithTotal)
def list_masterplans(request: AuthedRequest, filters: Query[MasterplanFilters]) -> Any:
    masterplans = access.masterplans_visible_to(request.auth)
    if filters.region:
        masterplans = masterplans.filter(region_id=filters.region)
    if filters.province:
        masterplans = masterplans.filter(region__province_id=filters.province)
    if filters.status:
        masterplans = masterplans.filter(status=filters.status)
    return masterplans.order_by("region__name", "-first_year", "pk")


@router.get("/masterplans/{masterplan_id}", response={200: MasterplanOut, **ERRORS})
def get_masterplan(request: AuthedRequest, masterplan_id: int) -> Masterplan:
    return visible_plan(request, masterplan_id)


@router.get("/masterplans/{masterplan_id}/programs", response={200: list[ProgramOut], **ERRORS})
def list_programs(request: AuthedRequest, masterplan_id: int) -> Any:
    return visible_plan(request, masterplan_id).programs.select_related("element")


@router.post(
    "/masterplans/{masterplan_id}/programs",
    response={201: ProgramOut, **ERRORS},
    summary="Add a program with its budget and indicators",
)
def add_program(request: AuthedRequest, masterplan_id: int, payload: ProgramIn) -> Status[Any]:
    program = services.save_program(
        request.auth, visible_plan(request, masterplan_id), _input(payload)
    )
    return Status(201, program)


@router.put(
    "/programs/{program_id}",
    response={200: ProgramOut, **ERRORS},
    summary="Replace a program; send the version you edited (409 if someone saved since)",
)
def update_program(request: AuthedRequest, program_id: int, payload: ProgramUpdateIn) -> Any:
    program = get_object_or_404(
        access.content_visible_to(request.auth, Program).select_related("masterplan__region"),
        pk=program_id,
    )
    return services.save_program(
        request.auth,
        program.masterplan,
        _input(payload),
        program=program,
        expected_version=payload.version,
    )


@router.get(
    "/masterplans/{masterplan_id}/check",
    response={200: CheckOut, **ERRORS},
    summary="The checker's findings, completeness and budget summary",
)
def check(request: AuthedRequest, masterplan_id: int) -> dict[str, Any]:
    report = services.check_masterplan(visible_plan(request, masterplan_id))
    return {
        "completeness": report.completeness,
        "can_submit": report.can_submit,
        "total_budget": report.budget.total,
        "budget_by_year": dict(report.budget.by_year),
        "budget_by_source": dict(report.budget.by_source),
        "findings": [
            {"severity": f.severity, "code": f.code, "anchor": f.anchor, "message": describe(f)}
            for f in report.findings
        ],
        "chapters": [
            {
                "code": c.code,
                "title": chapter_title(c.code),
                "weight": c.weight,
                "points": round(c.points, 2),
                "passed": c.passed,
                "total": c.total,
                "errors": c.errors,
                "warnings": c.warnings,
                "complete": c.complete,
            }
            for c in report.chapters
        ],
    }
