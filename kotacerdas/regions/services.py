"""Every write to regions, OPDs and the reference model goes through here."""

from typing import Any

from kotacerdas.core import access
from kotacerdas.core.audit import service
from kotacerdas.regions.models import OPD, Region

OPD_FIELDS = ("name", "abbreviation", "kind", "head_name", "duties")


def _apply(opd: OPD, data: dict[str, Any]) -> OPD:
    unknown = set(data) - set(OPD_FIELDS)
    if unknown:
        raise ValueError(f"unknown OPD fields: {sorted(unknown)}")
    for field, value in data.items():
        setattr(opd, field, value.strip() if isinstance(value, str) else value)
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
    access.require_manage_region(actor, opd.region)
    opd.delete()
