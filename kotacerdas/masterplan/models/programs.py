"""A masterplan's programs with their budget lines, indicators and yearly targets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel
from kotacerdas.masterplan.models.content import Finding, RpjmdGoal
from kotacerdas.masterplan.models.masterplans import YEAR_VALIDATORS, InMasterplan, Masterplan


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
