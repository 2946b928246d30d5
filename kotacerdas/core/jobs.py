"""Background jobs: one registry of job kinds, one task that runs them.

A job kind is a function ``handler(job, progress) -> None`` registered with
``@job_kind("name", label, describe)``. ``start_job`` records a Job row, with the
language of the person asking, and enqueues the task with the job's id once the
transaction commits. The handler reports progress through ``progress(percent,
message)``, a lazy translation written in that language, and may set
``job.result_file``. ``describe(params)`` tells one job of a kind from another in lists.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django_tasks import task

from kotacerdas.core.audit import acting_as
from kotacerdas.core.models import Job, JobStatus

logger = logging.getLogger(__name__)

Progress = Callable[[int, str | Promise], None]
Handler = Callable[[Job, Progress], None]
Describe = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class JobKind:
    name: str
    label: str | Promise
    handler: Handler
    describe: Describe | None = None


_KINDS: dict[str, JobKind] = {}


def job_kind(
    name: str, label: str | Promise, describe: Describe | None = None
) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _KINDS[name] = JobKind(name, label, handler, describe)
        return handler

    return register


def job_label(name: str) -> str | Promise:
    kind = _KINDS.get(name)
    return kind.label if kind else name


def job_description(job: Job) -> str:
    kind = _KINDS.get(job.kind)
    return kind.describe(job.params) if kind and kind.describe else ""


def start_job(kind: str, requested_by: Any, params: dict[str, Any] | None = None) -> Job:
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    job = Job.objects.create(
        kind=kind,
        requested_by=requested_by,
        params=params or {},
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: run_job.enqueue(job_id))
    return job


def _update(job_id: str, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(updated_at=timezone.now(), **fields)


@task()
def run_job(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return
    _update(job_id, status=JobStatus.RUNNING, started_at=timezone.now(), progress=0)

    language = job.language or settings.LANGUAGE_CODE

    def progress(percent: int, message: str | Promise = "") -> None:
        with translation.override(language):
            text = str(message)
        _update(job_id, progress=max(0, min(100, percent)), message=text[:255])

    try:
        with acting_as(job.requested_by), translation.override(language):
            _KINDS[job.kind].handler(job, progress)
    except Exception as error:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        _update(
            job_id,
            status=JobStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        return
    _update(
        job_id,
        status=JobStatus.SUCCEEDED,
        progress=100,
        message="",  # the last step's "saving..." would read as still at work
        result_file=job.result_file.name or "",
        finished_at=timezone.now(),
    )
