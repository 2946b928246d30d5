"""Reading the audit trail (written by django-auditlog for every registered model)."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.signals import pre_save
from django.dispatch import receiver

T = TypeVar("T")


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


# The acting user of the service call in progress. Set by `service`, read when an
# audit entry is saved. A request's user (set by auditlog's middleware) is the
# same person; outside requests (commands, jobs) this is the only source.
_service_actor: ContextVar[Any] = ContextVar("service_actor", default=None)


@receiver(pre_save, sender=LogEntry)
def _name_service_actor(sender: type, instance: LogEntry, **kwargs: Any) -> None:
    actor = _service_actor.get()
    if instance.actor_id is None and getattr(actor, "pk", None):
        instance.actor = actor
        instance.actor_email = getattr(actor, "email", None)


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Name `actor` in the audit entries written inside."""
    token = _service_actor.set(actor)
    try:
        yield
    finally:
        _service_actor.reset(token)


def service(function: Callable[..., T]) -> Callable[..., T]:
    """A write of the services layer: one transaction, audited as its first argument
    (the acting user), whichever path called it (view, API, command or job)."""

    @wraps(function)
    def wrapper(actor: Any, *args: Any, **kwargs: Any) -> T:
        with acting_as(actor), transaction.atomic():
            return function(actor, *args, **kwargs)

    return wrapper
