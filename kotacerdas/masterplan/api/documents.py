"""A masterplan's documents over the API: ask for one (a background job), list them.
The job's progress is at /api/v1/jobs/{id}; the file at its `download` link."""

from typing import Any, Literal

from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse, PageNumberWithTotal
from kotacerdas.core.models import Job
from kotacerdas.core.schemas import JobOut
from kotacerdas.masterplan import services
from kotacerdas.masterplan.api.lookup import ERRORS, visible_plan
from kotacerdas.masterplan.schemas import Strict

router = Router(tags=["masterplans"], auth=AUTH)


class DocumentIn(Strict):
    fmt: Literal["docx", "pdf"] = Field(description="DOCX to edit in Word or LibreOffice; PDF.")
    summary: bool = Field(False, description="The 2-4 page executive summary instead.")
    language: Literal["id", "en"] = Field("id", description="Indonesian (default) or English.")


class DocumentLinks(Schema):
    job: str = Field(description="The job's status and progress.")
    download: str | None = Field(description="The file, once the job has succeeded.")


class DocumentOut(JobOut):
    fmt: str
    summary: bool
    language: str
    links: DocumentLinks

    @staticmethod
    def resolve_fmt(job: Job) -> str:
        return str(job.params.get("fmt", ""))

    @staticmethod
    def resolve_summary(job: Job) -> bool:
        return bool(job.params.get("summary", False))

    @staticmethod
    def resolve_language(job: Job) -> str:
        return str(job.params.get("language", "id"))

    @staticmethod
    def resolve_links(job: Job) -> dict[str, Any]:
        download = None
        if job.result_file:
            download = reverse(
                "masterplan:document-download", args=[job.params["masterplan_id"], job.pk]
            )
        return {"job": reverse("api:get_job", kwargs={"job_id": job.pk}), "download": download}


@router.post(
    "/masterplans/{masterplan_id}/documents",
    response={202: DocumentOut, **ERRORS, 429: ErrorResponse},
    summary="Have the masterplan made into DOCX or PDF (a background job; follow links.job)",
    description="An identical request of yours still under way returns that job "
    "(`reused`); 429 when you have as many jobs under way as allowed.",
)
def request_document(
    request: AuthedRequest, masterplan_id: int, payload: DocumentIn
) -> Status[Job]:
    job = services.request_document(
        request.auth,
        visible_plan(request, masterplan_id),
        fmt=payload.fmt,
        summary=payload.summary,
        language=payload.language,
    )
    return Status(202, job)


@router.get(
    "/masterplans/{masterplan_id}/documents",
    response={200: list[DocumentOut], **ERRORS},
    summary="The masterplan's documents, newest first",
)
@paginate(PageNumberWithTotal)
def list_documents(request: AuthedRequest, masterplan_id: int) -> Any:
    return services.documents_of(visible_plan(request, masterplan_id))
