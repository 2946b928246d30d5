"""Agreements (Nota Kesepakatan) with selected regions, and their journey by post."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.models import TimeStampedModel


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    SENT = "sent", _("Originals sent by post")
    RECEIVED = "received", _("Originals received by the ministry")
    ARCHIVED = "archived", _("Archived")


# The only forward steps; each is recorded with who and when.
AGREEMENT_FLOW = {
    AgreementStatus.DRAFT: AgreementStatus.SIGNED,
    AgreementStatus.SIGNED: AgreementStatus.SENT,
    AgreementStatus.SENT: AgreementStatus.RECEIVED,
    AgreementStatus.RECEIVED: AgreementStatus.ARCHIVED,
}


class SigningMode(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual (video call)")
    IN_PERSON = "in_person", _("In person")


# The signed originals reach the ministry by post within this many days of signing.
ORIGINALS_DUE_DAYS = 30


class Agreement(TimeStampedModel):
    application = models.OneToOneField(
        "program.Application", on_delete=models.PROTECT, related_name="agreement"
    )
    number = models.CharField(
        _("number"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("As on the document, e.g. 26/KOMINFO/HK.03.02/05/2023."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=16, choices=SigningMode.choices, blank=True)
    scan = models.FileField(_("scanned copy"), upload_to="agreements/%Y/", blank=True)
    courier = models.CharField(_("courier"), max_length=80, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=80, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["application__region_id"]

    def __str__(self) -> str:
        return self.number or f"{self.application}"


class SignatorySide(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    REGION = "region", _("Region")


class AgreementSignatory(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150)
    side = models.CharField(_("side"), max_length=16, choices=SignatorySide.choices)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["agreement", "side", "name"]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """ "Name, position", or the position alone where it stands for the name (a
        head of region signing in office: "Bupati Sarolangun")."""
        if not self.position or self.position.strip() == self.name.strip():
            return self.name
        return f"{self.name}, {self.position}"


class AgreementStep(models.Model):
    """One step of the agreement's workflow: who moved it, when, and to what."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=16, choices=AgreementStatus.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("agreement step")
        verbose_name_plural = _("agreement steps")
        ordering = ["agreement", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.agreement} → {self.get_status_display()}"
