"""Who sees and changes a masterplan: it is private to its region, the staff assigned
to the region and the program office. The coordinator edits it all, an OPD officer the
programs and findings of their own OPD; mentors and the office review."""

from typing import Any

from django.db.models import Model, QuerySet

from kotacerdas.core.access import (
    authenticated,
    can_view_object_audit,
    has_role,
    is_program_office,
    register_audit_rule,
    require,
    require_program_office,
)
from kotacerdas.core.roles import Role
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.regions.access import (
    can_manage_region,
    can_view_region_private,
    is_region_member,
    opds_visible_to,
    regions_with_private_access,
    require_manage_region,
    require_region_private,
)

__all__ = [
    "authenticated",
    "can_comment_on_masterplan",
    "can_edit_masterplan",
    "can_edit_opd_content",
    "can_manage_region",
    "can_review_masterplan",
    "can_view_object_audit",
    "can_view_region_private",
    "content_visible_to",
    "is_program_office",
    "masterplans_visible_to",
    "opds_visible_to",
    "register_rules",
    "require",
    "require_manage_region",
    "require_program_office",
    "require_region_private",
]


def masterplans_visible_to(user: Any) -> QuerySet[Masterplan]:
    return Masterplan.objects.filter(region__in=regions_with_private_access(user))


def content_visible_to(user: Any, model: type[Model]) -> QuerySet:
    """Rows of `model` (findings, programs, comments... any model with a `masterplan`)
    that belong to the masterplans the user sees."""
    return model._default_manager.filter(masterplan__in=masterplans_visible_to(user))


def can_edit_masterplan(user: Any, masterplan: Any) -> bool:
    """The whole masterplan: the region's coordinator (and the program office)."""
    return can_manage_region(user, masterplan.region)


def can_edit_opd_content(user: Any, masterplan: Any, opd_id: int | None) -> bool:
    """A program or a potential/problem led by one OPD: the coordinator edits all of
    them, an OPD officer only those of their own OPD."""
    if can_edit_masterplan(user, masterplan):
        return True
    return bool(
        has_role(user, Role.OPD_OFFICER)
        and user.region_id == masterplan.region_id
        and opd_id is not None
        and user.opd_id == opd_id
    )


def can_review_masterplan(user: Any, masterplan: Any) -> bool:
    """Comment, request changes and approve: the program office and the mentors
    assigned to the region."""
    if is_program_office(user):
        return True
    return bool(
        has_role(user, Role.MENTOR) and masterplan.region.assigned_staff.filter(pk=user.pk).exists()
    )


def can_comment_on_masterplan(user: Any, masterplan: Any) -> bool:
    """Reviewers and the region's own people: both start threads and reply."""
    return can_review_masterplan(user, masterplan) or is_region_member(user, masterplan.region_id)


def register_rules() -> None:
    register_audit_rule(Masterplan, lambda user, plan: can_view_region_private(user, plan.region))
