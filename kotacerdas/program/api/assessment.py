"""Assessment over the API: assignments, scores, interviews, an application's score."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse
from kotacerdas.program import access, services
from kotacerdas.program.api.common import ERRORS, active_assessor, application_or_404, cohort_or_404
from kotacerdas.program.models import (
    AssessorAssignment,
)
from kotacerdas.program.schemas import (
    AssignIn,
    AssignmentOut,
    BulkAssignIn,
    InterviewIn,
    InterviewOut,
    ScoresIn,
    ScoreSummaryOut,
)

router = Router(tags=["program: cohorts, applications, selection"], auth=AUTH)


@router.post(
    "/applications/{application_id}/assignments",
    response={201: AssignmentOut, **ERRORS},
    summary="Assign an assessor (program office)",
)
def assign(request: AuthedRequest, application_id: int, payload: AssignIn) -> Status[Any]:
    access.require_program_office(request.auth)
    assignment = services.assign_assessor(
        request.auth,
        application_or_404(request, application_id),
        active_assessor(request, payload.assessor),
        payload.override_reason,
    )
    return Status(201, assignment)


@router.post(
    "/cohorts/{year}/assignments",
    response={201: list[AssignmentOut], **ERRORS},
    summary="Assign assessors to every submitted application, balancing their load",
)
def bulk_assign(request: AuthedRequest, year: int, payload: BulkAssignIn) -> Status[Any]:
    access.require_program_office(request.auth)
    assessors = [active_assessor(request, name) for name in payload.assessors]
    created = services.bulk_assign(
        request.auth, cohort_or_404(year), assessors, payload.per_application
    )
    return Status(201, created)


@router.get(
    "/assignments",
    response={200: list[AssignmentOut], 401: ErrorResponse},
    summary="My assessments (assessors)",
)
def my_assignments(request: AuthedRequest) -> QuerySet:
    return access.assignments_of(request.auth).select_related("assessor", "application")


def _assignment(request: AuthedRequest, assignment_id: int) -> AssessorAssignment:
    return get_object_or_404(
        access.assignments_of(request.auth).select_related("application__cohort"),
        pk=assignment_id,
    )


@router.put(
    "/assignments/{assignment_id}/scores",
    response={200: AssignmentOut, **ERRORS},
    summary="Score criteria 1-5; a 1 or a 5 needs a comment",
)
def save_scores(request: AuthedRequest, assignment_id: int, payload: ScoresIn) -> Any:
    assignment = _assignment(request, assignment_id)
    services.save_scores(
        request.auth,
        assignment,
        [services.ScoreInput(s.criterion, s.score, s.comment) for s in payload.scores],
    )
    return assignment


@router.post("/assignments/{assignment_id}/submit", response={200: AssignmentOut, **ERRORS})
def submit_scores(request: AuthedRequest, assignment_id: int) -> Any:
    return services.submit_scores(request.auth, _assignment(request, assignment_id))


@router.post("/applications/{application_id}/interviews", response={201: InterviewOut, **ERRORS})
def record_interview(
    request: AuthedRequest, application_id: int, payload: InterviewIn
) -> Status[Any]:
    interview = services.record_interview(
        request.auth,
        application_or_404(request, application_id),
        held_at=payload.held_at,
        attendees=payload.attendees,
        notes=payload.notes,
    )
    return Status(201, interview)


@router.get(
    "/applications/{application_id}/score",
    response={200: ScoreSummaryOut, **ERRORS},
    summary="Weighted score, per pillar and per criterion, with disagreements",
)
def application_score(request: AuthedRequest, application_id: int) -> Any:
    application = application_or_404(request, application_id)
    access.require(
        access.is_program_office(request.auth)
        or access.assignments_of(request.auth).filter(application=application).exists()
    )
    return services.application_score(application)
