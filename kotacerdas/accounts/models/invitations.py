"""Invitations: how a person gets an account. The program office invites assessors
and mentors, a region's coordinator its OPD officers and deputy; the invitee follows a
single-use, expiring link from an email and sets a password."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models.tokens import hash_token
from kotacerdas.core.roles import Role
from kotacerdas.core.validators import validate_single_line


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Waiting for the person")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """One invitation to one email address. Only the SHA-256 hash of the link's secret
    is kept; re-sending makes a new secret (the old link stops working)."""

    email = models.EmailField(_("email"))
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    deputy = models.BooleanField(_("deputy coordinator"), default=False)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    opd = models.ForeignKey(
        "regions.OPD",
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    assigned_regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("assigned regions"),
        blank=True,
        related_name="staff_invitations",
    )
    home_province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("home province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        related_name="invitations_sent",
    )
    # The account made (or reactivated) when the invitation is accepted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(_("times sent"), default=0)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"Invitation of {self.email}"

    @staticmethod
    def new_secret() -> tuple[str, str]:
        """A fresh link secret and its hash (only the hash is stored)."""
        raw = secrets.token_urlsafe(32)
        return raw, hash_token(raw)

    @property
    def state(self) -> str:
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.revoked_at:
            return InvitationState.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    def get_state_display(self) -> str:
        return str(InvitationState(self.state).label)

    def get_additional_data(self) -> dict[str, object]:
        """Kept with each audit entry: the region's trail shows its invitations."""
        return {"region": self.region_id, "email": self.email}
