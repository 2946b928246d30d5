"""Who sees and changes what in the national program: applications, scores and
assessors' comments are private to the applicant region, the assessors assigned to it
and the program office; agreements, bodies and commitments to the region, its assigned
staff and the office."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from kotacerdas.core.access import (
    authenticated,
    has_role,
    is_program_office,
    require,
    require_program_office,
)
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.program.models import (
    Agreement,
    Application,
    AssessorAssignment,
    Commitment,
    Evidence,
    RegionalBody,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.regions.access import (
    can_manage_region,
    can_view_region_private,
    opds_visible_to,
    regions_with_private_access,
    require_manage_region,
    require_region_private,
    users_visible_to,
)

__all__ = [
    "agreements_visible_to",
    "applications_visible_to",
    "assessors",
    "assignments_of",
    "bodies_visible_to",
    "can_apply_for",
    "can_manage_region",
    "can_view_region_private",
    "commitments_visible_to",
    "decisions_visible_to",
    "evidence_visible_to",
    "is_program_office",
    "opds_visible_to",
    "regions_with_private_access",
    "require",
    "require_manage_region",
    "require_own_assignment",
    "require_program_office",
    "require_region_private",
    "runs_visible_to",
    "users_visible_to",
]


def applications_visible_to(user: Any) -> QuerySet[Application]:
    if is_program_office(user):
        return Application.objects.all()
    if not authenticated(user):
        return Application.objects.none()
    if user.role in REGIONAL_ROLES and user.region_id:
        return Application.objects.filter(region_id=user.region_id)
    if user.role == Role.ASSESSOR:
        return Application.objects.filter(assignments__assessor=user).distinct()
    return Application.objects.none()


def can_apply_for(user: Any, region: Any) -> bool:
    return can_manage_region(user, region)


def assignments_of(user: Any) -> QuerySet[AssessorAssignment]:
    """An assessor's own assignments (the program office sees all)."""
    if is_program_office(user):
        return AssessorAssignment.objects.all()
    if has_role(user, Role.ASSESSOR):
        return AssessorAssignment.objects.filter(assessor=user)
    return AssessorAssignment.objects.none()


def require_own_assignment(user: Any, assignment: Any) -> None:
    require(authenticated(user) and assignment.assessor_id == user.pk)


def assessors(user: Any, *, active_only: bool = True) -> QuerySet:
    """The assessor accounts the program office may assign; nobody else sees the list,
    so it never tells which accounts exist."""
    people = get_user_model().objects.filter(role=Role.ASSESSOR)
    if not is_program_office(user):
        return people.none()
    return people.filter(is_active=True) if active_only else people


def evidence_visible_to(user: Any) -> QuerySet[Evidence]:
    return Evidence.objects.filter(answer__application__in=applications_visible_to(user))


def runs_visible_to(user: Any) -> QuerySet[SelectionRun]:
    """Selection runs before publication are the program office's working papers."""
    if is_program_office(user):
        return SelectionRun.objects.all()
    return SelectionRun.objects.none()


def decisions_visible_to(user: Any) -> QuerySet[SelectionDecision]:
    """Decisions are changed by the program office only; regions read their published
    outcome through their application."""
    if is_program_office(user):
        return SelectionDecision.objects.all()
    return SelectionDecision.objects.none()


def agreements_visible_to(user: Any) -> QuerySet[Agreement]:
    """The agreements of the regions the user sees privately, with what every list and
    page of agreements shows."""
    return (
        Agreement.objects.filter(application__region__in=regions_with_private_access(user))
        .select_related("application__region", "application__cohort")
        .prefetch_related("signatories", "steps__by")
    )


def bodies_visible_to(user: Any) -> QuerySet[RegionalBody]:
    return RegionalBody.objects.filter(region__in=regions_with_private_access(user))


def commitments_visible_to(user: Any) -> QuerySet[Commitment]:
    return Commitment.objects.filter(opd__in=opds_visible_to(user))
