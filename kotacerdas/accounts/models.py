import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.roles import ASSIGNED_ROLES, REGIONAL_ROLES, Role
from kotacerdas.core.validators import validate_single_line


class User(AbstractUser):
    """A person with an account. The role decides what they may do
    (kotacerdas.core.access); regional roles belong to one region."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Required for region coordinators and OPD officers."),
    )
    opd = models.ForeignKey(
        "regions.OPD",
        verbose_name=_("OPD"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officers",
        help_text=_("The agency an OPD officer works for."),
    )
    assigned_regions = models.ManyToManyField(
        "regions.Region",
        verbose_name=_("assigned regions"),
        blank=True,
        related_name="assigned_staff",
        help_text=_("Regions an assessor or mentor works with."),
    )
    home_province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("home province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Where an assessor comes from: they never assess applicants of it."),
    )
    # People's names on one line (they head letters, lists and exports).
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    phone = models.CharField(
        _("phone"),
        max_length=32,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ()./-]*\Z",
                _("Write a phone number with digits, e.g. +62 285 391234."),
            )
        ],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self) -> None:
        super().clean()
        if self.role in REGIONAL_ROLES and not self.region_id:
            raise ValidationError({"region": _("This role belongs to one region: choose it.")})
        if self.role not in REGIONAL_ROLES and self.region_id:
            raise ValidationError({"region": _("Only regional roles belong to a region.")})
        if self.opd_id and (self.opd is None or self.opd.region_id != self.region_id):
            raise ValidationError({"opd": _("The OPD must belong to the user's region.")})
        if self.role == Role.OPD_OFFICER and not self.opd_id:
            raise ValidationError({"opd": _("An OPD officer works for one OPD: choose it.")})

    @property
    def has_assigned_regions(self) -> bool:
        return self.role in ASSIGNED_ROLES


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for machines. Only its SHA-256 hash is stored; the token
    itself is shown once, when it is created."""

    PREFIX = "kc_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_single_line])
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Not the hint: this is what the audit trail keeps of the token.
        return f"API token {self.name}"

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    def get_additional_data(self) -> dict[str, object]:
        """Kept with each audit entry (django-auditlog): whose token it was, so the
        owner's and the region's trails show it after it is revoked (deleted)."""
        user = self.user
        return {"user": user.pk, "username": user.get_username(), "region": user.region_id}
