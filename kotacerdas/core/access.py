"""Who may see and change what: the one place that decides.

Every queryset of private data goes through a function here, and every write in
a services module asks here first. Public data (the region list, the reference
model) needs no check. Region users see only their own region; assessors and
mentors see the regions the program office assigned them; the program office
sees everything.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kotacerdas.core.roles import ASSIGNED_ROLES, REGIONAL_ROLES, Role


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_program_office(user: Any) -> bool:
    return _authenticated(user) and (user.is_superuser or user.role == Role.PROGRAM_OFFICE)


def regions_with_private_access(user: Any) -> QuerySet:
    """The regions whose private data (OPDs, contacts, audit trail) the user sees."""
    from kotacerdas.regions.models import Region

    if is_program_office(user):
        return Region.objects.all()
    if not _authenticated(user):
        return Region.objects.none()
    if user.role in REGIONAL_ROLES and user.region_id:
        return Region.objects.filter(pk=user.region_id)
    if user.role in ASSIGNED_ROLES:
        return Region.objects.filter(assigned_staff=user)
    return Region.objects.none()


def can_view_region_private(user: Any, region: Any) -> bool:
    if is_program_office(user):
        return True
    if not _authenticated(user):
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
        _authenticated(user)
        and user.role == Role.REGION_COORDINATOR
        and user.region_id == region.pk
    )


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def require_region_private(user: Any, region: Any) -> None:
    require(can_view_region_private(user, region))


def require_manage_region(user: Any, region: Any) -> None:
    require(can_manage_region(user, region))


def require_program_office(user: Any) -> None:
    require(is_program_office(user))


def opds_visible_to(user: Any) -> QuerySet:
    from kotacerdas.regions.models import OPD

    if is_program_office(user):
        return OPD.objects.all()
    return OPD.objects.filter(region__in=regions_with_private_access(user))


def users_visible_to(user: Any) -> QuerySet:
    """Accounts whose contact data the user may see."""
    from kotacerdas.accounts.models import User

    if is_program_office(user):
        return User.objects.all()
    return User.objects.filter(region__in=regions_with_private_access(user))


def jobs_visible_to(user: Any) -> QuerySet:
    from kotacerdas.core.models import Job

    if is_program_office(user):
        return Job.objects.all()
    if not _authenticated(user):
        return Job.objects.none()
    return Job.objects.filter(requested_by=user)


def can_view_object_audit(user: Any, obj: Any) -> bool:
    """The audit trail of an object is visible to those who may see the object."""
    from kotacerdas.masterplan.models import Masterplan
    from kotacerdas.regions.models import OPD, Region

    if is_program_office(user):
        return True
    if isinstance(obj, Region):
        return can_view_region_private(user, obj)
    if isinstance(obj, OPD):
        return can_view_region_private(user, obj.region)
    if isinstance(obj, Masterplan):
        return can_view_region_private(user, obj.region)
    return False


def applications_visible_to(user: Any) -> QuerySet:
    """Applications, scores and assessors' comments are private: the applicant
    region, the assessors assigned to it and the program office."""
    from kotacerdas.program.models import Application

    if is_program_office(user):
        return Application.objects.all()
    if not _authenticated(user):
        return Application.objects.none()
    if user.role in REGIONAL_ROLES and user.region_id:
        return Application.objects.filter(region_id=user.region_id)
    if user.role == Role.ASSESSOR:
        return Application.objects.filter(assignments__assessor=user).distinct()
    return Application.objects.none()


def can_apply_for(user: Any, region: Any) -> bool:
    return can_manage_region(user, region)


def assignments_of(user: Any) -> QuerySet:
    """An assessor's own assignments (the program office sees all)."""
    from kotacerdas.program.models import AssessorAssignment

    if is_program_office(user):
        return AssessorAssignment.objects.all()
    if _authenticated(user) and user.role == Role.ASSESSOR:
        return AssessorAssignment.objects.filter(assessor=user)
    return AssessorAssignment.objects.none()


def require_own_assignment(user: Any, assignment: Any) -> None:
    require(_authenticated(user) and assignment.assessor_id == user.pk)


def masterplans_visible_to(user: Any) -> QuerySet:
    """A masterplan is private to its region, the staff assigned to it and the office."""
    from kotacerdas.masterplan.models import Masterplan

    return Masterplan.objects.filter(region__in=regions_with_private_access(user))


def can_edit_masterplan(user: Any, masterplan: Any) -> bool:
    """The whole masterplan: the region's coordinator (and the program office)."""
    return can_manage_region(user, masterplan.region)


def can_edit_opd_content(user: Any, masterplan: Any, opd_id: int | None) -> bool:
    """A program or a potential/problem led by one OPD: the coordinator edits all of
    them, an OPD officer only those of their own OPD."""
    if can_edit_masterplan(user, masterplan):
        return True
    return bool(
        _authenticated(user)
        and user.role == Role.OPD_OFFICER
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
        _authenticated(user)
        and user.role == Role.MENTOR
        and masterplan.region.assigned_staff.filter(pk=user.pk).exists()
    )


def can_comment_on_masterplan(user: Any, masterplan: Any) -> bool:
    """Reviewers start threads; the region's own people reply to them."""
    return can_review_masterplan(user, masterplan) or (
        _authenticated(user)
        and user.role in REGIONAL_ROLES
        and user.region_id == masterplan.region_id
    )
