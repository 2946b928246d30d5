"""Calendars of guidance: pages per mentor, per region and per OPD (a month-by-month
agenda of visits and sessions, with a month grid), and their iCalendar feeds.

Each calendar is looked up inside the viewer's access querysets, so an outsider gets
404; the feed, which calendar apps open without a session, finds its viewer from the
token in its URL (feeds.py) and then asks the same querysets: an unknown kind or key, a
bad token, a foreign calendar or a deactivated person all get 404."""

import calendar as monthcalendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kotacerdas.bimtek import access, feeds, ics
from kotacerdas.bimtek.models import (
    GuidanceSession,
    GuidanceVisit,
    SessionStatus,
)
from kotacerdas.bimtek.services.common import opd_session_q
from kotacerdas.core.downloads import content_disposition, safe_filename
from kotacerdas.core.localtime import zone

_PK = re.compile(r"[0-9]{1,12}")
WEEK = [date(2024, 1, n) for n in range(1, 8)]  # a Monday to a Sunday: the grid's head


@dataclass
class Scope:
    """One calendar as one viewer sees it: what it is about and what is in it."""

    kind: str  # mentor | region | opd
    key: str  # the user pk, region code or OPD pk of its URL
    name: str  # "Guidance · Batang": the feed's name and file name
    heading: str
    subject: Any  # the mentor, region or OPD
    visits: QuerySet[GuidanceVisit]
    sessions: QuerySet[GuidanceSession]
    with_region: bool  # several regions: name the region in each entry
    region: Any = None  # the one region, when there is one
    about: str = ""  # a line under the heading


def _person(user: Any) -> str:
    return str(user.get_full_name() or user.username)


def _scope(viewer: Any, kind: str, key: str) -> Scope:
    """The calendar `kind`/`key` as `viewer` may see it, or Http404."""
    if kind == "mentor":
        if not _PK.fullmatch(key):
            raise Http404
        mentor = access.mentors_visible_to(viewer).filter(pk=int(key)).first()
        if mentor is None:
            raise Http404
        return Scope(
            kind=kind,
            key=key,
            name=_("Guidance · %(name)s") % {"name": _person(mentor)},
            heading=_("Guidance calendar of %(name)s") % {"name": _person(mentor)},
            subject=mentor,
            visits=access.visits_visible_to(viewer).filter(mentors=mentor),
            sessions=access.sessions_visible_to(viewer).filter(visit__mentors=mentor),
            with_region=True,
            about=_("The visits and sessions of the teams this mentor belongs to."),
        )
    if kind == "region":
        guidance = (
            access.guidance_visible_to(viewer)
            .filter(region_id=key)
            .select_related("region")
            .order_by()
            .first()
        )
        if guidance is None:
            raise Http404
        region = guidance.region
        return Scope(
            kind=kind,
            key=key,
            name=_("Guidance · %(name)s") % {"name": region.name},
            heading=_("Guidance calendar of %(name)s") % {"name": region.name},
            subject=region,
            visits=access.visits_visible_to(viewer).filter(guidance__region=region),
            sessions=access.sessions_visible_to(viewer).filter(visit__guidance__region=region),
            with_region=False,
            region=region,
            about=_(
                "The region's visits, its plenary sessions and the sessions of its OPD groups."
            ),
        )
    if kind == "opd":
        if not _PK.fullmatch(key):
            raise Http404
        # An OPD of a region whose guidance the viewer sees (a mentor of its team too,
        # whom the region's assignment alone would not let in).
        guidance = (
            access.guidance_visible_to(viewer)
            .filter(region__opds__pk=int(key))
            .select_related("region")
            .order_by()
            .first()
        )
        if guidance is None:
            raise Http404
        region = guidance.region
        opd = region.opds.get(pk=int(key))
        sessions = (
            access.sessions_visible_to(viewer)
            .filter(visit__guidance__region=region)
            .filter(opd_session_q(opd))
            .distinct()
        )
        return Scope(
            kind=kind,
            key=key,
            name=_("Guidance · %(name)s") % {"name": opd.name},
            heading=_("Guidance calendar of %(name)s") % {"name": opd.name},
            subject=opd,
            visits=access.visits_visible_to(viewer).filter(guidance__region=region),
            sessions=sessions,
            with_region=False,
            region=region,
            about=_(
                "The region's visits and plenary sessions, the sessions of the OPD groups "
                "this OPD belongs to, and its own sessions."
            ),
        )
    raise Http404


def _loaded(scope: Scope, year: int | None) -> tuple[list[GuidanceVisit], list[GuidanceSession]]:
    """The calendar's visits and sessions (of one cohort if `year`), each with what its
    line shows: three queries whatever their number."""
    visits = scope.visits
    sessions = scope.sessions
    if year is not None:
        visits = visits.filter(guidance__cohort__year=year)
        sessions = sessions.filter(visit__guidance__cohort__year=year)
    visit_list: list[GuidanceVisit] = list(
        visits.select_related("guidance__region", "guidance__cohort", "stage")
        .prefetch_related("mentors")
        .annotate(sessions_sequence=Max("sessions__sequence"))
        .order_by("starts_on", "pk")
    )
    session_list = list(
        sessions.select_related(
            "visit__guidance__region", "visit__guidance__cohort", "visit__stage", "group", "opd"
        ).order_by("starts_at", "pk")
    )
    return visit_list, session_list


# The agenda ---------------------------------------------------------------------------


@dataclass
class VisitEntry:
    visit: GuidanceVisit
    starts_on: date
    ends_on: date
    team: list[str]
    url: str


@dataclass
class SessionEntry:
    session: GuidanceSession
    start: datetime  # wall-clock time in the region's zone (naive: templates keep it)
    end: datetime
    zone: str  # WIB, WITA or WIT
    url: str

    @property
    def cancelled(self) -> bool:
        return self.session.status == SessionStatus.CANCELLED


@dataclass
class Day:
    day: date
    visits: list[VisitEntry] = field(default_factory=list)
    sessions: list[SessionEntry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"day-{self.day.isoformat()}"


@dataclass
class GridDay:
    day: date
    in_month: bool
    visit: bool  # a visit runs that day
    sessions: int
    anchor: str  # the agenda's day, when it has one


@dataclass
class Month:
    first: date
    days: list[Day]
    weeks: list[list[GridDay]]

    @property
    def anchor(self) -> str:
        return f"month-{self.first:%Y-%m}"


def _session_entry(session: GuidanceSession) -> SessionEntry:
    region = session.visit.guidance.region
    assert session.starts_at is not None
    start = timezone.localtime(session.starts_at, zone(region))
    end = start + timedelta(minutes=session.duration_minutes)
    return SessionEntry(
        session=session,
        start=start.replace(tzinfo=None),
        end=end.replace(tzinfo=None),
        zone=region.timezone_abbreviation,
        url=reverse("bimtek:session", args=[session.pk]),
    )


def _visit_entry(visit: GuidanceVisit) -> VisitEntry:
    assert visit.starts_on is not None
    return VisitEntry(
        visit=visit,
        starts_on=visit.starts_on,
        ends_on=visit.ends_on or visit.starts_on,
        team=[_person(m) for m in visit.mentors.all()],
        url=reverse("bimtek:visit", args=[visit.pk]),
    )


def agenda(visits: list[GuidanceVisit], sessions: list[GuidanceSession]) -> list[Month]:
    """Visits (on their first day) and sessions (on their day in the region's zone),
    grouped by month and day, each month with its grid of weeks."""
    days: dict[date, Day] = {}
    visit_days: set[date] = set()
    for visit in visits:
        if visit.starts_on is None:
            continue
        entry = _visit_entry(visit)
        days.setdefault(entry.starts_on, Day(entry.starts_on)).visits.append(entry)
        span = (entry.ends_on - entry.starts_on).days
        visit_days.update(entry.starts_on + timedelta(days=n) for n in range(max(span, 0) + 1))
    for session in sessions:
        if session.starts_at is None:
            continue
        item = _session_entry(session)
        day = item.start.date()
        days.setdefault(day, Day(day)).sessions.append(item)
    by_month: dict[date, list[Day]] = defaultdict(list)
    for day in sorted(days):
        days[day].sessions.sort(key=lambda s: (s.start, s.session.pk))
        by_month[day.replace(day=1)].append(days[day])
    weeks = monthcalendar.Calendar(firstweekday=0)
    months = []
    for first, month_days in by_month.items():
        grid = [
            [
                GridDay(
                    day=d,
                    in_month=d.month == first.month,
                    visit=d in visit_days,
                    sessions=len(days[d].sessions) if d in days else 0,
                    anchor=days[d].anchor if d in days and d.month == first.month else "",
                )
                for d in week
            ]
            for week in weeks.monthdatescalendar(first.year, first.month)
        ]
        months.append(Month(first, month_days, grid))
    return months


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("cohort", "")
    return int(value) if re.fullmatch(r"[0-9]{4}", value) else None


def _page(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    scope = _scope(request.user, kind, key)
    cohorts = list(
        scope.visits.order_by("-guidance__cohort__year")
        .values_list("guidance__cohort__year", "guidance__cohort__name")
        .distinct()
    )
    year = _year(request)
    if year is not None and year not in {y for y, _name in cohorts}:
        year = None
    visits, sessions = _loaded(scope, year)
    feed = request.build_absolute_uri(feeds.feed_url(request.user, kind, key))
    context = {
        "scope": scope,
        "cohorts": cohorts,
        "year": year,
        "months": agenda(visits, sessions),
        "undated_visits": sum(1 for v in visits if v.starts_on is None),
        "undated_sessions": sum(1 for s in sessions if s.starts_at is None),
        "feed_url": feed,
        "webcal_url": re.sub(r"^https?://", "webcal://", feed),
        "weekdays": WEEK,
    }
    return render(request, "bimtek/calendar.html", context)


@login_required
@require_safe
def mentor_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, "mentor", str(pk))


@login_required
@require_safe
def region_calendar(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, "region", code)


@login_required
@require_safe
def opd_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, "opd", str(pk))


@require_safe
def ics_feed(request: HttpRequest, kind: str, key: str, token: str) -> HttpResponse:
    """The calendar as iCalendar, for the person its token was made for: 404 for
    anything else, never 403 (the URL must not tell whether the calendar exists)."""
    viewer = feeds.viewer_for(kind, key, token)
    if viewer is None:
        raise Http404
    with translation.override(viewer.language or settings.LANGUAGE_CODE):
        scope = _scope(viewer, kind, key)
        visits, sessions = _loaded(scope, None)
        body = ics.build_calendar(
            scope.name,
            uid=f"{kind}-{key}",
            visits=visits,
            sessions=sessions,
            link=lambda name, pk: request.build_absolute_uri(reverse(name, args=[pk])),
            with_region=scope.with_region,
        )
        filename = safe_filename(f"{scope.name}.ics", ".ics")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename, inline=True)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
