"""Who sees which accounts' own records: a person sees their own API tokens only (the
program office too: a token is a secret of its owner)."""

from typing import Any

from django.db.models import QuerySet

from kotacerdas.accounts.models import ApiToken
from kotacerdas.core.access import authenticated


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    if not authenticated(user):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)
