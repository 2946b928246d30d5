from uuid import UUID

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from kotacerdas.core import jobs
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse, PageNumberWithTotal
from kotacerdas.core.models import Job
from kotacerdas.core.schemas import JobOut

router = Router(tags=["jobs"], auth=AUTH)
ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}
LIMITED = {**ERRORS, 429: ErrorResponse}


@router.get("/jobs", response={200: list[JobOut], 401: ErrorResponse}, summary="My background jobs")
@paginate(PageNumberWithTotal)
def list_jobs(request: AuthedRequest) -> QuerySet:
    return jobs.jobs_visible_to(request.auth)


@router.get(
    "/jobs/{job_id}", response={200: JobOut, **ERRORS}, summary="A job's status and progress"
)
def get_job(request: AuthedRequest, job_id: UUID) -> Job:
    return get_object_or_404(jobs.jobs_visible_to(request.auth), pk=job_id)


@router.post(
    "/jobs/{job_id}/retry",
    response={202: JobOut, **LIMITED},
    summary="Try a failed job again (the person who asked, or the program office)",
    description="Queues the same job again from its first attempt. An identical job of "
    "the same person still queued or running is returned instead (`reused`); 429 when that "
    "person has as many jobs under way as allowed; 422 when the job has not failed.",
)
def retry_job(request: AuthedRequest, job_id: UUID) -> Status[Job]:
    job = get_object_or_404(jobs.jobs_visible_to(request.auth), pk=job_id)
    return Status(202, jobs.retry_job(request.auth, job))
