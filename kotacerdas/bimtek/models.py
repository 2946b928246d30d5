"""Guidance (Bimtek): four stages per cohort, mentors and their limits, each region's
visits and sessions, attendance, and the schedule runs whose answers are stored."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.core.models import TimeStampedModel
from kotacerdas.core.validators import validate_single_line, validate_text

# What a guidance record may hold, at most (docs/limits.md).
TITLE_LENGTH = 200
REASON_LENGTH = 300
TEXT_LENGTH = 20_000
NAME_LENGTH = 150


class StageNumber(models.IntegerChoices):
    I = 1, _("Stage I")  # noqa: E741 (the stage's own name)
    II = 2, _("Stage II")
    III = 3, _("Stage III")
    IV = 4, _("Stage IV")


class GuidanceStage(TimeStampedModel):
    """One of a cohort's four stages: what it produces and how it is spaced."""

    cohort = models.ForeignKey(
        "program.Cohort", on_delete=models.CASCADE, related_name="guidance_stages"
    )
    number = models.PositiveSmallIntegerField(_("stage"), choices=StageNumber.choices)
    expected_outputs = models.TextField(
        _("expected outputs"), blank=True, max_length=TEXT_LENGTH, validators=[validate_text]
    )
    days_in_region = models.PositiveSmallIntegerField(
        _("days in a region"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Consecutive working days a visit takes, at least."),
    )
    min_gap_days = models.PositiveSmallIntegerField(
        _("at least (days after the previous stage)"),
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    max_gap_days = models.PositiveSmallIntegerField(
        _("at most (days after the previous stage)"),
        default=42,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("guidance stage")
        verbose_name_plural = _("guidance stages")
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="stage_once_per_cohort"),
            models.CheckConstraint(
                condition=models.Q(max_gap_days__gte=models.F("min_gap_days")),
                name="stage_gap_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_number_display()} · {self.cohort}"


class MentorProfile(TimeStampedModel):
    """What the scheduler knows of a mentor: expertise, home base and limits."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    home_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("home base"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the mentor's trips start and end."),
    )
    expertise = models.ManyToManyField(
        "regions.Dimension", verbose_name=_("expertise"), blank=True, related_name="+"
    )
    max_regions = models.PositiveSmallIntegerField(
        _("at most regions"), default=6, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    max_travel_days_per_month = models.PositiveSmallIntegerField(
        _("at most days away a month"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Travel days and days in regions, together."),
    )

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")

    def __str__(self) -> str:
        return str(self.user)


def ends_after_start(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name=name)


class DayPeriod(TimeStampedModel):
    """From one day until another, both included, with an optional reason."""

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(
        _("reason"), max_length=REASON_LENGTH, blank=True, validators=[validate_single_line]
    )

    class Meta:
        abstract = True

    @property
    def period(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"


class MentorUnavailability(DayPeriod):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unavailability"
    )

    class Meta:
        verbose_name = _("mentor unavailability")
        verbose_name_plural = _("mentor unavailability")
        ordering = ["mentor", "starts_on"]
        constraints = [ends_after_start("unavailability_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.mentor} {self.period}"


class RegionBlackout(DayPeriod):
    """Days a region cannot receive guidance (a local holiday, an election)."""

    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, related_name="guidance_blackouts"
    )

    class Meta:
        verbose_name = _("region blackout")
        verbose_name_plural = _("region blackouts")
        ordering = ["region", "starts_on"]
        constraints = [ends_after_start("blackout_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.region} {self.period}"


class GuidanceRegion(TimeStampedModel):
    """A selected region in a cohort's guidance: its priorities and its mentor team."""

    cohort = models.ForeignKey(
        "program.Cohort", on_delete=models.CASCADE, related_name="guidance_regions"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.CASCADE, related_name="guidance")
    priority_dimensions = models.ManyToManyField(
        "regions.Dimension", verbose_name=_("priority dimensions"), blank=True, related_name="+"
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentor team"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("region in guidance")
        verbose_name_plural = _("regions in guidance")
        ordering = ["cohort", "region"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "region"], name="guidance_region_once")
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.cohort}"


class OPDGroup(TimeStampedModel):
    """OPDs the coordinator puts in one session (or one OPD alone)."""

    guidance = models.ForeignKey(GuidanceRegion, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=NAME_LENGTH, validators=[validate_single_line])
    opds = models.ManyToManyField("regions.OPD", verbose_name=_("OPDs"), related_name="+")
    session_minutes = models.PositiveSmallIntegerField(
        _("session length (minutes)"),
        default=120,
        validators=[MinValueValidator(30), MaxValueValidator(360)],
    )

    class Meta:
        verbose_name = _("OPD group")
        verbose_name_plural = _("OPD groups")
        ordering = ["guidance", "name"]
        constraints = [
            models.UniqueConstraint(fields=["guidance", "name"], name="opd_group_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETE = "complete", pgettext_lazy("guidance stage", "Complete")


class GuidanceVisit(TimeStampedModel):
    """A stage in a region: consecutive working days, a mentor team, its sessions."""

    guidance = models.ForeignKey(GuidanceRegion, on_delete=models.CASCADE, related_name="visits")
    stage = models.ForeignKey(GuidanceStage, on_delete=models.CASCADE, related_name="visits")
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("mentors"), blank=True, related_name="visits"
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("A re-plan keeps its dates and team.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completion_notes = models.TextField(
        _("completion notes"), blank=True, max_length=TEXT_LENGTH, validators=[validate_text]
    )
    # Raised on each change of dates, so calendar apps replace the event (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("guidance visit")
        verbose_name_plural = _("guidance visits")
        ordering = ["guidance", "stage__number"]
        constraints = [
            models.UniqueConstraint(fields=["guidance", "stage"], name="visit_once_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.guidance.region} · {self.stage.get_number_display()}"


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    GROUP = "group", _("OPD group")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class GuidanceSession(TimeStampedModel):
    visit = models.ForeignKey(GuidanceVisit, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=16, choices=SessionKind.choices)
    group = models.ForeignKey(
        OPDGroup,
        verbose_name=_("OPD group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    # The OPD of a session of its own (an OPD in no group); a group's session names none.
    opd = models.ForeignKey(
        "regions.OPD",
        verbose_name=_("OPD"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=TITLE_LENGTH, validators=[validate_single_line])
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"),
        default=120,
        validators=[MinValueValidator(30), MaxValueValidator(480)],
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)  # UTC
    pinned = models.BooleanField(_("pinned"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    confirmed_at = models.DateTimeField(_("confirmed by the region at"), null=True, blank=True)
    held_at = models.DateTimeField(_("marked held at"), null=True, blank=True)
    record = models.TextField(
        _("minutes"), blank=True, max_length=TEXT_LENGTH, validators=[validate_text]
    )
    output_file = models.FileField(_("output document"), upload_to="bimtek/%Y/", blank=True)
    # Raised on each change of time, so calendar apps replace the event (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("guidance session")
        verbose_name_plural = _("guidance sessions")
        ordering = ["visit", "starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self) -> str:
        return self.title


class Attendance(TimeStampedModel):
    """Who came to a session, from which OPD."""

    session = models.ForeignKey(
        GuidanceSession, on_delete=models.CASCADE, related_name="attendance"
    )
    name = models.CharField(_("name"), max_length=NAME_LENGTH, validators=[validate_single_line])
    position = models.CharField(
        _("position"), max_length=NAME_LENGTH, blank=True, validators=[validate_single_line]
    )
    opd = models.ForeignKey(
        "regions.OPD", verbose_name=_("OPD"), on_delete=models.PROTECT, null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["session", "opd__name", "name"]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    OPTIMAL = "optimal", _("Optimal")
    FEASIBLE = "feasible", _("Feasible")
    INCOMPLETE = "incomplete", _("Incomplete")
    INFEASIBLE = "infeasible", _("Infeasible")
    INVALID = "invalid", _("Invalid input")
    FAILED = "failed", _("Failed")


class ScheduleRun(TimeStampedModel):
    """One run of the scheduler for a cohort, its answer stored as the solver gave it.

    Applying a run writes its dates and teams to the visits and sessions; later manual
    moves change those, never the run, and never re-solve."""

    cohort = models.ForeignKey(
        "program.Cohort", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    starts_on = models.DateField(_("plan from"))
    ends_on = models.DateField(_("plan until"))
    time_limit_s = models.PositiveSmallIntegerField(
        _("time limit (seconds)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
    )
    team_size = models.PositiveSmallIntegerField(
        _("mentors per visit"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)  # the optimised plan's figures
    greedy_figures = models.JSONField(default=dict, blank=True)  # the baseline's
    plan = models.JSONField(default=list, blank=True)  # placed visits with sessions
    trips = models.JSONField(default=list, blank=True)
    unplaced = models.JSONField(default=list, blank=True)
    shortages = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")
        ordering = ["cohort", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.created_at:%Y-%m-%d %H:%M}"
