from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from kotacerdas.core.models import Job


class JobOut(Schema):
    id: str
    kind: str
    kind_label: str
    description: str = Field(description="What this job is about, e.g. which document.")
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: int = Field(description="0-100.")
    message: str
    error: str = Field(description="Why it failed, when it failed.")
    result_url: str | None = Field(description="Download of the result, when there is one.")
    attempts: int = Field(
        description="Runs so far: a job whose worker stopped is run again, a few times."
    )
    reused: bool = Field(
        description="True when this request matched an identical job of yours still queued "
        "or running: that job is returned instead of a new one."
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @staticmethod
    def resolve_id(job: Job) -> str:
        return str(job.pk)

    @staticmethod
    def resolve_result_url(job: Job) -> str | None:
        from django.urls import reverse

        return reverse("job-download", args=[job.pk]) if job.result_file else None
