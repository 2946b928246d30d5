"""The national program over the API: the same services and permissions as the pages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Router, Status, UploadedFile

from kotacerdas.accounts.models import User
from kotacerdas.core import access
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse
from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import (
    Application,
    AssessorAssignment,
    Cohort,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.program.queries import with_outcome
from kotacerdas.program.schemas import (
    ApplicationContentIn,
    ApplicationOut,
    ApplicationStartIn,
    AssignIn,
    AssignmentOut,
    BulkAssignIn,
    CohortIn,
    CohortOut,
    DecisionOut,
    EvidenceOut,
    InterviewIn,
    InterviewOut,
    OverrideIn,
    ReasonIn,
    RegionResultOut,
    RubricIn,
    RulesIn,
    ScheduleIn,
    ScoresIn,
    ScoreSummaryOut,
    SelectionIn,
    SelectionRunOut,
)
from kotacerdas.regions.queries import get_region_or_404

router = Router(tags=["program: cohorts, applications, selection"], auth=AUTH)
ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}


def _cohort(year: int) -> Cohort:
    return get_object_or_404(
        Cohort.objects.prefetch_related("phases", "criteria__pillar"), year=year
    )


def _application(request: AuthedRequest, application_id: int) -> Application:
    return get_object_or_404(
        access.applications_visible_to(request.auth).select_related("cohort", "region"),
        pk=application_id,
    )


def _assessor(request: AuthedRequest, username: str) -> User:
    """The active assessor named `username`. Only the program office may look: anyone
    else is refused before any lookup, so the answer never tells which accounts exist."""
    access.require_program_office(request.auth)
    user = User.objects.filter(username=username, role=Role.ASSESSOR, is_active=True).first()
    if user is None:
        raise ValidationError(
            {"assessor": _("No active assessor is named %(name)s.") % {"name": username}}
        )
    return user


# Cohorts ---------------------------------------------------------------------------------


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
    return Status(201, _cohort(cohort.year))


@router.get("/cohorts/{year}", response={200: CohortOut, **ERRORS}, summary="One cohort")
def get_cohort(request: AuthedRequest, year: int) -> Cohort:
    return _cohort(year)


@router.put("/cohorts/{year}/rules", response={200: CohortOut, **ERRORS}, summary="Selection rules")
def update_rules(request: AuthedRequest, year: int, payload: RulesIn) -> Cohort:
    data = payload.dict()
    services.update_rules(
        request.auth,
        _cohort(year),
        quota=data["quota"],
        max_per_province=data["max_per_province"],
        min_per_island_group=dict(data["min_per_island_group"]),
        min_score=data["min_score"],
    )
    return _cohort(year)


@router.post(
    "/cohorts/{year}/open",
    response={200: CohortOut, **ERRORS},
    summary="Open applications (refused once the deadline has passed)",
)
def open_cohort(request: AuthedRequest, year: int) -> Cohort:
    services.set_cohort_status(request.auth, _cohort(year), "open")
    return _cohort(year)


@router.post(
    "/cohorts/{year}/close",
    response={200: CohortOut, **ERRORS},
    summary="Close applications before the deadline (program office)",
)
def close_cohort(request: AuthedRequest, year: int) -> Cohort:
    services.close_applications(request.auth, _cohort(year))
    return _cohort(year)


@router.put(
    "/cohorts/{year}/rubric",
    response={200: CohortOut, **ERRORS},
    summary="Replace the rubric (program office); a reason once applications were submitted",
)
def save_rubric(request: AuthedRequest, year: int, payload: RubricIn) -> Cohort:
    services.save_rubric(
        request.auth,
        _cohort(year),
        [services.CriterionInput(**criterion.dict()) for criterion in payload.criteria],
        reason=payload.reason,
    )
    return _cohort(year)


@router.put(
    "/cohorts/{year}/phases",
    response={200: CohortOut, **ERRORS},
    summary="The phases and the application deadline (program office)",
)
def save_schedule(request: AuthedRequest, year: int, payload: ScheduleIn) -> Cohort:
    services.save_schedule(
        request.auth,
        _cohort(year),
        phases=[services.PhaseInput(**phase.dict()) for phase in payload.phases],
        application_deadline=payload.application_deadline,
    )
    return _cohort(year)


# Applications ----------------------------------------------------------------------------


def _application_out(application: Application) -> Application:
    return (
        with_outcome(Application.objects.all())
        .select_related("cohort", "region")
        .prefetch_related("answers__criterion", "answers__evidence", "indicators")
        .get(pk=application.pk)
    )


@router.post(
    "/cohorts/{year}/applications",
    response={201: ApplicationOut, **ERRORS},
    summary="Apply to a cohort (the region's coordinator)",
)
def start_application(
    request: AuthedRequest, year: int, payload: ApplicationStartIn
) -> Status[Application]:
    region = get_region_or_404(payload.region_code)
    application = services.start_application(request.auth, _cohort(year), region)
    return Status(201, _application_out(application))


@router.get(
    "/applications",
    response={200: list[ApplicationOut], 401: ErrorResponse},
    summary="Applications I may see",
)
def list_applications(request: AuthedRequest, cohort: int | None = None) -> QuerySet:
    applications = (
        with_outcome(access.applications_visible_to(request.auth))
        .select_related("cohort", "region")
        .prefetch_related("answers__criterion", "answers__evidence", "indicators")
    )
    return applications.filter(cohort__year=cohort) if cohort else applications


@router.get("/applications/{application_id}", response={200: ApplicationOut, **ERRORS})
def get_application(request: AuthedRequest, application_id: int) -> Application:
    return _application_out(_application(request, application_id))


@router.put(
    "/applications/{application_id}/content",
    response={200: ApplicationOut, **ERRORS},
    summary="Save the self-assessment and indicators (a draft)",
)
def save_content(
    request: AuthedRequest, application_id: int, payload: ApplicationContentIn
) -> Application:
    application = _application(request, application_id)
    services.save_content(
        request.auth,
        application,
        [services.AnswerInput(a.criterion, a.self_score, a.answer) for a in payload.answers],
        [(i.indicator, i.value, i.source_year) for i in payload.indicators],
    )
    return _application_out(application)


@router.post(
    "/applications/{application_id}/evidence/{criterion}",
    response={201: EvidenceOut, **ERRORS},
    summary="Upload evidence for a criterion: PDF or image, 10 MB at most",
)
def upload_evidence(
    request: AuthedRequest, application_id: int, criterion: str, file: File[UploadedFile]
) -> Status[Any]:
    application = _application(request, application_id)
    return Status(201, services.add_evidence(request.auth, application, criterion, file))


@router.post("/applications/{application_id}/submit", response={200: ApplicationOut, **ERRORS})
def submit_application(request: AuthedRequest, application_id: int) -> Application:
    application = services.submit_application(request.auth, _application(request, application_id))
    return _application_out(application)


@router.post("/applications/{application_id}/reopen", response={200: ApplicationOut, **ERRORS})
def reopen_application(
    request: AuthedRequest, application_id: int, payload: ReasonIn
) -> Application:
    application = services.reopen_application(
        request.auth, _application(request, application_id), payload.reason
    )
    return _application_out(application)


# Assessment ------------------------------------------------------------------------------


@router.post(
    "/applications/{application_id}/assignments",
    response={201: AssignmentOut, **ERRORS},
    summary="Assign an assessor (program office)",
)
def assign(request: AuthedRequest, application_id: int, payload: AssignIn) -> Status[Any]:
    access.require_program_office(request.auth)
    assignment = services.assign_assessor(
        request.auth,
        _application(request, application_id),
        _assessor(request, payload.assessor),
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
    assessors = [_assessor(request, name) for name in payload.assessors]
    created = services.bulk_assign(request.auth, _cohort(year), assessors, payload.per_application)
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
        _application(request, application_id),
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
    application = _application(request, application_id)
    access.require(
        access.is_program_office(request.auth)
        or access.assignments_of(request.auth).filter(application=application).exists()
    )
    return services.application_score(application)


# Selection -------------------------------------------------------------------------------


def _run(request: AuthedRequest, run_id: int) -> SelectionRun:
    access.require_program_office(request.auth)
    return get_object_or_404(SelectionRun.objects.select_related("cohort"), pk=run_id)


@router.post(
    "/cohorts/{year}/selection-runs",
    response={201: SelectionRunOut, **ERRORS},
    summary="Run the selection optimiser (program office)",
)
def run_selection(request: AuthedRequest, year: int, payload: SelectionIn) -> Status[Any]:
    run = services.run_selection(
        request.auth,
        _cohort(year),
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
        SelectionDecision.objects.select_related("run", "application__region"), pk=decision_id
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
