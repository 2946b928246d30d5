"""Mentors' profiles (expertise, home base, limits) and unavailable dates."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.bimtek import access, notifications
from kotacerdas.bimtek.models import (
    GuidanceVisit,
    MentorProfile,
    MentorUnavailability,
    VisitStatus,
)
from kotacerdas.bimtek.services.common import check_period
from kotacerdas.core.audit import service
from kotacerdas.core.roles import Role
from kotacerdas.regions.models import Dimension, Region


def _may_edit_mentor(actor: Any, mentor: Any) -> bool:
    """The office, or the mentor themself."""
    if access.is_program_office(actor):
        return True
    return bool(access.has_role(actor, Role.MENTOR) and actor.pk == mentor.pk)


def _require_mentor(mentor: Any) -> None:
    if getattr(mentor, "role", None) != Role.MENTOR:
        raise ValidationError(
            {"mentor": _("%(person)s is not a mentor.") % {"person": str(mentor)}}
        )


@service
def save_mentor_profile(
    actor: Any,
    mentor: Any,
    *,
    home_region: Region,
    expertise: Iterable[Dimension],
    max_regions: int,
    max_travel_days_per_month: int,
) -> MentorProfile:
    """Create or update a mentor's profile: the office, or the mentor themself.
    `mentor` must have the mentor role (ValidationError otherwise)."""
    access.require(_may_edit_mentor(actor, mentor))
    _require_mentor(mentor)
    profile = MentorProfile.objects.filter(user=mentor).first() or MentorProfile(user=mentor)
    profile.home_region = home_region
    profile.max_regions = max_regions
    profile.max_travel_days_per_month = max_travel_days_per_month
    profile.full_clean(exclude=["user"], validate_unique=False)
    profile.save()
    profile.expertise.set(list(expertise))
    return profile


def clashing_visits(mentor: Any, starts_on: date, ends_on: date) -> list[GuidanceVisit]:
    """The mentor's planned visits (not complete) that overlap the days."""
    return list(
        GuidanceVisit.objects.filter(
            mentors=mentor,
            status=VisitStatus.PLANNED,
            starts_on__lte=ends_on,
            ends_on__gte=starts_on,
        )
        .select_related("guidance__region", "guidance__cohort", "stage")
        .order_by("starts_on", "pk")
    )


@service
def add_unavailability(
    actor: Any, mentor: Any, *, starts_on: date, ends_on: date, reason: str = ""
) -> MentorUnavailability:
    """The office or the mentor. Dates within plausible range (program.dates), ends >=
    starts. Planned, unheld visits of the mentor that now clash are NOT moved: the
    office re-plans (the result says which visits clash; notify the office).

    The returned period carries `clashing_visits`: the planned visits it overlaps."""
    access.require(_may_edit_mentor(actor, mentor))
    _require_mentor(mentor)
    check_period(starts_on, ends_on)
    period = MentorUnavailability(
        mentor=mentor, starts_on=starts_on, ends_on=ends_on, reason=(reason or "").strip()
    )
    period.full_clean(exclude=["mentor"])
    period.save()
    clashes = clashing_visits(mentor, starts_on, ends_on)
    period.clashing_visits = clashes  # type: ignore[attr-defined]
    if clashes:
        notifications.unavailability_clashes(actor, period, clashes)
    return period


@service
def remove_unavailability(actor: Any, period: MentorUnavailability) -> None:
    """The office or the mentor."""
    mentor = get_user_model().objects.get(pk=period.mentor_id)
    access.require(_may_edit_mentor(actor, mentor))
    period.delete()
