"""Every write to regions, OPDs and the reference model goes through here."""

from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.regions import access
from kotacerdas.regions.models import DUPLICATE_NAME, OPD, Region

OPD_FIELDS = ("name", "abbreviation", "kind", "head_name", "duties")


def _apply(opd: OPD, data: dict[str, Any]) -> OPD:
    unknown = set(data) - set(OPD_FIELDS)
    if unknown:
        raise ValueError(f"unknown OPD fields: {sorted(unknown)}")
    for field, value in data.items():
        setattr(opd, field, value.strip() if isinstance(value, str) else value)
    # One name per region, whatever its capitals (the import matches names so too).
    same_name = OPD.objects.filter(region_id=opd.region_id, name__iexact=opd.name)
    if opd.name and same_name.exclude(pk=opd.pk).exists():
        raise ValidationError({"name": DUPLICATE_NAME})
    opd.full_clean()
    opd.save()
    return opd


@service
def create_opd(actor: Any, region: Region, data: dict[str, Any]) -> OPD:
    access.require_manage_region(actor, region)
    return _apply(OPD(region=region), data)


@service
def update_opd(actor: Any, opd: OPD, data: dict[str, Any]) -> OPD:
    access.require_manage_region(actor, opd.region)
    return _apply(opd, data)


@service
def delete_opd(actor: Any, opd: OPD) -> None:
    """Remove an OPD; refused, saying why, while programs or findings refer to it."""
    access.require_manage_region(actor, opd.region)
    try:
        opd.delete()
    except (ProtectedError, RestrictedError) as error:
        objects = (
            error.protected_objects
            if isinstance(error, ProtectedError)
            else error.restricted_objects
        )
        counts = Counter(type(obj) for obj in objects)
        things = ", ".join(
            f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
            for model, count in sorted(counts.items(), key=lambda item: item[0].__name__)
        )
        raise ValidationError(
            _(
                "%(name)s cannot be removed while these refer to it: %(things)s. Give them "
                "another OPD (or remove them) first."
            )
            % {"name": opd.name, "things": things},
            code="protected",
        ) from None
