"""The iCalendar (RFC 5545) text of a guidance calendar, with the `icalendar` library.

Every session with a time is an event: its UID is stable (`bimtek-session-<pk>@<host>`)
and its SEQUENCE is the session's, raised at each change of time, so a calendar app that
subscribed replaces the event instead of adding a second one. Times carry the TZID of
the region's zone (WIB, WITA, WIT) with the VTIMEZONE components they need. A visit with
dates is an all-day event over its days (`bimtek-visit-<pk>@<host>`)."""

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from icalendar.enums import STATUS

from kotacerdas.bimtek.models import GuidanceSession, GuidanceVisit, SessionStatus, VisitStatus
from kotacerdas.core.localtime import zone

PRODID = "-//Kota Cerdas//Bimtek//EN"
# Far enough on either side of any guidance for the zones' definitions (none of the
# three has daylight saving; Jakarta's last change was in 1964).
TIMEZONES_FROM = date(2000, 1, 1)
TIMEZONES_UNTIL = date(2100, 1, 1)

REFRESH = timedelta(hours=1)

Link = Callable[[str, int], str]  # (route name, pk) -> absolute URL


def uid_host() -> str:
    """The host part of every UID: the site's configured address, which does not change
    with the address a calendar app happens to use."""
    return urlsplit(settings.SITE_URL).hostname or "kotacerdas"


def session_uid(session: GuidanceSession) -> str:
    return f"bimtek-session-{session.pk}@{uid_host()}"


def visit_uid(visit: GuidanceVisit) -> str:
    return f"bimtek-visit-{visit.pk}@{uid_host()}"


def session_status(session: GuidanceSession) -> STATUS:
    """CANCELLED, CONFIRMED (held, or confirmed by the region) or TENTATIVE."""
    if session.status == SessionStatus.CANCELLED:
        return STATUS.CANCELLED
    if session.status == SessionStatus.HELD or session.confirmed_at is not None:
        return STATUS.CONFIRMED
    return STATUS.TENTATIVE


def _visit_sequence(visit: GuidanceVisit) -> int:
    """The visit's own count of date changes (raised by applying a plan and by moves)."""
    return int(visit.sequence)


def _stamp(value: datetime | None) -> datetime:
    # Without METHOD, DTSTAMP is when the event's information last changed (RFC 5545 3.8.7.2).
    return value or timezone.now()


def _session_invites(session: GuidanceSession) -> str:
    """Who the session is for: an OPD group, one OPD (a session of its own), or all."""
    if session.group is not None:
        return f"{_('OPD group')}: {session.group.name}"
    if session.opd is not None:
        return f"{_('OPD')}: {session.opd.name}"
    return str(_("Plenary session"))


def session_event(session: GuidanceSession, link: Link, *, with_region: bool) -> Event:
    visit = session.visit
    region = visit.guidance.region
    assert session.starts_at is not None
    start = timezone.localtime(session.starts_at, zone(region))
    summary = f"{session.title} · {region.name}" if with_region else session.title
    lines = [
        f"{_('Guidance (Bimtek)')}: {visit.stage.get_number_display()} · {visit.guidance.cohort.name}",
        f"{_('Region')}: {region.name} ({region.timezone_abbreviation})",
        _session_invites(session),
        f"{_('Status')}: {session.get_status_display()}",
        link("bimtek:session", session.pk),
    ]
    return Event.new(
        uid=session_uid(session),
        sequence=session.sequence,
        stamp=_stamp(session.updated_at),
        start=start,
        end=start + timedelta(minutes=session.duration_minutes),
        summary=summary,
        location=region.name,
        description="\n".join(lines),
        status=session_status(session),
        url=link("bimtek:session", session.pk),
    )


def visit_event(visit: GuidanceVisit, link: Link, *, with_region: bool) -> Event:
    region = visit.guidance.region
    assert visit.starts_on is not None
    ends_on = visit.ends_on or visit.starts_on
    stage = visit.stage.get_number_display()
    summary = _("Guidance visit, %(stage)s") % {"stage": stage}
    if with_region:
        summary = f"{summary} · {region.name}"
    team = ", ".join(m.get_full_name() or m.username for m in visit.mentors.all())
    lines = [
        f"{_('Guidance (Bimtek)')}: {stage} · {visit.guidance.cohort.name}",
        f"{_('Region')}: {region.name}",
        f"{_('Mentors')}: {team or '—'}",
        link("bimtek:visit", visit.pk),
    ]
    done = visit.status == VisitStatus.COMPLETE or visit.pinned
    return Event.new(
        uid=visit_uid(visit),
        sequence=_visit_sequence(visit),
        stamp=_stamp(visit.updated_at),
        start=visit.starts_on,
        end=ends_on + timedelta(days=1),  # all-day events end the day after (exclusive)
        summary=summary,
        location=region.name,
        description="\n".join(lines),
        status=STATUS.CONFIRMED if done else STATUS.TENTATIVE,
        url=link("bimtek:visit", visit.pk),
    )


def build_calendar(
    name: str,
    *,
    uid: str,
    visits: Iterable[GuidanceVisit],
    sessions: Iterable[GuidanceSession],
    link: Link,
    with_region: bool = False,
) -> bytes:
    """The calendar's text; `uid` names the calendar (e.g. `region-33.25`). Visits need
    `guidance__region`, `guidance__cohort`, `stage` and `mentors` loaded (and
    `sessions_sequence` annotated); sessions `visit__guidance__region`,
    `visit__guidance__cohort`, `visit__stage`, `group` and `opd`: no query per event."""
    calendar = Calendar.new(
        name=name,
        prodid=PRODID,
        uid=f"bimtek-{uid}@{uid_host()}",
        refresh_interval=REFRESH,  # how often a subscribed app should ask again
    )
    calendar.add("X-PUBLISHED-TTL", "PT1H")  # the same, as Outlook reads it
    for visit in visits:
        if visit.starts_on is not None:
            calendar.add_component(visit_event(visit, link, with_region=with_region))
    for session in sessions:
        if session.starts_at is not None:
            calendar.add_component(session_event(session, link, with_region=with_region))
    calendar.add_missing_timezones(first_date=TIMEZONES_FROM, last_date=TIMEZONES_UNTIL)
    return bytes(calendar.to_ical())
