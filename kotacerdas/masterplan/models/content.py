"""A masterplan's content besides programs: findings, RPJMD goals, analyses, strategies, profile."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel
from kotacerdas.masterplan.models.masterplans import InMasterplan, Masterplan


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
