"""Reading the audit trail (written by django-auditlog for every registered model)."""

from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet


def entries_for(objects_by_model: Iterable[tuple[type, Iterable[Any]]]) -> QuerySet:
    """Audit entries of the given objects, newest first, with their actors.

    ``objects_by_model`` pairs a model class with primary keys of its objects.
    """
    condition = Q(pk__in=[])
    for model, pks in objects_by_model:
        content_type = ContentType.objects.get_for_model(model)
        condition |= Q(content_type=content_type, object_pk__in=[str(pk) for pk in pks])
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def describe_changes(entry: LogEntry) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for one entry, in a stable order."""
    changes = entry.changes_dict or {}
    return [(field, values[0], values[1]) for field, values in sorted(changes.items())]
