"""The national program: cohorts, their readiness rubric, applications, assessment
and selection (DOMAIN.md, steps 1-2)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class CohortStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for applications")
    ASSESSMENT = "assessment", _("Assessment")
    SELECTION = "selection", _("Selection")
    PUBLISHED = "published", _("Results published")


class Cohort(TimeStampedModel):
    """A yearly intake of regions into the movement."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2017), MaxValueValidator(2100)]
    )
    name = models.CharField(_("name"), max_length=150)
    quota = models.PositiveSmallIntegerField(
        _("quota"), validators=[MinValueValidator(1)], help_text=_("How many regions to select.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CohortStatus.choices, default=CohortStatus.DRAFT
    )
    application_deadline = models.DateTimeField(
        _("application deadline"),
        help_text=_("One national moment; each region sees it in its own time zone."),
    )
    # Equity rules of the selection; the ministry changes them, so they are data.
    max_per_province = models.PositiveSmallIntegerField(
        _("at most per province"), null=True, blank=True
    )
    min_per_island_group = models.JSONField(
        _("at least per island group"),
        default=dict,
        blank=True,
        help_text=_('For example {"papua": 2, "maluku": 2}.'),
    )
    min_score = models.DecimalField(
        _("minimum score"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name

    @property
    def deadline_passed(self) -> bool:
        return timezone.now() > self.application_deadline

    @property
    def registration_open(self) -> bool:
        """Regions can still start, change and submit applications."""
        return self.status == CohortStatus.OPEN and not self.deadline_passed

    @property
    def status_label(self) -> str:
        """The status as people read it: an open cohort past its deadline is closed."""
        if self.status == CohortStatus.OPEN and self.deadline_passed:
            return str(_("Applications closed"))
        return str(self.get_status_display())


class PhaseKind(models.TextChoices):
    APPLICATIONS = "applications", _("Applications")
    ASSESSMENT = "assessment", _("Assessment")
    SELECTION = "selection", _("Selection")
    AGREEMENT = "agreement", _("Agreement signing")
    GUIDANCE_1 = "guidance_1", _("Guidance stage I")
    GUIDANCE_2 = "guidance_2", _("Guidance stage II")
    GUIDANCE_3 = "guidance_3", _("Guidance stage III")
    GUIDANCE_4 = "guidance_4", _("Guidance stage IV")
    MASTERPLAN = "masterplan", _("Masterplan due")
    AWARDS = "awards", _("Awards")


class CohortPhase(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=16, choices=PhaseKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("cohort phase")
        verbose_name_plural = _("cohort phases")
        ordering = ["cohort", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="phase_once_per_cohort"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="phase_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on}"


class RubricCriterion(models.Model):
    """One criterion of a cohort's readiness rubric, under a readiness pillar."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="criteria")
    pillar = models.ForeignKey("regions.Pillar", verbose_name=_("pillar"), on_delete=models.PROTECT)
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Relative weight; weights are normalised, so they need not sum to 100."),
    )
    levels = models.JSONField(
        _("level descriptions"),
        help_text=_("What each level 1-5 means: a list of five descriptions."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["cohort", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "code"], name="criterion_code_per_cohort")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def weight_label(self) -> str:
        """The weight as the reader writes numbers, with only the decimals it has:
        "12,5", "25", "33,25" (never "12,50" next to "25")."""
        weight = Decimal(self.weight)
        decimals = max(0, -weight.normalize().as_tuple().exponent)  # type: ignore[operator]
        return formats.number_format(weight, decimals)


class RubricRevision(TimeStampedModel):
    """A change to a cohort's rubric, with who made it, why, and what changed. Once
    applications were submitted against the rubric a change needs a recorded reason."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="rubric_revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.TextField(_("reason for the change"), blank=True, max_length=2000)
    changes = models.JSONField(
        _("changes"),
        default=dict,
        blank=True,
        help_text=_("Criteria added, removed and changed (by code, with the fields changed)."),
    )

    class Meta:
        verbose_name = _("rubric revision")
        verbose_name_plural = _("rubric revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.created_at:%Y-%m-%d %H:%M}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REOPENED = "reopened", _("Reopened for changes")


class Application(TimeStampedModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)
    # Cached weighted score (1-5), recomputed when scores change.
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["cohort", "region"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "region"], name="one_application_per_cohort")
        ]

    def __str__(self) -> str:
        return f"{self.region} ({self.cohort.year})"

    @property
    def is_editable(self) -> bool:
        return self.status in (ApplicationStatus.DRAFT, ApplicationStatus.REOPENED)

    @property
    def outcome(self) -> bool | None:
        """Selected (True) or not (False) in the published selection; None before it.
        Read from the `published_selected` annotation (program.queries.with_outcome)
        when the queryset has it, else with one query."""
        if not hasattr(self, "published_selected"):
            self.published_selected = (
                self.decisions.filter(run__published=True)
                .values_list("selected", flat=True)
                .first()
            )
        return self.published_selected

    @property
    def status_label(self) -> str:
        """The status a person reads: once results are published, selected or not."""
        if self.outcome is True:
            return str(_("Selected"))
        if self.outcome is False:
            return str(_("Not selected"))
        return str(self.get_status_display())


class ApplicationAnswer(TimeStampedModel):
    """The region's self-assessment on one criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="+")
    self_score = models.PositiveSmallIntegerField(
        _("self-assessed level"), validators=SCORE_VALIDATORS, null=True, blank=True
    )
    answer = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.criterion.code}"


class Evidence(TimeStampedModel):
    """A PDF or image supporting an answer; checked by content on upload."""

    answer = models.ForeignKey(ApplicationAnswer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=64)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name


class Indicator(models.TextChoices):
    """Published indicators the ministry pre-filters on (DOMAIN.md, step 2)."""

    FISCAL_CAPACITY = "fiscal_capacity", _("Regional fiscal capacity index")
    GOVERNMENT_PERFORMANCE = "government_performance", _("Local government performance index")
    HUMAN_DEVELOPMENT = "ipm", _("Human development index (IPM)")
    GREEN_CITY = "green_city", _("Green city index (PUPR)")
    SUSTAINABLE_CITY = "sustainable_city", _("Sustainable city index (Bappenas)")


class IndicatorValue(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="indicators"
    )
    indicator = models.CharField(_("indicator"), max_length=32, choices=Indicator.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=3)
    source_year = models.PositiveSmallIntegerField(
        _("source year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "indicator"], name="one_value_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.value} ({self.source_year})"


class AssessorAssignment(TimeStampedModel):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    conflict_override_reason = models.TextField(
        _("reason to relax the conflict-of-interest rule"), blank=True
    )
    submitted_at = models.DateTimeField(_("scores submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessor assignment")
        verbose_name_plural = _("assessor assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="assessor_once_per_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor} → {self.application}"


class CriterionScore(TimeStampedModel):
    assignment = models.ForeignKey(
        AssessorAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=SCORE_VALIDATORS)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="score_between_1_and_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.score}"


class Interview(TimeStampedModel):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    held_at = models.DateTimeField(_("held at"))
    attendees = models.TextField(_("attendees"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"{self.application} {self.held_at:%Y-%m-%d}"


class SelectionRun(TimeStampedModel):
    """One run of the selection optimiser, with the rules it used and its outcome."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="selection_runs")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rules = models.JSONField(_("rules"))
    status = models.CharField(_("status"), max_length=16)
    objective = models.DecimalField(_("total score"), max_digits=9, decimal_places=3)
    greedy_objective = models.DecimalField(
        _("total score of the plain top-N"), max_digits=9, decimal_places=3
    )
    solve_seconds = models.FloatField(_("solve time (s)"))
    conflicts = models.JSONField(_("conflicts"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("selection run")
        verbose_name_plural = _("selection runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.created_at:%Y-%m-%d %H:%M}"


class SelectionDecision(models.Model):
    run = models.ForeignKey(SelectionRun, on_delete=models.CASCADE, related_name="decisions")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="decisions")
    optimiser_selected = models.BooleanField(_("selected by the optimiser"))
    in_top_n = models.BooleanField(_("in the plain top-N"))
    selected = models.BooleanField(_("selected"))
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=3, null=True)
    reason = models.CharField(_("reason"), max_length=32)
    gap = models.DecimalField(_("gap to the cut-off"), max_digits=5, decimal_places=3, null=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    override_reason = models.TextField(_("reason for the override"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")
        ordering = ["run", "rank", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["run", "application"], name="one_decision_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.application}: {'✓' if self.selected else '✗'}"

    @property
    def is_overridden(self) -> bool:
        return self.selected != self.optimiser_selected
