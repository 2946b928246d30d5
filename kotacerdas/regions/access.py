"""Region scoping, the ground floor of access: a region's own people see its private
data, assessors and mentors the regions the program office assigned them, the office
everything. Every region-scoped app builds its rules on these."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from kotacerdas.core.access import (
    authenticated,
    is_program_office,
    register_audit_rule,
    require,
    require_program_office,
)
from kotacerdas.core.roles import ASSIGNED_ROLES, REGIONAL_ROLES, Role
from kotacerdas.regions.models import OPD, Region

__all__ = [
    "authenticated",
    "can_manage_region",
    "can_view_region_private",
    "is_program_office",
    "is_region_member",
    "opds_visible_to",
    "regions_with_private_access",
    "register_rules",
    "require",
    "require_manage_region",
    "require_program_office",
    "require_region_private",
    "users_visible_to",
]


def regions_with_private_access(user: Any) -> QuerySet[Region]:
    """The regions whose private data (OPDs, contacts, audit trail) the user sees."""
    if is_program_office(user):
        return Region.objects.all()
    if not authenticated(user):
        return Region.objects.none()
    if user.role in REGIONAL_ROLES and user.region_id:
        return Region.objects.filter(pk=user.region_id)
    if user.role in ASSIGNED_ROLES:
        return Region.objects.filter(assigned_staff=user)
    return Region.objects.none()


def is_region_member(user: Any, region_id: str) -> bool:
    """A coordinator or OPD officer of the region."""
    return bool(authenticated(user) and user.role in REGIONAL_ROLES and user.region_id == region_id)


def can_view_region_private(user: Any, region: Any) -> bool:
    if is_program_office(user):
        return True
    if not authenticated(user):
        return False
    if user.role in REGIONAL_ROLES:
        return bool(user.region_id == region.pk)
    return regions_with_private_access(user).filter(pk=region.pk).exists()


def can_manage_region(user: Any, region: Any) -> bool:
    """Change a region's own records (its OPDs, its bodies): its coordinator
    or the program office."""
    if is_program_office(user):
        return True
    return (
        authenticated(user) and user.role == Role.REGION_COORDINATOR and user.region_id == region.pk
    )


def require_region_private(user: Any, region: Any) -> None:
    require(can_view_region_private(user, region))


def require_manage_region(user: Any, region: Any) -> None:
    require(can_manage_region(user, region))


def opds_visible_to(user: Any) -> QuerySet[OPD]:
    if is_program_office(user):
        return OPD.objects.all()
    return OPD.objects.filter(region__in=regions_with_private_access(user))


def users_visible_to(user: Any) -> QuerySet:
    """Accounts whose contact data the user may see."""
    users = get_user_model().objects
    if is_program_office(user):
        return users.all()
    return users.filter(region__in=regions_with_private_access(user))


def register_rules() -> None:
    register_audit_rule(Region, can_view_region_private)
    register_audit_rule(OPD, lambda user, opd: can_view_region_private(user, opd.region))
