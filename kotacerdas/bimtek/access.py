"""Who sees and changes what in guidance. The office plans every cohort and manages
mentors. A mentor sees the regions of their team (and the regions assigned to them) and
holds those sessions: attendance, minutes, the stage's sign-off. A region's coordinator
sees its visits, forms its OPD groups, sets its blackout days and confirms sessions; an
OPD officer sees the region's sessions. Nobody outside sees a region's guidance."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceVisit,
    MentorProfile,
    ScheduleRun,
)
from kotacerdas.core.access import (
    authenticated,
    can_view_object_audit,
    has_role,
    is_program_office,
    register_audit_rule,
    require,
    require_program_office,
)
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.regions.access import (
    can_manage_region,
    can_view_region_private,
    opds_visible_to,
    regions_with_private_access,
)

__all__ = [
    "authenticated",
    "can_hold_session",
    "can_manage_region",
    "can_organise_guidance",
    "can_view_object_audit",
    "can_view_region_private",
    "guidance_visible_to",
    "has_role",
    "is_program_office",
    "mentors_visible_to",
    "opds_visible_to",
    "require",
    "require_program_office",
    "runs_visible_to",
    "sessions_visible_to",
    "visits_visible_to",
]


def guidance_visible_to(user: Any) -> QuerySet[GuidanceRegion]:
    """The regions in guidance whose visits and sessions the user sees."""
    if is_program_office(user):
        return GuidanceRegion.objects.all()
    if not authenticated(user):
        return GuidanceRegion.objects.none()
    if user.role in REGIONAL_ROLES and user.region_id:
        return GuidanceRegion.objects.filter(region_id=user.region_id)
    if user.role == Role.MENTOR:
        return GuidanceRegion.objects.filter(
            Q(team=user) | Q(region__in=regions_with_private_access(user))
        ).distinct()
    return GuidanceRegion.objects.none()


def visits_visible_to(user: Any) -> QuerySet[GuidanceVisit]:
    if is_program_office(user):
        return GuidanceVisit.objects.all()
    return GuidanceVisit.objects.filter(guidance__in=guidance_visible_to(user))


def sessions_visible_to(user: Any) -> QuerySet[GuidanceSession]:
    if is_program_office(user):
        return GuidanceSession.objects.all()
    return GuidanceSession.objects.filter(visit__guidance__in=guidance_visible_to(user))


def runs_visible_to(user: Any) -> QuerySet[ScheduleRun]:
    """Schedule runs (national plans) are the office's working papers."""
    if is_program_office(user):
        return ScheduleRun.objects.all()
    return ScheduleRun.objects.none()


def mentors_visible_to(user: Any) -> QuerySet:
    """Mentor accounts whose guidance profile and calendar the user sees: the office all
    of them, a mentor themself."""
    mentors = get_user_model().objects.filter(role=Role.MENTOR)
    if is_program_office(user):
        return mentors
    if has_role(user, Role.MENTOR):
        return mentors.filter(pk=user.pk)
    return mentors.none()


def mentor_profiles_visible_to(user: Any) -> QuerySet[MentorProfile]:
    return MentorProfile.objects.filter(user__in=mentors_visible_to(user))


def can_organise_guidance(user: Any, guidance: GuidanceRegion) -> bool:
    """Form OPD groups, set blackout days, confirm sessions: the region's coordinator
    (a deputy too) or the office."""
    return can_manage_region(user, guidance.region)


def can_hold_session(user: Any, visit: GuidanceVisit) -> bool:
    """Record attendance and minutes, sign a stage off: a mentor of the visit's team, or
    the office."""
    if is_program_office(user):
        return True
    return bool(has_role(user, Role.MENTOR) and visit.mentors.filter(pk=user.pk).exists())


def register_rules() -> None:
    for model in (GuidanceVisit,):
        register_audit_rule(
            model, lambda user, visit: can_view_region_private(user, visit.guidance.region)
        )
    register_audit_rule(
        GuidanceSession,
        lambda user, session: can_view_region_private(user, session.visit.guidance.region),
    )
