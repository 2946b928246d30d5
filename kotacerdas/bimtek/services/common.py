"""What the guidance services share: times in a region's zone, a cohort's deadline, the
sessions a visit should hold, and laying sessions out in a visit."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceStage,
    GuidanceVisit,
    OPDGroup,
    SessionKind,
    SessionStatus,
    VisitStatus,
)
from kotacerdas.bimtek.scheduling import problem as P
from kotacerdas.bimtek.scheduling.sessions import place_sessions, visit_days
from kotacerdas.core.localtime import zone
from kotacerdas.program.models import Cohort, CohortPhase, PhaseKind
from kotacerdas.program.services.cohorts import check_date
from kotacerdas.regions.models import OPD

# A visit day: sessions from 08:00 local time, seven hours of them (to 15:00 without the
# breaks). An OPD alone has an hour, so 30 OPDs and the plenary fit in a five-day visit;
# a group of OPDs has the length its coordinator sets.
DAY_START_MINUTE = 8 * 60
DAY_MINUTES = 420
PLENARY_MINUTES = 120
OPD_SESSION_MINUTES = 60
# The hours a session may be moved to by hand, in the region's zone.
EARLIEST_MINUTE = 7 * 60
LATEST_MINUTE = 18 * 60


def date_text(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def period_text(start: date | None, end: date | None) -> str:
    if start is None:
        return _("not scheduled")
    if end is None or end == start:
        return date_text(start)
    return _("%(start)s to %(end)s") % {"start": date_text(start), "end": date_text(end)}


def person(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def check_period(starts_on: date, ends_on: date) -> None:
    """Both dates plausible (program.services.cohorts), the end on or after the start."""
    check_date("starts_on", starts_on)
    check_date("ends_on", ends_on)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day comes before the first.")})


def deadline_of(cohort: Cohort) -> date | None:
    """The cohort's masterplan deadline: its "Masterplan due" phase's last day."""
    phase = CohortPhase.objects.filter(cohort=cohort, kind=PhaseKind.MASTERPLAN).first()
    return phase.ends_on if phase else None


# Times ----------------------------------------------------------------------------------


def utc_start(region: Any, day: date, minute: int) -> datetime.datetime:
    """The moment `minute` minutes after midnight of `day` in the region's zone, in UTC."""
    local = datetime.datetime.combine(day, datetime.time.min) + timedelta(minutes=minute)
    aware = timezone.make_aware(local, zone(region))
    return aware.astimezone(datetime.UTC)


def local_start(session: GuidanceSession, region: Any) -> datetime.datetime | None:
    if session.starts_at is None:
        return None
    return timezone.localtime(session.starts_at, zone(region))


def local_day_minute(session: GuidanceSession, region: Any) -> tuple[date, int] | None:
    moment = local_start(session, region)
    if moment is None:
        return None
    return moment.date(), moment.hour * 60 + moment.minute


def today_in(region: Any) -> date:
    return timezone.localdate(timezone=zone(region))


# Sessions a visit holds -----------------------------------------------------------------


def opd_session_q(opd: OPD) -> Q:
    """The sessions an OPD takes part in: its group's, or its own (an OPD without a
    group has a session of its own, titled with its name), and the plenaries of its
    region."""
    return (
        Q(group__opds=opd)
        | Q(opd=opd)
        | Q(kind=SessionKind.PLENARY, visit__guidance__region=opd.region)
    )


def plenary_title(stage: GuidanceStage) -> str:
    """Stored, so written in the region's working language (as OPD names are), whoever
    caused it: "Pleno, Tahap I"."""
    with translation.override("id"):
        return _("Plenary, %(stage)s") % {"stage": stage.get_number_display()}


def visit_held(visit: GuidanceVisit, sessions: Iterable[GuidanceSession] | None = None) -> bool:
    """A visit is held once complete or once one of its sessions was held."""
    if visit.status == VisitStatus.COMPLETE:
        return True
    rows = visit.sessions.all() if sessions is None else sessions
    return any(session.status == SessionStatus.HELD for session in rows)


@dataclass(frozen=True)
class Replaced:
    """A planned session that went (its OPDs now meet in another session): what a
    session taking its place inherits, its time and its pin."""

    visit_id: int
    opds: frozenset[int]
    title: str
    starts_at: datetime.datetime | None
    pinned: bool


def replaced(session: GuidanceSession) -> Replaced:
    """What `session` leaves behind (read before it is deleted)."""
    group = session.group if session.group_id else None
    if group is not None:
        opds = frozenset(o.pk for o in group.opds.all())
    else:
        opds = frozenset([session.opd_id] if session.opd_id else [])
    return Replaced(session.visit_id, opds, session.title, session.starts_at, session.pinned)


@dataclass
class VisitResync:
    """What sync_sessions changed in one visit: sessions added (with the time they got,
    if any) and sessions removed."""

    visit: GuidanceVisit
    added: list[GuidanceSession] = field(default_factory=list)
    removed: list[Replaced] = field(default_factory=list)

    @property
    def scheduled(self) -> bool:
        """The visit has dates and a session with a time came or went."""
        return self.visit.starts_on is not None and (
            any(s.starts_at is not None for s in self.added)
            or any(r.starts_at is not None for r in self.removed)
        )


def sync_sessions(
    guidance: GuidanceRegion,
    visits: Sequence[GuidanceVisit],
    groups: Sequence[OPDGroup],
    opds: Sequence[OPD],
    gone: Iterable[Replaced] = (),
) -> list[VisitResync]:
    """Make each open visit hold a plenary, a session per OPD group and one per OPD in
    no group; unheld sessions no longer wanted (an OPD now in a group) go. Held and
    cancelled sessions stay as they are, and a complete visit is left alone.

    In a visit with dates, a session added takes the place of those it replaces (the
    sessions of its OPDs that went, here or before the call, in `gone`): the time of
    the earliest pinned one, else of the earliest one, with its pin, when it fits there;
    else the first free slot of the visit's days, when there is room (no time
    otherwise). Returns what changed, per visit that changed."""
    grouped = {opd.pk for group in groups for opd in group.opds.all()}
    alone = [opd for opd in opds if opd.pk not in grouped]
    wanted_groups = {group.pk: group for group in groups}
    wanted_opds = {opd.pk for opd in alone}
    earlier: dict[int, list[Replaced]] = {}
    for record in gone:
        earlier.setdefault(record.visit_id, []).append(record)
    changes: list[VisitResync] = []
    for visit in visits:
        if visit.status == VisitStatus.COMPLETE:
            continue
        change = VisitResync(visit, removed=list(earlier.get(visit.pk, [])))
        sessions = list(visit.sessions.all())
        have_plenary = any(s.kind == SessionKind.PLENARY for s in sessions)
        have_groups = {s.group_id for s in sessions if s.group_id}
        have_opds = {s.opd_id for s in sessions if s.opd_id}
        kept = []
        for session in sessions:
            if session.status != SessionStatus.PLANNED or session.kind == SessionKind.PLENARY:
                kept.append(session)
                continue
            unwanted = (
                session.group_id not in wanted_groups
                if session.group_id
                else session.opd_id not in wanted_opds
            )
            if unwanted:
                change.removed.append(replaced(session))
                session.delete()
            else:
                kept.append(session)
        new: list[GuidanceSession] = []
        if not have_plenary:
            new.append(
                GuidanceSession(
                    visit=visit,
                    kind=SessionKind.PLENARY,
                    title=plenary_title(visit.stage),
                    duration_minutes=PLENARY_MINUTES,
                )
            )
        for group in groups:
            if group.pk not in have_groups:
                new.append(
                    GuidanceSession(
                        visit=visit,
                        kind=SessionKind.GROUP,
                        group=group,
                        title=group.name,
                        duration_minutes=group.session_minutes,
                    )
                )
        for opd in alone:
            if opd.pk not in have_opds:
                new.append(
                    GuidanceSession(
                        visit=visit,
                        kind=SessionKind.GROUP,
                        opd=opd,
                        title=opd.name[:200],
                        duration_minutes=OPD_SESSION_MINUTES,
                    )
                )
        dated = visit.starts_on is not None and visit.ends_on is not None
        if new and dated:
            _carry_times(visit, kept, new, change.removed, wanted_groups)
        for session in new:  # one by one, so the audit trail records each
            session.save()
        if new and dated:
            _lay_out_untimed(visit, kept, new)
        change.added = new
        if change.added or change.removed:
            changes.append(change)
    return changes


def _covered(session: GuidanceSession, groups: dict[int, OPDGroup]) -> frozenset[int]:
    if session.group_id:
        group = groups.get(session.group_id)
        return frozenset(o.pk for o in group.opds.all()) if group else frozenset()
    return frozenset([session.opd_id] if session.opd_id else [])


def _fits(
    region: Any,
    visit: GuidanceVisit,
    timed: Sequence[GuidanceSession],
    starts_at: datetime.datetime,
    minutes: int,
) -> bool:
    """The session would lie within the visit's days and the allowed hours, clear of the
    visit's other timed sessions."""
    assert visit.starts_on is not None and visit.ends_on is not None
    start = timezone.localtime(starts_at, zone(region))
    end = start + timedelta(minutes=minutes)
    if not visit.starts_on <= start.date() <= visit.ends_on or end.date() != start.date():
        return False
    if start.hour * 60 + start.minute < EARLIEST_MINUTE or end.hour * 60 + end.minute > (
        LATEST_MINUTE
    ):
        return False
    for other in timed:
        assert other.starts_at is not None
        other_end = other.starts_at + timedelta(minutes=other.duration_minutes)
        if other.starts_at < starts_at + timedelta(minutes=minutes) and starts_at < other_end:
            return False
    return True


def _carry_times(
    visit: GuidanceVisit,
    kept: Sequence[GuidanceSession],
    new: Sequence[GuidanceSession],
    removed: Sequence[Replaced],
    groups: dict[int, OPDGroup],
) -> None:
    """Each new session takes the time (and pin) of the sessions it replaces, when it
    fits there (see sync_sessions); not saved."""
    region = visit.guidance.region
    timed = [s for s in kept if s.status != SessionStatus.CANCELLED and s.starts_at is not None]
    for session in new:
        covered = _covered(session, groups)
        before = [r for r in removed if r.starts_at is not None and r.opds & covered]
        pinned = [r for r in before if r.pinned]
        session.pinned = bool(pinned)
        for rows in (pinned, before):
            times = [r.starts_at for r in rows if r.starts_at is not None]
            if times and _fits(region, visit, timed, min(times), session.duration_minutes):
                set_time(session, min(times))
                timed.append(session)
                break


def _lay_out_untimed(
    visit: GuidanceVisit, kept: Sequence[GuidanceSession], new: Sequence[GuidanceSession]
) -> None:
    """New sessions still without a time go to the first free slot of the visit's days
    (none when the days are full); saved."""
    assert visit.starts_on is not None and visit.ends_on is not None
    untimed = [s for s in new if s.starts_at is None]
    if not untimed:
        return
    live = [s for s in (*kept, *new) if s.status != SessionStatus.CANCELLED]
    days = (visit.ends_on - visit.starts_on).days + 1
    keep = {s.pk for s in live if s.starts_at is not None}
    layout = lay_out(visit, live, visit.starts_on, days, keep=keep)
    last = DAY_START_MINUTE + DAY_MINUTES
    region = visit.guidance.region
    for session in untimed:
        where = layout.get(session.pk)
        if where is not None and where[1] + session.duration_minutes <= last:
            set_time(session, utc_start(region, *where))
            session.save()


def layout_problem(stages: Iterable[GuidanceStage]) -> P.Problem:
    """A Problem that only knows the stages: enough for the session layout helpers."""
    return P.Problem(
        start=date.min,
        end=date.max,
        stages=tuple(
            P.Stage(s.number, s.days_in_region, s.min_gap_days, s.max_gap_days) for s in stages
        ),
        regions=(),
        mentors=(),
        visits=(),
        day_minutes=DAY_MINUTES,
        day_start_minute=DAY_START_MINUTE,
    )


def session_input(session: GuidanceSession, region: Any, *, fixed: bool) -> P.Session:
    placed = local_day_minute(session, region) if fixed else None
    return P.Session(
        id=str(session.pk),
        minutes=session.duration_minutes,
        plenary=session.kind == SessionKind.PLENARY,
        fixed_day=placed[0] if placed else None,
        fixed_start_minute=placed[1] if placed else None,
    )


def is_fixed_session(session: GuidanceSession) -> bool:
    return session.starts_at is not None and (
        session.pinned or session.status != SessionStatus.PLANNED
    )


def visit_length(visit: GuidanceVisit, sessions: Sequence[GuidanceSession]) -> int:
    """Calendar days the visit takes: its stage's days, or more when its sessions need."""
    region = visit.guidance.region
    problem = layout_problem([visit.stage])
    live = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    model = P.Visit(
        region=region.code,
        stage=visit.stage.number,
        sessions=tuple(session_input(s, region, fixed=False) for s in live),
    )
    return visit_days(problem, model)


def lay_out(
    visit: GuidanceVisit,
    sessions: Sequence[GuidanceSession],
    start: date,
    days: int,
    keep: set[int] | None = None,
) -> dict[int, tuple[date, int]]:
    """{session pk: (day, start minute)} for the visit's live sessions from `start`; the
    sessions in `keep` (by default the held and pinned ones) stay where they are."""
    region = visit.guidance.region
    live = [s for s in sessions if s.status != SessionStatus.CANCELLED]

    def fixed(session: GuidanceSession) -> bool:
        if keep is None:
            return is_fixed_session(session)
        return session.pk in keep and session.starts_at is not None

    model = P.Visit(
        region=region.code,
        stage=visit.stage.number,
        sessions=tuple(session_input(s, region, fixed=fixed(s)) for s in live),
    )
    placed = place_sessions(layout_problem([visit.stage]), model, start, days)
    return {int(p.id): (p.day, p.start_minute) for p in placed}


def set_time(session: GuidanceSession, starts_at: datetime.datetime | None) -> bool:
    """Give the session a new time: its iCalendar sequence goes up and the region must
    confirm it again. False when the time is the same."""
    if session.starts_at == starts_at:
        return False
    session.starts_at = starts_at
    session.sequence += 1
    session.confirmed_at = None
    return True
