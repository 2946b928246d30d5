"""Reading the audit trail (written by django-auditlog for every registered model)."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import wraps
from typing import Any, TypeVar

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import DecimalField, Field, FloatField, Model, Q, QuerySet
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kotacerdas.core import money

T = TypeVar("T")


def entries_for(
    objects_by_model: Iterable[tuple[type, Iterable[Any]]],
    *,
    tagged: dict[str, Any] | None = None,
) -> QuerySet:
    """Audit entries of the given objects, newest first, with their actors.

    ``objects_by_model`` pairs a model class with primary keys of its objects.
    ``tagged`` adds the entries whose additional data (a model's get_additional_data)
    holds one of these key-value pairs, e.g. {"region": "33.25"}: the parts of a region's
    records, deleted ones included.
    """
    condition = Q(pk__in=[])
    for model, pks in objects_by_model:
        content_type = ContentType.objects.get_for_model(model)
        condition |= Q(content_type=content_type, object_pk__in=[str(pk) for pk in pks])
    for key, value in (tagged or {}).items():
        condition |= Q(**{f"additional_data__{key}": value})
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def describe_changes(entry: LogEntry) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for one entry, in a stable order."""
    changes = entry.changes_dict or {}
    return [(field, values[0], values[1]) for field, values in sorted(changes.items())]


@dataclass(frozen=True)
class Change:
    field: str  # the field's verbose name, in the active language
    old: str
    new: str


@dataclass(frozen=True)
class ReadableEntry:
    entry: LogEntry
    changes: list[Change]

    @property
    def action(self) -> str:
        """What was done, in the active language (auditlog's own labels are English)."""
        labels = {
            LogEntry.Action.CREATE: _("created"),
            LogEntry.Action.UPDATE: _("changed"),
            LogEntry.Action.DELETE: _("deleted"),
        }
        return str(labels.get(self.entry.action, self.entry.get_action_display()))

    @property
    def actor(self) -> str:
        """Who did it, by name where the account has one; the platform itself otherwise."""
        actor = self.entry.actor
        if actor is None:
            return _("system")
        return actor.get_full_name() or actor.get_username()


EMPTY = "—"
LONGEST = 160  # characters of a changed text shown; the rest is cut with "…"

# Fields holding whole Rupiah, as (app label, model name, field name): shown "Rp6.500.000.000"
# in every language, as the pages show amounts. Apps add theirs in their ready().
_money_fields: set[tuple[str, str, str]] = set()


def register_money(model: type[Model], *names: str) -> None:
    """Show these fields of `model` as Rupiah amounts in the audit trail."""
    for name in names:
        _money_fields.add((model._meta.app_label, model._meta.model_name or "", name))


def is_money(field: Field) -> bool:
    model = getattr(field, "model", None)
    if model is None:
        return False
    return (model._meta.app_label, model._meta.model_name or "", field.name) in _money_fields


def format_rupiah(value: Any) -> str:
    """6500000000 -> "Rp6.500.000.000" (dots between thousands, as in Indonesia)."""
    return money.format_rupiah(int(Decimal(str(value))))


def format_number(value: Any) -> str:
    """A stored number the way the active language writes it, without trailing zeros:
    "25.500" -> "25,5" and "1500" -> "1.500" in Indonesian, "25.5" and "1,500" in English."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    else:
        number = number.normalize()
    return number_format(number, use_l10n=True, force_grouping=True)


def _label(field: Field) -> str:
    """The field's name in words. A relation named without its own verbose name takes the
    name of what it points to (its default name is the untranslated attribute name)."""
    related = _related_model(field)
    if related is not None and not isinstance(field.verbose_name, Promise):
        return capfirst(str(related._meta.verbose_name))
    return capfirst(str(field.verbose_name))


def readable(entries: Iterable[LogEntry]) -> list[ReadableEntry]:
    """Entries with their changes as people read them: field names in words, choices by
    their labels, related objects by name (one query per related model for them all),
    long texts cut. Left out: reverse relations (auditlog lists them when an object is
    created), the primary key, and fields empty before and after."""
    entries = list(entries)
    fields: dict[tuple[type, str], Field | None] = {}
    wanted: dict[type[Model], set[str]] = defaultdict(set)  # related model: primary keys

    def field_of(entry: LogEntry, name: str) -> Field | None:
        model = entry.content_type.model_class()
        if (model, name) not in fields:
            try:
                found = model._meta.get_field(name) if model else None
            except FieldDoesNotExist:
                found = None
            fields[model, name] = found if isinstance(found, Field) else None
        return fields[model, name]

    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            field = field_of(entry, name)
            related = _related_model(field) if field is not None else None
            if related is not None and isinstance(values, list):
                wanted[related].update(v for v in values if _given(v))
    names = {
        (model, str(obj.pk)): str(obj)
        for model, pks in wanted.items()
        for obj in model._default_manager.filter(pk__in=_valid_keys(model, pks))
    }

    def shown(field: Field, value: Any) -> str:
        if not _given(value):
            return EMPTY
        related = _related_model(field)
        if related is not None:
            return names.get((related, str(value)), f"#{value}")
        if field.choices:
            return str(dict(field.flatchoices).get(_choice_value(field, value), value))
        try:
            if is_money(field):
                return format_rupiah(value)
            if isinstance(field, DecimalField | FloatField):
                return format_number(value)
        except (InvalidOperation, ValueError):
            pass  # not a number after all: shown as stored
        text = str(value)
        return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"

    out = []
    for entry in entries:
        changes = []
        for name, values in sorted((entry.changes_dict or {}).items()):
            field = field_of(entry, name)
            if field is None or field.primary_key:
                continue
            label = _label(field)
            if isinstance(values, dict):  # many-to-many: {"operation", "objects"}
                objects = ", ".join(str(item) for item in values.get("objects", []))
                changes.append(Change(label, str(values.get("operation", "")), objects))
            elif _given(values[0]) or _given(values[1]):
                changes.append(Change(label, shown(field, values[0]), shown(field, values[1])))
        out.append(ReadableEntry(entry, changes))
    return out


def _related_model(field: Field) -> type[Model] | None:
    """The model a foreign key or one-to-one field points to: its value is a key."""
    related = field.related_model
    if (field.many_to_one or field.one_to_one) and isinstance(related, type):
        return related
    return None


def _given(value: Any) -> bool:
    return value not in (None, "", "None")


def _choice_value(field: Field, value: Any) -> Any:
    try:
        return field.to_python(value)
    except ValidationError:
        return value


def _valid_keys(model: type[Model], pks: Iterable[str]) -> list[Any]:
    keys = []
    for pk in pks:
        try:
            keys.append(model._meta.pk.to_python(pk))
        except ValidationError:
            continue
    return keys


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
