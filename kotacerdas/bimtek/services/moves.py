"""Moving a visit or a session, and pinning a visit: every move checked at once and
refused with its reason (days off named, double bookings, stage gaps, the deadline)."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.bimtek import access, notifications, workdays
from kotacerdas.bimtek.models import (
    GuidanceSession,
    GuidanceVisit,
    MentorUnavailability,
    RegionBlackout,
    SessionStatus,
)
from kotacerdas.bimtek.services.common import (
    EARLIEST_MINUTE,
    LATEST_MINUTE,
    date_text,
    deadline_of,
    lay_out,
    local_day_minute,
    period_text,
    person,
    set_time,
    utc_start,
    visit_held,
    visit_length,
)
from kotacerdas.bimtek.services.sessions import previous_visit, visit_label
from kotacerdas.core.audit import service
from kotacerdas.core.localtime import read_typed, zone
from kotacerdas.core.roles import Role
from kotacerdas.program.services.cohorts import check_date

__all__ = ["move_session", "move_visit", "set_pinned"]


def _next_visit(visit: GuidanceVisit) -> GuidanceVisit | None:
    return (
        GuidanceVisit.objects.filter(
            guidance_id=visit.guidance_id, stage__number=visit.stage.number + 1
        )
        .select_related("stage")
        .first()
    )


def _gap_problems(visit: GuidanceVisit, starts_on: date) -> list[str]:
    """The stage order and gaps, against the previous and the next stage's visits."""
    problems = []
    previous, following = previous_visit(visit), _next_visit(visit)
    pairs = []
    if previous is not None and previous.starts_on is not None:
        pairs.append((previous, previous.starts_on, visit, starts_on, visit.stage))
    if following is not None and following.starts_on is not None:
        pairs.append((visit, starts_on, following, following.starts_on, following.stage))
    for first, first_start, second, second_start, stage in pairs:
        gap = (second_start - first_start).days
        if stage.min_gap_days <= gap <= stage.max_gap_days:
            continue
        if gap < 0:
            wording = _(
                "%(second)s must start %(least)d to %(most)d days after %(first)s starts "
                "(%(first_start)s); this would start %(days)d days before it."
            )
        else:
            wording = _(
                "%(second)s must start %(least)d to %(most)d days after %(first)s starts "
                "(%(first_start)s); this would be %(days)d days after it."
            )
        problems.append(
            wording
            % {
                "second": second.stage.get_number_display(),
                "first": first.stage.get_number_display(),
                "least": stage.min_gap_days,
                "most": stage.max_gap_days,
                "first_start": date_text(first_start),
                "days": abs(gap),
            }
        )
    return problems


def _mentor_problems(
    visit: GuidanceVisit, mentors: Sequence[Any], starts_on: date, ends_on: date
) -> list[str]:
    problems = []
    ids = [m.pk for m in mentors]
    periods = MentorUnavailability.objects.filter(
        mentor_id__in=ids, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).select_related("mentor")
    for period in periods:
        text = _("%(mentor)s is unavailable %(period)s") % {
            "mentor": person(period.mentor),
            "period": period_text(period.starts_on, period.ends_on),
        }
        problems.append(f"{text} ({period.reason})." if period.reason else f"{text}.")
    others = (
        GuidanceVisit.objects.filter(
            mentors__in=ids, starts_on__lte=ends_on, ends_on__gte=starts_on
        )
        .exclude(pk=visit.pk)
        .select_related("guidance__region", "stage")
        .prefetch_related("mentors")
        .distinct()
    )
    for other in others:
        for mentor in other.mentors.all():
            if mentor.pk in ids:
                problems.append(
                    _("%(mentor)s is already in %(visit)s, %(period)s.")
                    % {
                        "mentor": person(mentor),
                        "visit": visit_label(other),
                        "period": period_text(other.starts_on, other.ends_on),
                    }
                )
    return problems


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _refuse_held(visit: GuidanceVisit) -> None:
    if visit_held(visit):
        raise ValidationError(
            _("%(visit)s was held; its dates and sessions stay as they were.")
            % {"visit": visit_label(visit)}
        )


@service
def move_visit(
    actor: Any, visit: GuidanceVisit, *, starts_on: date, mentors: Sequence[Any] | None = None
) -> GuidanceVisit:
    """Office only. Checked at once, refused with the reason (ValidationError naming the
    day, the holiday or the mentor and the clashing visit): a non-working day or region
    blackout inside the visit, a mentor double-booked or unavailable, the stage order
    and gaps, the deadline, a held visit. Its unheld sessions move with it (same offset);
    pins the visit; notifies.

    Errors: {"starts_on": [...]} for the dates, {"mentors": [...]} for the team given
    (a mentor's clash goes under "starts_on" when the team is kept; an empty team given
    is refused there too). The visit keeps its length (the stage's days, or more when
    its sessions need them)."""
    access.require_program_office(actor)
    visit = (
        GuidanceVisit.objects.select_related("guidance__region", "guidance__cohort", "stage")
        .prefetch_related("mentors")
        .get(pk=visit.pk)
    )
    _refuse_held(visit)
    check_date("starts_on", starts_on)
    region = visit.guidance.region
    sessions = list(visit.sessions.order_by("pk"))
    if visit.starts_on is not None and visit.ends_on is not None:
        length = (visit.ends_on - visit.starts_on).days + 1
    else:
        length = visit_length(visit, sessions)
    ends_on = starts_on + timedelta(days=length - 1)
    team = list(visit.mentors.all()) if mentors is None else list(mentors)
    errors: dict[str, list[str]] = {}
    if mentors is not None and not team:
        errors["mentors"] = [_("A visit needs at least one mentor.")]
    dates = errors.setdefault("starts_on", [])
    for offset in range(length):
        reason = workdays.day_off_reason(starts_on + timedelta(days=offset))
        if reason:
            dates.append(_("%(reason)s; a visit takes working days only.") % {"reason": reason})
    for blackout in RegionBlackout.objects.filter(
        region=region, starts_on__lte=ends_on, ends_on__gte=starts_on
    ):
        text = _("%(region)s cannot receive guidance %(period)s") % {
            "region": region.name,
            "period": period_text(blackout.starts_on, blackout.ends_on),
        }
        dates.append(f"{text} ({blackout.reason})." if blackout.reason else f"{text}.")
    dates.extend(_gap_problems(visit, starts_on))
    deadline = deadline_of(visit.guidance.cohort)
    if deadline is not None and ends_on > deadline:
        dates.append(
            _("The visit would end on %(end)s, after the masterplan deadline (%(deadline)s).")
            % {"end": date_text(ends_on), "deadline": date_text(deadline)}
        )
    not_mentors = [m for m in team if getattr(m, "role", None) != Role.MENTOR]
    if not_mentors:
        errors.setdefault("mentors", []).append(
            _("Not mentors: %(people)s.") % {"people": ", ".join(person(m) for m in not_mentors)}
        )
    clashes = _mentor_problems(visit, team, starts_on, ends_on)
    errors.setdefault("starts_on" if mentors is None else "mentors", []).extend(clashes)
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)

    changed: list[GuidanceSession] = []
    live = [s for s in sessions if s.status == SessionStatus.PLANNED]
    if visit.starts_on is not None:
        shift = starts_on - visit.starts_on
        for session in live:
            placed = local_day_minute(session, region)
            if placed is not None and set_time(
                session, utc_start(region, placed[0] + shift, placed[1])
            ):
                session.save()
                changed.append(session)
    unplaced = [s for s in live if s.starts_at is None]
    if unplaced:
        keep = {s.pk for s in sessions if s.starts_at is not None}
        layout = lay_out(visit, sessions, starts_on, length, keep=keep)
        for session in unplaced:
            if session.pk in layout and set_time(session, utc_start(region, *layout[session.pk])):
                session.save()
                changed.append(session)
    old_start = visit.starts_on
    if (visit.starts_on, visit.ends_on) != (starts_on, ends_on):
        visit.sequence += 1
    visit.starts_on, visit.ends_on, visit.pinned = starts_on, ends_on, True
    visit.save()
    if mentors is not None:
        visit.mentors.set(team)
    _join_team(visit, team)
    notifications.sessions_changed(actor, visit, changed, moved=old_start is not None)
    return visit


def _join_team(visit: GuidanceVisit, team: Sequence[Any]) -> None:
    """The visit's mentors are in the region's team and assigned to the region (so they
    see it)."""
    if not team:
        return
    visit.guidance.team.add(*team)
    region = visit.guidance.region
    for mentor in team:
        mentor.assigned_regions.add(region)


@service
def move_session(actor: Any, session: GuidanceSession, *, starts_at: datetime) -> GuidanceSession:
    """Office, or the region's coordinator. The new time must fall on a day inside the
    visit that is a working day, between 07:00 and 18:00 in the region's zone
    (EARLIEST_MINUTE, LATEST_MINUTE of services.common), not clash with another session
    of the visit, and the session must not be held. Pins it, sequence + 1, notifies mentors and the region.

    A naive `starts_at` is read in the region's zone; stored in UTC. Moved by the
    region's coordinator, the session counts as confirmed; moved by the office, the
    region confirms it again. Errors under "starts_at"."""
    session = GuidanceSession.objects.select_related(
        "visit__guidance__region", "visit__guidance__cohort", "visit__stage"
    ).get(pk=session.pk)
    visit = session.visit
    region = visit.guidance.region
    access.require(access.can_organise_guidance(actor, visit.guidance))
    if session.status == SessionStatus.HELD:
        raise ValidationError({"starts_at": _("This session was held; its time stays as it was.")})
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError({"starts_at": _("This session is cancelled.")})
    if visit.starts_on is None or visit.ends_on is None:
        raise ValidationError(
            {"starts_at": _("The visit has no dates yet; plan or move the visit first.")}
        )
    moment = timezone.localtime(read_typed(starts_at, region), zone(region))
    day = moment.date()
    problems = []
    if not visit.starts_on <= day <= visit.ends_on:
        problems.append(
            _("The visit to %(region)s is %(period)s; choose a day within it.")
            % {"region": region.name, "period": period_text(visit.starts_on, visit.ends_on)}
        )
    reason = workdays.day_off_reason(day)
    if reason:
        problems.append(
            _("%(reason)s; sessions are held on working days only.") % {"reason": reason}
        )
    blackout = RegionBlackout.objects.filter(
        region=region, starts_on__lte=day, ends_on__gte=day
    ).first()
    if blackout is not None:
        problems.append(
            _("%(region)s cannot receive guidance %(period)s.")
            % {"region": region.name, "period": period_text(blackout.starts_on, blackout.ends_on)}
        )
    ends = moment + timedelta(minutes=session.duration_minutes)
    start_minute = moment.hour * 60 + moment.minute
    end_minute = (ends.date() - day).days * 24 * 60 + ends.hour * 60 + ends.minute
    if start_minute < EARLIEST_MINUTE or end_minute > LATEST_MINUTE:
        problems.append(
            _(
                "Sessions are held between %(earliest)s and %(latest)s %(zone)s; this one "
                "would run from %(start)s to %(end)s."
            )
            % {
                "earliest": _clock(EARLIEST_MINUTE),
                "latest": _clock(LATEST_MINUTE),
                "zone": region.get_timezone_display(),
                "start": f"{moment:%H:%M}",
                "end": f"{ends:%H:%M}",
            }
        )
    others = (
        GuidanceSession.objects.filter(visit=visit, starts_at__isnull=False)
        .exclude(pk=session.pk)
        .exclude(status=SessionStatus.CANCELLED)
    )
    for other in others:
        other_start = timezone.localtime(other.starts_at, zone(region))
        other_end = other_start + timedelta(minutes=other.duration_minutes)
        if other_start < ends and moment < other_end:
            problems.append(
                _("It would overlap %(title)s (%(start)s–%(end)s).")
                % {
                    "title": other.title,
                    "start": f"{other_start:%H:%M}",
                    "end": f"{other_end:%H:%M}",
                }
            )
    if problems:
        raise ValidationError({"starts_at": problems})
    set_time(session, moment.astimezone(UTC))
    session.pinned = True
    if not access.is_program_office(actor):
        session.confirmed_at = timezone.now()
    session.save()
    notifications.sessions_changed(actor, visit, [session], moved=True)
    return session


@service
def set_pinned(actor: Any, visit: GuidanceVisit, pinned: bool) -> GuidanceVisit:
    """Office only."""
    access.require_program_office(actor)
    if visit.pinned != pinned:
        visit.pinned = pinned
        visit.save(update_fields=["pinned", "updated_at"])
    return visit
