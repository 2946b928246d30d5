"""Mentors: the list (the office), each one's profile for the scheduler and their
unavailable dates (the office, or the mentor themself)."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Status
from ninja.pagination import paginate

from kotacerdas.bimtek import access, services
from kotacerdas.bimtek.api.common import (
    ERRORS,
    dimensions,
    mentor_or_404,
    refusals_in_words,
    region_by_code,
)
from kotacerdas.bimtek.api.common import router as make_router
from kotacerdas.bimtek.models import MentorProfile, MentorUnavailability
from kotacerdas.bimtek.schemas import (
    MentorOut,
    MentorProfileIn,
    MentorProfileOut,
    UnavailabilityIn,
    UnavailabilityOut,
)
from kotacerdas.core.api_support import AuthedRequest, PageNumberWithTotal
from kotacerdas.core.roles import Role

router = make_router()


def _profile(request: AuthedRequest, mentor_id: int) -> MentorProfile:
    profile = (
        access.mentor_profiles_visible_to(request.auth)
        .select_related("user", "home_region")
        .prefetch_related("expertise")
        .filter(user_id=mentor_id)
        .first()
    )
    if profile is None:
        mentor_or_404(request, mentor_id)  # 404 for a mentor the caller does not see
        raise Http404(_("This mentor has no guidance profile yet."))
    return profile


@router.get(
    "/mentors",
    response={200: list[MentorOut], **ERRORS},
    summary="Mentors with their expertise, home base and limits",
    description="The office sees every mentor; a mentor sees themself; anyone else is refused.",
)
@paginate(PageNumberWithTotal)
def list_guidance_mentors(request: AuthedRequest) -> QuerySet:
    access.require(
        access.is_program_office(request.auth) or access.has_role(request.auth, Role.MENTOR)
    )
    return (
        access.mentors_visible_to(request.auth)
        .select_related("mentor_profile")
        .prefetch_related("mentor_profile__expertise")
        .order_by("username")
    )


@router.get(
    "/mentors/{mentor_id}/profile",
    response={200: MentorProfileOut, **ERRORS},
    summary="A mentor's guidance profile (the office, or the mentor)",
    description="404 until a profile is saved (PUT).",
)
def get_mentor_profile(request: AuthedRequest, mentor_id: int) -> MentorProfile:
    return _profile(request, mentor_id)


@router.put(
    "/mentors/{mentor_id}/profile",
    response={200: MentorProfileOut, **ERRORS},
    summary="Save a mentor's profile: home base, expertise, limits (the office, or the mentor)",
)
@refusals_in_words
def save_mentor_profile(
    request: AuthedRequest, mentor_id: int, payload: MentorProfileIn
) -> MentorProfile:
    mentor = mentor_or_404(request, mentor_id)
    services.save_mentor_profile(
        request.auth,
        mentor,
        home_region=region_by_code(payload.home_region, "home_region"),
        expertise=dimensions(payload.expertise, "expertise"),
        max_regions=payload.max_regions,
        max_travel_days_per_month=payload.max_travel_days_per_month,
    )
    return _profile(request, mentor_id)


@router.get(
    "/mentors/{mentor_id}/unavailability",
    response={200: list[UnavailabilityOut], **ERRORS},
    summary="The dates a mentor cannot travel",
)
@paginate(PageNumberWithTotal)
def list_mentor_unavailability(request: AuthedRequest, mentor_id: int) -> Any:
    mentor = mentor_or_404(request, mentor_id)
    return mentor.unavailability.order_by("starts_on", "pk")


@router.post(
    "/mentors/{mentor_id}/unavailability",
    response={201: UnavailabilityOut, **ERRORS},
    summary="Add dates a mentor cannot travel (the office, or the mentor)",
    description="Planned visits that now clash are not moved: the office re-plans.",
)
@refusals_in_words
def add_mentor_unavailability(
    request: AuthedRequest, mentor_id: int, payload: UnavailabilityIn
) -> Status[MentorUnavailability]:
    mentor = mentor_or_404(request, mentor_id)
    return Status(201, services.add_unavailability(request.auth, mentor, **payload.dict()))


@router.delete(
    "/unavailability/{period_id}",
    response={204: None, **ERRORS},
    summary="Remove unavailable dates (the office, or the mentor)",
)
@refusals_in_words
def delete_mentor_unavailability(request: AuthedRequest, period_id: int) -> Status[None]:
    mentor = get_object_or_404(
        access.mentors_visible_to(request.auth), unavailability__pk=period_id
    )
    services.remove_unavailability(request.auth, mentor.unavailability.get(pk=period_id))
    return Status(204, None)
