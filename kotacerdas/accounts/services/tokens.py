"""API tokens: created and revoked by their owners."""

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import ApiToken, hash_token
from kotacerdas.core.audit import service

MAX_TOKENS_PER_USER = 20
MAX_TOKEN_DAYS = 5 * 365  # a token expires at most five years ahead


@service
def create_token(user: Any, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw value, which is never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the system that uses it.")})
    now = timezone.now()
    if expires_at is not None and timezone.is_naive(expires_at):
        expires_at = timezone.make_aware(expires_at)  # in the platform's zone
    if expires_at is not None and expires_at <= now:
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    if expires_at is not None and expires_at > now + timedelta(days=MAX_TOKEN_DAYS):
        raise ValidationError(
            {
                "expires_at": _("A token expires at most %(years)d years ahead.")
                % {"years": MAX_TOKEN_DAYS // 365}
            }
        )
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(
            {
                "name": _("You have %(max)d tokens: revoke one you no longer use first.")
                % {"max": MAX_TOKENS_PER_USER}
            }
        )
    raw = ApiToken.generate()
    token = ApiToken(
        user=user, name=name, token_hash=hash_token(raw), hint=raw[:8], expires_at=expires_at
    )
    token.full_clean()
    token.save()
    return token, raw


@service
def revoke_token(user: Any, token_id: int) -> None:
    """Revoke one of the user's own tokens; someone else's is "not found". The audit
    trail keeps who revoked which token (ApiToken is registered with auditlog)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).select_related("user").first()
    if token is None:
        raise ApiToken.DoesNotExist
    token.delete()


__all__ = ["MAX_TOKENS_PER_USER", "MAX_TOKEN_DAYS", "create_token", "revoke_token"]
