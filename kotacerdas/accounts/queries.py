"""Reads of accounts: the audit trail of a person's API tokens."""

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from kotacerdas.accounts.models import ApiToken


def token_audit(user: Any) -> QuerySet:
    """Who created and who revoked each of the user's tokens, revoked ones included
    (each entry keeps its owner: ApiToken.get_additional_data), newest first."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ApiToken),
            additional_data__user=user.pk,
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
