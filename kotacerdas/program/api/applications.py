"""Applications over the API: the self-assessment, evidence, submission, reopening."""

from typing import Any

from django.db.models import QuerySet
from ninja import File, Router, Status, UploadedFile

from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse
from kotacerdas.program import access, services
from kotacerdas.program.api.common import ERRORS, application_or_404, cohort_or_404
from kotacerdas.program.models import (
    Application,
)
from kotacerdas.program.queries import with_outcome
from kotacerdas.program.schemas import (
    ApplicationContentIn,
    ApplicationOut,
    ApplicationStartIn,
    EvidenceOut,
    ReasonIn,
)
from kotacerdas.regions.queries import get_region_or_404

router = Router(tags=["program: cohorts, applications, selection"], auth=AUTH)


def _application_out(application: Application) -> Application:
    return (
        with_outcome(application.cohort.applications.filter(pk=application.pk))
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
    application = services.start_application(request.auth, cohort_or_404(year), region)
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
    return _application_out(application_or_404(request, application_id))


@router.put(
    "/applications/{application_id}/content",
    response={200: ApplicationOut, **ERRORS},
    summary="Save the self-assessment and indicators (a draft)",
)
def save_content(
    request: AuthedRequest, application_id: int, payload: ApplicationContentIn
) -> Application:
    application = application_or_404(request, application_id)
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
    application = application_or_404(request, application_id)
    return Status(201, services.add_evidence(request.auth, application, criterion, file))


@router.post("/applications/{application_id}/submit", response={200: ApplicationOut, **ERRORS})
def submit_application(request: AuthedRequest, application_id: int) -> Application:
    application = services.submit_application(
        request.auth, application_or_404(request, application_id)
    )
    return _application_out(application)


@router.post("/applications/{application_id}/reopen", response={200: ApplicationOut, **ERRORS})
def reopen_application(
    request: AuthedRequest, application_id: int, payload: ReasonIn
) -> Application:
    application = services.reopen_application(
        request.auth, application_or_404(request, application_id), payload.reason
    )
    return _application_out(application)
