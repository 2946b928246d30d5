import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core import job_kinds


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class Job(TimeStampedModel):
    """A long-running piece of work a person asked for, with its progress.

    The task itself runs through the django-tasks API (see core.jobs); this row is
    what people see: status, progress, message, error and the file it produced.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="jobs",
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The language of the person who asked: its progress messages are written in it.
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/", blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The lease of a running job: its worker refreshes this while the job runs. When it
    # stops (the worker died), any worker's reaper queues the job again or fails it.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    # Set by start_job (not stored): this is an identical job that was already queued or
    # running, returned instead of a new one.
    reused = False

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"]),
            models.Index(fields=["status", "heartbeat_at"], name="core_job_lease_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def kind_label(self) -> str:
        return str(job_kinds.job_label(self.kind))

    @property
    def description(self) -> str:
        """What this job of its kind is about, from its parameters (no query)."""
        return job_kinds.job_description(self)


class PeriodicRun(models.Model):
    """The last day a daily piece of work (core.periodic) ran: the one row per name that
    lets only one worker run it each day (a conditional update claims the day)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    last_run_on = models.DateField(_("last run on"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} {self.last_run_on}"
