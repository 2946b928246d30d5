"""A region's smart-city bodies and its agencies' commitments (DOMAIN.md, step 4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Smart-city council (Dewan Smart City)")
    TEAM = "team", _("Implementing team (Tim Pelaksana)")


class RegionalBody(TimeStampedModel):
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, related_name="bodies", verbose_name=_("region")
    )
    kind = models.CharField(_("body"), max_length=16, choices=BodyKind.choices)
    decree_number = models.CharField(_("decree (SK) number"), max_length=80, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    decree_file = models.FileField(_("decree (PDF)"), upload_to="decrees/%Y/", blank=True)

    class Meta:
        verbose_name = _("regional body")
        verbose_name_plural = _("regional bodies")
        constraints = [
            models.UniqueConstraint(fields=["region", "kind"], name="one_body_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.region}"

    @property
    def is_formed(self) -> bool:
        return bool(self.decree_number and self.decree_date)


class BodyMember(models.Model):
    body = models.ForeignKey(RegionalBody, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=150)
    role_in_body = models.CharField(
        _("role in the body"),
        max_length=80,
        help_text=_("For example patron, steering, chair, secretary, member."),
    )
    position_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["body", "position_order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role_in_body})"


class Commitment(TimeStampedModel):
    """An OPD's signed commitment to the smart-city program."""

    opd = models.OneToOneField(
        "regions.OPD", on_delete=models.CASCADE, related_name="commitment", verbose_name=_("OPD")
    )
    signed_by = models.CharField(_("signed by"), max_length=150)
    signed_on = models.DateField(_("signed on"))
    scan = models.FileField(_("scanned copy"), upload_to="commitments/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return f"{self.opd} · {self.signed_on}"
