"""Background jobs: one registry of job kinds, one task that runs them.

A job kind is a function ``handler(job, progress) -> None`` registered with
``@job_kind("name", label, describe)``. ``start_job`` records a Job row, with the
language of the person asking, and enqueues the task with the job's id once the
transaction commits. The handler reports progress through ``progress(percent,
message)``, a lazy translation written in that language, and may set
``job.result_file``. ``describe(params)`` tells one job of a kind from another in lists.

Limits: asking again for a job identical to one still queued or running (same kind,
person and parameters) returns that job (``job.reused``); a person may have at most
``JOBS_PER_USER`` jobs queued or running (``JobLimitReached`` otherwise).

Faults: a running job holds a lease, ``heartbeat_at``, that its worker renews (each
progress report, and the worker's ``Housekeeper`` thread while the job runs). A job whose
lease expired lost its worker (killed, out of memory, a restart): ``reap_orphaned_jobs``,
run by every worker at start and in its housekeeping, queues it again, up to
``JOB_ATTEMPTS`` runs, then fails it with a message people understand. Documents and
exports can run again safely. A failed job can be tried again (``retry_job``).
"""

import json
import logging
import threading
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from kotacerdas.core import access
from kotacerdas.core.audit import acting_as, service
from kotacerdas.core.job_kinds import (  # noqa: F401 (the tasks modules register here)
    _KINDS,
    Progress,
    job_description,
    job_kind,
    job_label,
)
from kotacerdas.core.models import Job, JobStatus

logger = logging.getLogger(__name__)

ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    """A person sees the jobs they asked for; the program office sees all."""
    if access.is_program_office(user):
        return Job.objects.all()
    if not access.authenticated(user):
        return Job.objects.none()
    return Job.objects.filter(requested_by=user)


class JobFailed(Exception):
    """Raised by a handler on purpose, with a message for the person who asked (in the
    active language): shown as it is when the job fails."""


def failure_message(error: Exception) -> str:
    """What a failed job shows: the message of a JobFailed or ValidationError a handler
    raised on purpose; for anything else (a fault, logged with its traceback) a plain
    sentence, never a Python exception."""
    if isinstance(error, JobFailed):
        return str(error)
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return _(
        "Something went wrong while making this; the platform's operators have been told. "
        "Try again."
    )


class JobLimitReached(ValidationError):
    """The person has as many jobs queued or running as one may have at once.

    A ValidationError, so forms show it above the form; the API answers 429."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            ngettext(
                "You already have %(limit)d job queued or running. Wait until it has "
                "finished (see Background jobs), then start this one again.",
                "You already have %(limit)d jobs queued or running. Wait until one has "
                "finished (see Background jobs), then start this one again.",
                limit,
            )
            % {"limit": limit},
            code="too_many_jobs",
        )
        self.limit = limit


def _active_jobs(requested_by: Any) -> QuerySet[Job]:
    jobs = Job.objects.filter(status__in=ACTIVE)
    if requested_by is None:
        return jobs.filter(requested_by__isnull=True)
    return jobs.filter(requested_by=requested_by)


def _identical(requested_by: Any, kind: str, params: dict[str, Any]) -> Job | None:
    """A job of the same kind, person and parameters still queued or running. Compared
    here, not in SQL, so the order of keys in the parameters does not matter; a person
    has only a handful of active jobs."""
    wanted = json.loads(json.dumps(params))  # as stored: tuples are lists, keys strings
    for job in _active_jobs(requested_by).filter(kind=kind).order_by("created_at"):
        if job.params == wanted:
            job.reused = True
            return job
    return None


def _check_limit(requested_by: Any) -> None:
    """Jobs the platform starts itself (no person) are not limited."""
    if requested_by is None:
        return
    limit = settings.JOBS_PER_USER
    if _active_jobs(requested_by).count() >= limit:
        raise JobLimitReached(limit)


def _lock_person(requested_by: Any) -> None:
    """Two requests of one person at the same moment are counted one after the other
    (PostgreSQL locks the person's row; SQLite writes one at a time anyway)."""
    pk = getattr(requested_by, "pk", None)
    if pk is not None:
        get_user_model().objects.select_for_update().filter(pk=pk).first()


def start_job(kind: str, requested_by: Any, params: dict[str, Any] | None = None) -> Job:
    """Queue a job, or return the identical one already queued or running (``reused``).
    Raises JobLimitReached when the person has too many jobs under way."""
    if kind not in _KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    params = params or {}
    with transaction.atomic():
        _lock_person(requested_by)
        existing = _identical(requested_by, kind, params)
        if existing is not None:
            return existing
        _check_limit(requested_by)
        job = Job.objects.create(
            kind=kind,
            requested_by=requested_by,
            params=params,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        _enqueue_on_commit(job.pk)
    return job


def _enqueue_on_commit(pk: Any) -> None:
    job_id = str(pk)
    transaction.on_commit(lambda: run_job.enqueue(job_id))


def may_retry(user: Any, job: Job) -> bool:
    """The person who asked, or the program office, may try a failed job again."""
    if job.status != JobStatus.FAILED or not getattr(user, "is_authenticated", False):
        return False
    return job.requested_by_id == user.pk or access.is_program_office(user)


@service
def retry_job(actor: Any, job: Job) -> Job:
    """Queue a failed job again, as it was asked for (the same row, from its first
    attempt). An identical job already under way is returned instead (``reused``)."""
    if job.status != JobStatus.FAILED:
        raise ValidationError(
            _("Only a failed job can be tried again; this one is %(status)s.")
            % {"status": job.get_status_display()},
            code="not_failed",
        )
    if not may_retry(actor, job):
        raise PermissionDenied
    _lock_person(job.requested_by)
    existing = _identical(job.requested_by, job.kind, job.params)
    if existing is not None:
        return existing
    _check_limit(job.requested_by)
    requeued = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
        status=JobStatus.QUEUED,
        attempts=0,
        progress=0,
        message="",
        error="",
        result_file="",
        started_at=None,
        finished_at=None,
        heartbeat_at=None,
        updated_at=timezone.now(),
    )
    if requeued:
        _enqueue_on_commit(job.pk)
    job.refresh_from_db()
    return job


# Running a job ---------------------------------------------------------------------

# The jobs this process is running now: job id -> attempt. The Housekeeper renews their
# leases; a run whose attempt is no longer the job's (it was reaped) writes nothing.
_running: dict[str, int] = {}
_running_lock = threading.Lock()


def _update_run(job_id: str, attempt: int, **fields: Any) -> int:
    now = timezone.now()
    return Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, attempts=attempt).update(
        updated_at=now, heartbeat_at=now, **fields
    )


@task()
def run_job(job_id: str) -> None:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status != JobStatus.QUEUED:
        return  # finished, or running in another worker (a task enqueued twice)
    attempt = job.attempts + 1
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED, attempts=job.attempts).update(
        status=JobStatus.RUNNING,
        attempts=attempt,
        started_at=now,
        heartbeat_at=now,
        updated_at=now,
        progress=0,
    )
    if not claimed:
        return
    job.status, job.attempts = JobStatus.RUNNING, attempt

    language = job.language or settings.LANGUAGE_CODE

    def progress(percent: int, message: str | Promise = "") -> None:
        with translation.override(language):
            text = str(message)
        _update_run(job_id, attempt, progress=max(0, min(100, percent)), message=text[:255])

    with _running_lock:
        _running[job_id] = attempt
    try:
        with acting_as(job.requested_by), translation.override(language):
            _KINDS[job.kind].handler(job, progress)
    except Exception as error:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        with translation.override(language):
            shown = failure_message(error)
        _update_run(
            job_id,
            attempt,
            status=JobStatus.FAILED,
            error=shown,
            finished_at=timezone.now(),
        )
        return
    finally:
        with _running_lock:
            _running.pop(job_id, None)
    finished = _update_run(
        job_id,
        attempt,
        status=JobStatus.SUCCEEDED,
        progress=100,
        message="",  # the last step's "saving..." would read as still at work
        result_file=job.result_file.name or "",
        finished_at=timezone.now(),
    )
    if not finished:
        logger.warning("job %s finished after its lease was taken over; result dropped", job_id)


# Leases: renewing them, and reaping the jobs whose worker died ----------------------


def renew_leases() -> int:
    """Renew the lease of every job this process is running."""
    with _running_lock:
        running = list(_running.items())
    now = timezone.now()
    renewed = 0
    for job_id, attempt in running:
        renewed += Job.objects.filter(pk=job_id, status=JobStatus.RUNNING, attempts=attempt).update(
            heartbeat_at=now
        )
    return renewed


def _orphan_error(job: Job) -> str:
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return ngettext(
            "The worker stopped while making this (it was tried %(n)d time). "
            "Nothing is wrong with what you asked for: try again.",
            "The worker stopped while making this (it was tried %(n)d times). "
            "Nothing is wrong with what you asked for: try again.",
            job.attempts,
        ) % {"n": job.attempts}


def _retry_message(job: Job, attempts: int) -> str:
    with translation.override(job.language or settings.LANGUAGE_CODE):
        return _(
            "The worker stopped while making this; it will be made again "
            "(attempt %(next)d of %(most)d)."
        ) % {"next": job.attempts + 1, "most": attempts}


def reap_orphaned_jobs() -> dict[str, int]:
    """Running jobs whose lease expired: queued again while attempts remain, else failed.
    Safe to run in many workers at once: each job is taken by one of them."""
    lease = timedelta(seconds=settings.JOB_LEASE_SECONDS)
    attempts = settings.JOB_ATTEMPTS
    now = timezone.now()
    stale = Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=now - lease)
    # Rows from before leases existed, running since long before the lease.
    stale |= Job.objects.filter(
        status=JobStatus.RUNNING, heartbeat_at__isnull=True, updated_at__lt=now - lease
    )
    counts = {"requeued": 0, "failed": 0}
    for job in stale.only("pk", "attempts", "heartbeat_at", "language", "kind"):
        same = Job.objects.filter(
            pk=job.pk,
            status=JobStatus.RUNNING,
            attempts=job.attempts,
            heartbeat_at=job.heartbeat_at,
        )
        with transaction.atomic():
            if job.attempts < attempts:
                taken = same.update(
                    status=JobStatus.QUEUED,
                    progress=0,
                    message=_retry_message(job, attempts)[:255],
                    heartbeat_at=None,
                    updated_at=now,
                )
                if taken:
                    _enqueue_on_commit(job.pk)
                    counts["requeued"] += 1
            else:
                taken = same.update(
                    status=JobStatus.FAILED,
                    message="",
                    error=_orphan_error(job),
                    finished_at=now,
                    updated_at=now,
                )
                counts["failed"] += taken
            if taken:
                _fail_orphaned_task(str(job.pk))
                logger.warning(
                    "job %s (%s): its worker stopped during attempt %d; %s",
                    job.pk,
                    job.kind,
                    job.attempts,
                    "queued again" if job.attempts < attempts else "failed",
                )
    return counts


def _fail_orphaned_task(job_id: str) -> None:
    """The queue's own record of the dead run says "running" for ever: mark it failed,
    so the queue's admin and pruning see it as over."""
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        status="RUNNING", task_path=run_job.module_path, args_kwargs__args__0=job_id
    ).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="kotacerdas.core.jobs.WorkerStopped",
        traceback="The worker stopped while running this task; the job was reaped.",
    )


class Housekeeper(threading.Thread):
    """A worker's background thread: renews the leases of the jobs its process runs and
    reaps the jobs of dead workers, every quarter lease. It only waits and writes a few
    rows, holding no lock across a fork, so a job may still fork beside it
    (``fork_safe``, see core.forked)."""

    fork_safe = True

    def __init__(self, interval: float | None = None) -> None:
        super().__init__(name="kotacerdas-housekeeper", daemon=True)
        self.interval = interval or max(0.2, settings.JOB_LEASE_SECONDS / 4)
        self.stopped = threading.Event()

    def run(self) -> None:
        # Imported here: only a worker's housekeeping runs the periodic work.
        from kotacerdas.core import periodic

        try:
            while not self.stopped.wait(self.interval):
                try:
                    renew_leases()
                    reap_orphaned_jobs()
                except Exception:  # a locked database, a lost connection: next time
                    logger.exception("job housekeeping failed; trying again")
                    close_old_connections()
                # The apps' periodic work (email retries; the daily work is enqueued as
                # a task, so a long digest never delays the leases renewed above).
                try:
                    periodic.tick()
                except Exception:
                    logger.exception("periodic work failed; trying again")
                    close_old_connections()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
