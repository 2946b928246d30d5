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

    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the pages after logging in, and of the emails sent."),
    )
    deputy = models.BooleanField(
        _("deputy coordinator"),
        default=False,
        help_text=_(
            "A region coordinator's deputy: the same work, but cannot manage coordinators."
        ),
    )
    # Per notification kind, "immediate" or "digest" (NotificationMode); a kind not
    # named here is sent immediately.
    notification_modes = models.JSONField(_("notification choices"), default=dict, blank=True)

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
        if self.deputy and self.role != Role.REGION_COORDINATOR:
            raise ValidationError({"deputy": _("Only a region coordinator can be a deputy.")})
        if self.role == Role.OPD_OFFICER and not self.opd_id:
            raise ValidationError({"opd": _("An OPD officer works for one OPD: choose it.")})

    @property
    def role_label(self) -> str:
        """The role as people say it: a deputy coordinator is named so."""
        if self.deputy:
            return str(_("Deputy coordinator"))
        return str(self.get_role_display()) if self.role else ""

    @property
    def has_assigned_regions(self) -> bool:
        return self.role in ASSIGNED_ROLES
