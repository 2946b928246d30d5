"""The masterplan itself: its region, period, status, texts and the Perbup/Perwali."""

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
