"""Writes to accounts: API tokens."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import ApiToken, hash_token
from kotacerdas.core.audit import service

MAX_TOKENS_PER_USER = 20


@service
def create_token(user: Any, name: str, expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw value, which is never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the system that uses it.")})
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
    """Revoke one of the user's own tokens; someone else's is "not found"."""
    deleted, _count = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise ApiToken.DoesNotExist
