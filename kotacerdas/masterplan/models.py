"""A region's smart-city masterplan as structured data (DOMAIN.md, step 6)."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel
from kotacerdas.masterplan.legal_basis import default_legal_basis
from kotacerdas.masterplan.limits import LONG_TEXT, SHORT_TEXT

YEAR_VALIDATORS = [MinValueValidator(2015), MaxValueValidator(2100)]
PLAN_YEARS = 10  # the long horizon: a masterplan covers ten years from its first


class MasterplanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved by mentor")
    LEGALISED = "legalised", _("Legalised")


class Masterplan(TimeStampedModel):
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="masterplans",
        verbose_name=_("region"),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"),
        validators=YEAR_VALIDATORS,
        help_text=_("The plan covers ten years from this one."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MasterplanStatus.choices,
        default=MasterplanStatus.DRAFT,
    )
    vision = models.TextField(_("smart-city vision"), blank=True)
    missions = models.TextField(_("missions"), blank=True, help_text=_("One per line."))
    targets = models.TextField(_("targets"), blank=True)
    leading_sectors = models.TextField(
        _("leading sectors"), blank=True, help_text=_("The region's leading sectors, one per line.")
    )
    rpjmd_vision = models.TextField(_("RPJMD vision"), blank=True)
    rpjmd_missions = models.TextField(_("RPJMD missions"), blank=True)
    rpjmd_first_year = models.PositiveSmallIntegerField(
        _("RPJMD first year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    rpjmd_last_year = models.PositiveSmallIntegerField(
        _("RPJMD last year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    gap_analysis = models.TextField(_("gap analysis"), blank=True)
    roadmap = models.TextField(_("10-year roadmap"), blank=True)
    implementation_steps = models.TextField(_("implementation steps"), blank=True)
    legal_number = models.CharField(_("Perbup/Perwali number"), max_length=80, blank=True)
    legal_date = models.DateField(_("Perbup/Perwali date"), null=True, blank=True)
    legal_file = models.FileField(_("Perbup/Perwali (PDF)"), upload_to="masterplans/", blank=True)
    # The document's front matter and first chapter, and who signs it (documents/).
    foreword = models.TextField(
        _("foreword"),
        blank=True,
        validators=[MaxLengthValidator(LONG_TEXT)],
        help_text=_("The Kata Pengantar, usually from the head of region or Bappeda."),
    )
    background = models.TextField(
        _("background"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        default=default_legal_basis,
        validators=[MaxLengthValidator(LONG_TEXT)],
        help_text=_("The regulations the masterplan rests on, one a line, highest rank first."),
    )
    purpose = models.TextField(
        _("purpose and objectives"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)]
    )
    scope = models.TextField(_("scope"), blank=True, validators=[MaxLengthValidator(LONG_TEXT)])
    head_name = models.CharField(
        _("name of the head of region"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=_("As it is printed under the signature, e.g. “Drs. H. Ahmad Santoso, M.Si.”"),
    )
    head_title = models.CharField(
        _("title of the head of region"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=_("e.g. “Bupati Batang”; empty: Bupati or Wali Kota and the region's name."),
    )

    class Meta:
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplans")
        constraints = [
            models.UniqueConstraint(fields=["region", "first_year"], name="masterplan_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.first_year}–{self.last_year}"

    def get_additional_data(self) -> dict[str, object]:
        """Kept with each audit entry, so the region's audit trail finds it."""
        return {"region": self.region_id, "masterplan": self.pk}

    @property
    def last_year(self) -> int:
        return self.first_year + PLAN_YEARS - 1


class InMasterplan:
    """A part of a masterplan: its audit entries name the region and the masterplan, so
    the region's and the masterplan's audit trails find them, deleted parts too."""

    masterplan_id: int

    def get_additional_data(self) -> dict[str, object]:
        masterplan = self.masterplan  # type: ignore[attr-defined]
        return {"region": masterplan.region_id, "masterplan": self.masterplan_id}


class FindingKind(models.TextChoices):
    POTENTIAL = "potential", _("Potential")
    PROBLEM = "problem", _("Problem")


class Finding(InMasterplan, TimeStampedModel):
    """A potential or problem an OPD records for its own duties (tupoksi)."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="findings")
    opd = models.ForeignKey(
        "regions.OPD", on_delete=models.PROTECT, related_name="+", verbose_name=_("OPD")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FindingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    element = models.ForeignKey(
        "regions.DimensionElement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dimension element"),
    )
    evidence = models.TextField(_("evidence"), blank=True)
    set_aside_reason = models.TextField(
        _("reason it is set aside"),
        blank=True,
        help_text=_("A problem no program addresses must say why."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )

    class Meta:
        verbose_name = _("potential or problem")
        verbose_name_plural = _("potentials and problems")
        ordering = ["masterplan", "kind", "title"]

    def __str__(self) -> str:
        return self.title


class RpjmdGoal(InMasterplan, models.Model):
    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("code"), max_length=20)
    text = models.TextField(_("goal"))

    class Meta:
        verbose_name = _("RPJMD goal")
        verbose_name_plural = _("RPJMD goals")
        ordering = ["masterplan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], name="goal_code_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class PillarAnalysis(InMasterplan, models.Model):
    """Readiness, and SWOT, on one readiness pillar."""

    masterplan = models.ForeignKey(
        Masterplan, on_delete=models.CASCADE, related_name="pillar_analyses"
    )
    pillar = models.ForeignKey("regions.Pillar", on_delete=models.PROTECT, related_name="+")
    readiness = models.DecimalField(
        _("readiness (1-5)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    readiness_notes = models.TextField(_("readiness"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)
    threats = models.TextField(_("threats"), blank=True)

    class Meta:
        verbose_name = _("pillar analysis")
        verbose_name_plural = _("pillar analyses")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "pillar"], name="analysis_per_pillar")
        ]

    def __str__(self) -> str:
        return f"{self.masterplan} · {self.pillar}"


class Strategy(InMasterplan, models.Model):
    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="strategies")
    element = models.ForeignKey(
        "regions.DimensionElement", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("strategy"))

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "element"], name="strategy_per_element")
        ]

    def __str__(self) -> str:
        return f"{self.element}"


class Horizon(models.TextChoices):
    QUICK_WIN = "quick_win", _("Quick win (results within 1 year)")
    SHORT = "short", _("Short term (1 year)")
    MEDIUM = "medium", _("Medium term (5 years)")
    LONG = "long", _("Long term (10 years)")


# Longest span, in years, a program of each horizon may have.
HORIZON_YEARS = {Horizon.QUICK_WIN: 1, Horizon.SHORT: 1, Horizon.MEDIUM: 5, Horizon.LONG: 10}


class FundingSource(models.TextChoices):
    APBD = "apbd", _("APBD (regional budget)")
    APBN = "apbn", _("APBN (national budget)")
    DAK = "dak", _("DAK (special allocation fund)")
    KPBU = "kpbu", _("KPBU (public-private partnership)")
    CSR = "csr", _("CSR")
    OTHER = "other", _("Other")


class Program(InMasterplan, TimeStampedModel):
    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    element = models.ForeignKey(
        "regions.DimensionElement",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("dimension element"),
    )
    lead_opd = models.ForeignKey(
        "regions.OPD", on_delete=models.PROTECT, related_name="+", verbose_name=_("lead OPD")
    )
    supporting_opds = models.ManyToManyField(
        "regions.OPD", blank=True, related_name="+", verbose_name=_("supporting OPDs")
    )
    horizon = models.CharField(_("horizon"), max_length=16, choices=Horizon.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=YEAR_VALIDATORS)
    quick_win_reason = models.TextField(_("why it is a quick win"), blank=True)
    problems = models.ManyToManyField(
        Finding, blank=True, related_name="programs", verbose_name=_("problems addressed")
    )
    goals = models.ManyToManyField(
        RpjmdGoal, blank=True, related_name="programs", verbose_name=_("RPJMD goals served")
    )
    # Optimistic locking: a save must name the version it edited.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["masterplan", "element", "start_year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {**super().get_additional_data(), "program": self.pk}


# Rp1.000 triliun: far above any program's yearly estimate; a larger amount is a pasted
# wrong cell or a typo (and would not fit the column on every database).
MAX_BUDGET_AMOUNT = 10**15


class BudgetLine(models.Model):
    """The estimate for one year and one funding source, in whole Rupiah."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="budget")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    source = models.CharField(_("funding source"), max_length=8, choices=FundingSource.choices)
    amount = models.PositiveBigIntegerField(_("amount (Rp)"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["program", "year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["program", "year", "source"], name="budget_once")
        ]

    def __str__(self) -> str:
        # As the audit trail names it: which program, which year and source.
        return f"{self.program} · {self.year} {self.get_source_display()}"

    def get_additional_data(self) -> dict[str, object]:
        return self.program.get_additional_data()


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")


class ProgramIndicator(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="indicators")
    kind = models.CharField(_("kind"), max_length=8, choices=IndicatorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=3, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["program", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    def get_additional_data(self) -> dict[str, object]:
        return self.program.get_additional_data()


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(
        ProgramIndicator, on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=3)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.year}"

    def get_additional_data(self) -> dict[str, object]:
        return self.indicator.get_additional_data()


class ProfileKey(models.TextChoices):
    POPULATION = "population", _("Population")
    AREA = "area", _("Area")
    PDRB = "pdrb", _("Regional GDP (PDRB)")
    APBD = "apbd", _("Regional budget (APBD)")
    PAD = "pad", _("Own-source revenue (PAD)")
    ICT_COVERAGE = "ict_coverage", _("ICT coverage")
    BLANK_SPOTS = "blank_spots", _("Blank spots")
    OTHER = "other", _("Other")


class ProfileFigure(InMasterplan, models.Model):
    """One figure of the region's profile, with its year and source."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="profile")
    key = models.CharField(_("figure"), max_length=16, choices=ProfileKey.choices)
    label = models.CharField(
        _("label"), max_length=120, blank=True, help_text=_("Needed for “Other” figures.")
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1990)])
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        verbose_name = _("profile figure")
        verbose_name_plural = _("profile figures")
        ordering = ["masterplan", "key", "label"]

    def __str__(self) -> str:
        return f"{self.label or self.get_key_display()}: {self.value} {self.unit}"


class ReviewComment(TimeStampedModel):
    """A reviewer's (or the region's) comment on a section or a program; threaded."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(
        _("section"),
        max_length=40,
        help_text=_("The place the comment is about, e.g. “profile” or “program-12”."),
    )
    program = models.ForeignKey(
        Program,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("program"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["masterplan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class MasterplanVersion(models.Model):
    """The masterplan frozen at a submission: a JSON snapshot (see versions.py)."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        verbose_name = _("masterplan version")
        verbose_name_plural = _("masterplan versions")
        ordering = ["masterplan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "number"], name="version_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.masterplan} v{self.number}"


class ReviewMark(models.Model):
    """The version a reviewer last reviewed, so they see what changed since."""

    masterplan = models.ForeignKey(
        Masterplan, on_delete=models.CASCADE, related_name="review_marks"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    version = models.ForeignKey(MasterplanVersion, on_delete=models.CASCADE, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), auto_now=True)

    class Meta:
        verbose_name = _("review mark")
        verbose_name_plural = _("review marks")
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "reviewer"], name="review_mark_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.version}"
