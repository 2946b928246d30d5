"""Visits and sessions: the calendar as lists, moves checked at once, pins, the region's
confirmation, attendance and the stage's sign-off."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Query
from ninja.pagination import paginate

from kotacerdas.bimtek import access, services
from kotacerdas.bimtek.api.common import (
    ERRORS,
    fields_named,
    refusals_in_words,
    session_detail,
    session_or_404,
    sessions,
    visit_detail,
    visit_or_404,
    visits,
)
from kotacerdas.bimtek.api.common import router as make_router
from kotacerdas.bimtek.models import GuidanceSession, GuidanceVisit
from kotacerdas.bimtek.schemas import (
    CompleteIn,
    ConfirmedOut,
    GuidanceSessionDetailOut,
    GuidanceSessionOut,
    GuidanceVisitDetailOut,
    GuidanceVisitOut,
    HeldIn,
    PinIn,
    SessionFilters,
    SessionMoveIn,
    VisitFilters,
    VisitMoveIn,
)
from kotacerdas.bimtek.services.sessions import AttendeeInput
from kotacerdas.core import localtime
from kotacerdas.core.api_support import MAX_YEAR, MIN_YEAR, AuthedRequest, PageNumberWithTotal
from kotacerdas.regions.models import TimeZoneChoice

router = make_router()


# Visits -----------------------------------------------------------------------------------


@router.get(
    "/visits",
    response={200: list[GuidanceVisitOut], **ERRORS},
    summary="Stage visits you see, filtered by cohort, region, mentor and stage",
)
@paginate(PageNumberWithTotal)
def list_guidance_visits(request: AuthedRequest, filters: Query[VisitFilters]) -> QuerySet:
    found = visits(request)
    if filters.cohort is not None:
        found = found.filter(guidance__cohort__year=filters.cohort)
    if filters.region:
        found = found.filter(guidance__region_id=filters.region)
    if filters.mentor is not None:
        found = found.filter(mentors=filters.mentor)
    if filters.stage is not None:
        found = found.filter(stage__number=filters.stage)
    if filters.status:
        found = found.filter(status=filters.status)
    return found.order_by("starts_on", "guidance__region_id", "stage__number", "pk")


@router.get(
    "/visits/{visit_id}",
    response={200: GuidanceVisitDetailOut, **ERRORS},
    summary="A stage visit with its sessions",
)
def get_guidance_visit(request: AuthedRequest, visit_id: int) -> GuidanceVisit:
    return visit_detail(request, visit_id)


@router.post(
    "/visits/{visit_id}/move",
    response={200: GuidanceVisitDetailOut, **ERRORS},
    summary="Move a visit to another first day, with another team if given (program office)",
    description="Checked at once and refused (422) with the reason: a holiday, a weekend or "
    "a blackout day inside the visit, a mentor double-booked or unavailable, the stage "
    "order and gaps, the deadline, a held visit. Its unheld sessions move with it; the "
    "visit is pinned.",
)
@refusals_in_words
def move_guidance_visit(
    request: AuthedRequest, visit_id: int, payload: VisitMoveIn
) -> GuidanceVisit:
    visit = visit_or_404(request, visit_id)
    access.require_program_office(request.auth)
    mentors = None
    if payload.mentor_ids is not None:
        wanted = list(dict.fromkeys(payload.mentor_ids))
        found = {m.pk: m for m in access.mentors_visible_to(request.auth).filter(pk__in=wanted)}
        unknown = [str(pk) for pk in wanted if pk not in found]
        if unknown:
            raise ValidationError(
                {"mentor_ids": _("No mentor has the id %(ids)s.") % {"ids": ", ".join(unknown)}}
            )
        mentors = [found[pk] for pk in wanted]
    with fields_named({"mentors": "mentor_ids"}):
        services.move_visit(request.auth, visit, starts_on=payload.starts_on, mentors=mentors)
    return visit_detail(request, visit_id)


@router.post(
    "/visits/{visit_id}/pin",
    response={200: GuidanceVisitOut, **ERRORS},
    summary="Pin a visit (re-plans keep its dates and team) or unpin it (program office)",
)
@refusals_in_words
def pin_guidance_visit(request: AuthedRequest, visit_id: int, payload: PinIn) -> GuidanceVisit:
    services.set_pinned(request.auth, visit_or_404(request, visit_id), payload.pinned)
    return visit_or_404(request, visit_id)


@router.post(
    "/visits/{visit_id}/confirm",
    response={200: ConfirmedOut, **ERRORS},
    summary="Confirm the visit's planned sessions (the region's coordinator or the office)",
)
@refusals_in_words
def confirm_guidance_visit(request: AuthedRequest, visit_id: int) -> dict[str, Any]:
    confirmed = services.confirm_sessions(request.auth, visit_or_404(request, visit_id))
    return {"confirmed": confirmed, "visit": visit_detail(request, visit_id)}


@router.post(
    "/visits/{visit_id}/complete",
    response={200: GuidanceVisitDetailOut, **ERRORS},
    summary="Sign the stage off for the region (a mentor of the team, or the office)",
    description="Refused (422) unless every session was held or cancelled and each held "
    "one has its attendance; the message says which. Opens the next stage.",
)
@refusals_in_words
def complete_guidance_visit(
    request: AuthedRequest, visit_id: int, payload: CompleteIn
) -> GuidanceVisit:
    services.complete_visit(request.auth, visit_or_404(request, visit_id), notes=payload.notes)
    return visit_detail(request, visit_id)


# Sessions ---------------------------------------------------------------------------------


def _on_or_after(day: datetime.date) -> Q:
    """Sessions from the start of `day` in their own region's zone."""
    when = Q()
    for zone in TimeZoneChoice.values:
        start = datetime.datetime.combine(day, datetime.time(), tzinfo=ZoneInfo(zone))
        when |= Q(visit__guidance__region__timezone=zone, starts_at__gte=start)
    return when


def _before_end_of(day: datetime.date) -> Q:
    when = Q()
    for zone in TimeZoneChoice.values:
        end = datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time(), tzinfo=ZoneInfo(zone)
        )
        when |= Q(visit__guidance__region__timezone=zone, starts_at__lt=end)
    return when


@router.get(
    "/sessions",
    response={200: list[GuidanceSessionOut], **ERRORS},
    summary="Sessions you see, filtered by cohort, region, mentor and days",
    description="`from` and `to` are days in each session's own region zone, inclusive; "
    "sessions not yet planned have no time and are left out when either is given.",
)
@paginate(PageNumberWithTotal)
def list_guidance_sessions(request: AuthedRequest, filters: Query[SessionFilters]) -> QuerySet:
    found = sessions(request)
    if filters.cohort is not None:
        found = found.filter(visit__guidance__cohort__year=filters.cohort)
    if filters.region:
        found = found.filter(visit__guidance__region_id=filters.region)
    if filters.mentor is not None:
        found = found.filter(visit__mentors=filters.mentor)
    if filters.starts_from is not None:
        found = found.filter(_on_or_after(filters.starts_from))
    if filters.to is not None:
        found = found.filter(_before_end_of(filters.to))
    if filters.status:
        found = found.filter(status=filters.status)
    return found.order_by("starts_at", "pk")


@router.get(
    "/sessions/{session_id}",
    response={200: GuidanceSessionDetailOut, **ERRORS},
    summary="A session with its attendance and minutes",
)
def get_guidance_session(request: AuthedRequest, session_id: int) -> GuidanceSession:
    return session_detail(request, session_id)


@router.post(
    "/sessions/{session_id}/move",
    response={200: GuidanceSessionDetailOut, **ERRORS},
    summary="Move a session to another time in its visit (the region's coordinator or office)",
    description="Send `starts_at` with its offset (`2023-08-14T09:00:00+08:00`), or "
    "`local_date` and `local_time` (`2023-08-14`, `09:00`) read in the region's own zone "
    "(WIB, WITA or WIT). Refused (422) with the reason: a day outside the visit or not a "
    "working day, a clash with another session, a session already held. The session is "
    "pinned and calendars get the change.",
)
@refusals_in_words
def move_guidance_session(
    request: AuthedRequest, session_id: int, payload: SessionMoveIn
) -> GuidanceSession:
    session = session_or_404(request, session_id)
    services.move_session(request.auth, session, starts_at=_new_time(session, payload))
    return session_detail(request, session_id)


def _new_time(session: GuidanceSession, payload: SessionMoveIn) -> datetime.datetime:
    local = (payload.local_date, payload.local_time)
    if payload.starts_at is not None:
        if any(part is not None for part in local):
            raise ValidationError(
                {"starts_at": _("Send starts_at, or local_date and local_time, not both.")}
            )
        return payload.starts_at
    missing = {
        name: _("This field is required.")
        for name, value in zip(("local_date", "local_time"), local, strict=True)
        if value is None
    }
    if missing:
        if len(missing) == 2:
            missing = {"starts_at": _("Send starts_at, or local_date and local_time.")}
        raise ValidationError(missing)
    day, time = payload.local_date, payload.local_time
    assert day is not None and time is not None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValidationError(
            {
                "local_date": _("Write a date between the years %(min_year)s and %(max_year)s.")
                % {"min_year": MIN_YEAR, "max_year": MAX_YEAR}
            }
        )
    if time.tzinfo is not None:
        raise ValidationError(
            {"local_time": _("Write the time without an offset: it is the region's own.")}
        )
    return localtime.read_typed(datetime.datetime.combine(day, time), session.visit.guidance.region)


@router.post(
    "/sessions/{session_id}/held",
    response={200: GuidanceSessionDetailOut, **ERRORS},
    summary="Mark a session held, with its attendance and minutes (a mentor of the team)",
    description="At least one attendee, each from an OPD of the region (or none); the "
    "session's day must have come and the previous stage must be complete. Calling it "
    "again replaces the attendance. The output document is uploaded on the session's page.",
)
@refusals_in_words
def mark_guidance_session_held(
    request: AuthedRequest, session_id: int, payload: HeldIn
) -> GuidanceSession:
    session = session_or_404(request, session_id)
    access.require(access.can_hold_session(request.auth, session.visit))
    wanted = {a.opd_id for a in payload.attendees if a.opd_id is not None}
    opds = {opd.pk: opd for opd in session.visit.guidance.region.opds.filter(pk__in=wanted)}
    unknown = {
        f"attendees.{index}.opd_id": _("This is not an OPD of %(region)s.")
        % {"region": session.visit.guidance.region.name}
        for index, attendee in enumerate(payload.attendees)
        if attendee.opd_id is not None and attendee.opd_id not in opds
    }
    if unknown:
        raise ValidationError(unknown)
    attendees = [
        AttendeeInput(
            name=a.name, opd=opds.get(a.opd_id) if a.opd_id else None, position=a.position
        )
        for a in payload.attendees
    ]
    with fields_named({"opd": "opd_id"}):
        services.mark_held(request.auth, session, attendees=attendees, record=payload.record)
    return session_detail(request, session_id)
