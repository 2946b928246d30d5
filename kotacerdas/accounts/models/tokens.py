import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.validators import validate_single_line


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
