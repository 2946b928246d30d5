"""Who guidance notifies, and the reminder it sends each day, registered in
AppConfig.ready().

The services call the functions below inside their transaction; ``notify`` writes each
message in the recipient's language and never tells the person who acted.

Events and who is told:

- sessions set or moved (a plan applied, a visit or a session moved): the visit's
  mentors and the region's coordinator and deputies;
- a stage completed (signed off by the mentor): the region's coordinator and deputies;
- a schedule run finished (or failed): the person who started it;
- a scheduled visit's sessions changed with the region's OPD groups (a group formed,
  changed or removed): the visit's mentors and the region's coordinator and deputies;
- visits a plan applied leaves without dates (it could not place them): their former
  mentors and the region's coordinator and deputies;
- a mentor's unavailability, or a region's blackout, clashing with planned visits: the
  program office (it re-plans; nothing is moved by itself).

Daily (``remind_daily``): mentors with sessions in the next ``SOON_DAYS`` days, mentors
with past sessions whose attendance is not recorded (of open stages only: stage I, or
the previous stage signed off), coordinators with sessions to
confirm; each once per day and person (keyed).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from kotacerdas.accounts.models import NotificationKind
from kotacerdas.accounts.services.notifications import display_name, notify, region_coordinators
from kotacerdas.bimtek.models import (
    GuidanceSession,
    GuidanceVisit,
    MentorUnavailability,
    RegionBlackout,
    RunStatus,
    ScheduleRun,
    SessionStatus,
    StageNumber,
    VisitStatus,
)
from kotacerdas.core import periodic
from kotacerdas.core.roles import Role

SOON_DAYS = 3


def _visit_url(visit: GuidanceVisit) -> str:
    return reverse("bimtek:visit", args=[visit.pk])


def _mentors(visit: GuidanceVisit) -> list[Any]:
    return list(visit.mentors.filter(is_active=True))


def _office() -> Any:
    return get_user_model().objects.filter(
        Q(role=Role.PROGRAM_OFFICE) | Q(is_superuser=True, role=""), is_active=True
    )


def sessions_changed(
    actor: Any, visit: GuidanceVisit, sessions: Sequence[GuidanceSession], *, moved: bool
) -> None:
    """A visit's dates or sessions set or moved: its mentors and the region."""
    region = visit.guidance.region
    recipients = [*_mentors(visit), *region_coordinators([region.pk])]
    if not recipients:
        return
    if len(sessions) == 1 and moved:
        message = _("A guidance session in %(region)s was moved: %(title)s, %(stage)s.")
    elif moved:
        message = _("The guidance visit to %(region)s (%(stage)s) was moved to %(start)s.")
    else:
        message = _("The guidance visit to %(region)s (%(stage)s) is set: from %(start)s.")
    url = (
        reverse("bimtek:session", args=[sessions[0].pk])
        if len(sessions) == 1
        else _visit_url(visit)
    )
    notify(
        recipients,
        NotificationKind.ASSIGNMENT,
        message,
        params={
            "region": region.name,
            "stage": visit.stage.get_number_display(),
            "title": sessions[0].title if sessions else "",
            "start": visit.starts_on or "",
        },
        url=url,
        actor=actor,
    )


def plan_applied(actor: Any, run: ScheduleRun, visits: Iterable[GuidanceVisit]) -> int:
    """A plan applied: per region, its mentors and coordinators hear the dates of its
    visits that were set or moved (one notification per person and region)."""
    by_region: dict[int, list[GuidanceVisit]] = defaultdict(list)
    for visit in visits:
        by_region[visit.guidance_id].append(visit)
    told = 0
    coordinators_of: dict[str, list[Any]] = defaultdict(list)
    region_ids = {v.guidance.region_id for group in by_region.values() for v in group}
    for coordinator in region_coordinators(region_ids):
        coordinators_of[coordinator.region_id].append(coordinator)
    for group in by_region.values():
        group.sort(key=lambda v: v.stage.number)
        first = group[0]
        region = first.guidance.region
        mentors = {m.pk: m for v in group for m in v.mentors.all() if m.is_active}
        dates = "; ".join(
            f"{v.stage.get_number_display()}: {v.starts_on:%Y-%m-%d}" for v in group if v.starts_on
        )
        made = notify(
            [*mentors.values(), *coordinators_of.get(region.pk, [])],
            NotificationKind.ASSIGNMENT,
            _("The guidance schedule of %(region)s is set or changed: %(dates)s."),
            params={"region": region.name, "dates": dates},
            url=reverse("bimtek:region", args=[first.guidance.cohort.year, region.pk]),
            actor=actor,
        )
        told += len(made)
    return told


def sessions_regrouped(
    actor: Any, visit: GuidanceVisit, added: Sequence[GuidanceSession], removed: Sequence[Any]
) -> None:
    """A scheduled visit's sessions changed with the region's OPD groups: its mentors and
    the region hear which sessions came and went. `removed` holds what the sessions that
    went left behind (anything with a `title`)."""
    region = visit.guidance.region
    recipients = [*_mentors(visit), *region_coordinators([region.pk])]
    came = ", ".join(s.title for s in added)
    went = ", ".join(r.title for r in removed)
    if came and went:
        message = _(
            "The OPD groups of %(region)s changed the guidance sessions of %(stage)s: "
            "%(added)s in place of %(removed)s."
        )
    elif came:
        message = _(
            "The OPD groups of %(region)s changed the guidance sessions of %(stage)s: "
            "%(added)s added."
        )
    else:
        message = _(
            "The OPD groups of %(region)s changed the guidance sessions of %(stage)s: "
            "%(removed)s removed."
        )
    notify(
        recipients,
        NotificationKind.ASSIGNMENT,
        message,
        params={
            "region": region.name,
            "stage": visit.stage.get_number_display(),
            "added": came,
            "removed": went,
        },
        url=_visit_url(visit),
        actor=actor,
    )


def plan_unscheduled(
    actor: Any, run: ScheduleRun, cleared: Sequence[tuple[GuidanceVisit, Sequence[Any]]]
) -> int:
    """A plan applied that could not place some visits: they lost their dates and team.
    Per region, the former mentors of those visits and the region's coordinators hear
    which stages wait for new dates. `cleared` pairs each visit with its former team."""
    by_region: dict[int, list[tuple[GuidanceVisit, Sequence[Any]]]] = defaultdict(list)
    for visit, team in cleared:
        by_region[visit.guidance_id].append((visit, team))
    region_ids = {v.guidance.region_id for v, _team in cleared}
    coordinators_of: dict[str, list[Any]] = defaultdict(list)
    for coordinator in region_coordinators(region_ids):
        coordinators_of[coordinator.region_id].append(coordinator)
    told = 0
    for rows in by_region.values():
        rows.sort(key=lambda row: row[0].stage.number)
        first = rows[0][0]
        region = first.guidance.region
        mentors = {m.pk: m for _visit, team in rows for m in team}
        labels = [StageNumber(v.stage.number).label for v, _team in rows]
        stages = format_lazy(", ".join("{}" for _label in labels), *labels)
        made = notify(
            [*mentors.values(), *coordinators_of.get(region.pk, [])],
            NotificationKind.ASSIGNMENT,
            _(
                "The new guidance plan could not place %(stages)s in %(region)s: the "
                "dates and team are removed until the visits are planned again."
            ),
            params={"region": region.name, "stages": stages},
            url=reverse("bimtek:region", args=[first.guidance.cohort.year, region.pk]),
            actor=actor,
        )
        told += len(made)
    return told


def stage_completed(actor: Any, visit: GuidanceVisit) -> None:
    region = visit.guidance.region
    notify(
        region_coordinators([region.pk]),
        NotificationKind.APPROVAL,
        _("%(mentor)s signed off %(stage)s of the guidance in %(region)s."),
        params={
            "mentor": display_name(actor),
            "stage": visit.stage.get_number_display(),
            "region": region.name,
        },
        url=_visit_url(visit),
        actor=actor,
    )


def run_finished(run: ScheduleRun) -> None:
    """The person who started the run hears how it ended."""
    if run.requested_by is None:
        return
    messages = {
        RunStatus.OPTIMAL: _("The guidance schedule for %(cohort)s is ready: an optimal plan."),
        RunStatus.FEASIBLE: _("The guidance schedule for %(cohort)s is ready: a feasible plan."),
        RunStatus.INCOMPLETE: _(
            "The guidance schedule for %(cohort)s ran out of time with visits still unplaced."
        ),
        RunStatus.INFEASIBLE: _(
            "The guidance schedule for %(cohort)s cannot place every visit; see what is short."
        ),
        RunStatus.INVALID: _("The guidance schedule for %(cohort)s was refused: see why."),
        RunStatus.FAILED: _("The guidance schedule for %(cohort)s failed."),
    }
    message = messages.get(RunStatus(run.status))
    if message is None:
        return
    notify(
        [run.requested_by],
        NotificationKind.RESULT,
        message,
        params={"cohort": run.cohort.name},
        url=reverse("bimtek:run", args=[run.cohort.year, run.pk]),
        key=f"bimtek-run:{run.pk}:{run.status}",
    )


def unavailability_clashes(
    actor: Any, period: MentorUnavailability, visits: Sequence[GuidanceVisit]
) -> None:
    """The office hears which planned visits a mentor's new unavailability clashes with."""
    names = ", ".join(
        f"{v.guidance.region.name} ({v.stage.get_number_display()})" for v in visits[:10]
    )
    if len(visits) > 10:
        names += ", …"
    notify(
        _office(),
        NotificationKind.CHANGE_REQUEST,
        ngettext_lazy(
            "%(mentor)s is unavailable from %(start)s to %(end)s, clashing with %(count)d "
            "planned visit: %(visits)s. Re-plan the guidance.",
            "%(mentor)s is unavailable from %(start)s to %(end)s, clashing with %(count)d "
            "planned visits: %(visits)s. Re-plan the guidance.",
            "count",
        ),
        params={
            "mentor": display_name(period.mentor),
            "start": period.starts_on,
            "end": period.ends_on,
            "count": len(visits),
            "visits": names,
        },
        url=reverse("bimtek:mentor", args=[period.mentor_id]),
        actor=actor,
    )


def _held_note(count: int) -> str:
    return ngettext(
        "%(count)d visit already held in those days keeps its record.",
        "%(count)d visits already held in those days keep their record.",
        count,
    ) % {"count": count}


# "2 visits already held in those days keep their record.": lazy, for a parameter.
held_note = lazy(_held_note, str)


def blackout_clashes(
    actor: Any,
    blackout: RegionBlackout,
    visits: Sequence[GuidanceVisit],
    held: Sequence[GuidanceVisit] = (),
) -> None:
    """The office hears which planned visits a region's new blackout clashes with (and
    that visits already held in those days keep their record)."""
    names = ", ".join(
        f"{v.guidance.region.name} ({v.stage.get_number_display()})" for v in visits[:10]
    )
    if len(visits) > 10:
        names += ", …"
    params: dict[str, Any] = {
        "region": blackout.region.name,
        "start": blackout.starts_on,
        "end": blackout.ends_on,
        "count": len(visits),
        "visits": names,
    }
    if held:
        message = ngettext_lazy(
            "%(region)s cannot receive guidance from %(start)s to %(end)s, clashing with "
            "%(count)d planned visit: %(visits)s. Re-plan the guidance. %(held)s",
            "%(region)s cannot receive guidance from %(start)s to %(end)s, clashing with "
            "%(count)d planned visits: %(visits)s. Re-plan the guidance. %(held)s",
            "count",
        )
        params["held"] = held_note(len(held))
    else:
        message = ngettext_lazy(
            "%(region)s cannot receive guidance from %(start)s to %(end)s, clashing with "
            "%(count)d planned visit: %(visits)s. Re-plan the guidance.",
            "%(region)s cannot receive guidance from %(start)s to %(end)s, clashing with "
            "%(count)d planned visits: %(visits)s. Re-plan the guidance.",
            "count",
        )
    notify(
        _office(),
        NotificationKind.CHANGE_REQUEST,
        message,
        params=params,
        url=reverse("bimtek:region", args=[visits[0].guidance.cohort.year, blackout.region_id]),
        actor=actor,
    )


# Daily reminders ------------------------------------------------------------------------


def _soon_sessions(today: datetime.date) -> list[GuidanceSession]:
    """Planned sessions from today to SOON_DAYS days ahead (a margin of a day either
    side for the zones; each is checked in its region's zone below)."""
    start = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time.min)
    )
    end = start + datetime.timedelta(days=SOON_DAYS + 3)
    return list(
        GuidanceSession.objects.filter(
            status=SessionStatus.PLANNED, starts_at__gte=start, starts_at__lt=end
        )
        .select_related("visit__guidance__region")
        .prefetch_related("visit__mentors")
        .order_by("starts_at")
    )


def _local_day(session: GuidanceSession) -> datetime.date:
    from kotacerdas.core.localtime import zone

    assert session.starts_at is not None
    return timezone.localtime(session.starts_at, zone(session.visit.guidance.region)).date()


def remind_daily(today: datetime.date) -> int:
    """Reminders for `today` (WIB); returns how many notifications were made. Keyed per
    person and day, so running twice is harmless."""
    made = 0
    soon: dict[Any, list[GuidanceSession]] = defaultdict(list)
    to_confirm: dict[str, list[GuidanceSession]] = defaultdict(list)
    last = today + datetime.timedelta(days=SOON_DAYS)
    for session in _soon_sessions(today):
        day = _local_day(session)
        if not today <= day <= last:
            continue
        for mentor in session.visit.mentors.all():
            soon[mentor].append(session)
        if session.confirmed_at is None:
            to_confirm[session.visit.guidance.region_id].append(session)
    for mentor, sessions in soon.items():
        made += len(
            notify(
                [mentor],
                NotificationKind.DEADLINE,
                ngettext_lazy(
                    "You have %(count)d guidance session in the next %(days)d days, the "
                    "first: %(title)s in %(region)s.",
                    "You have %(count)d guidance sessions in the next %(days)d days, the "
                    "first: %(title)s in %(region)s.",
                    "count",
                ),
                params={
                    "count": len(sessions),
                    "days": SOON_DAYS,
                    "title": sessions[0].title,
                    "region": sessions[0].visit.guidance.region.name,
                },
                url=reverse("bimtek:mentor-calendar", args=[mentor.pk]),
                key=f"bimtek-soon:{mentor.pk}:{today.isoformat()}",
            )
        )
    # Past planned sessions of open visits: attendance to record.
    now = timezone.now()
    previous_complete = GuidanceVisit.objects.filter(
        guidance=OuterRef("visit__guidance"),
        stage__number=OuterRef("visit__stage__number") - 1,
        status=VisitStatus.COMPLETE,
    )
    overdue = (
        GuidanceSession.objects.filter(
            status=SessionStatus.PLANNED,
            starts_at__lt=now,
            visit__status=VisitStatus.PLANNED,
        )
        .filter(Q(visit__stage__number=StageNumber.I) | Q(Exists(previous_complete)))
        .values("visit__mentors")
        .order_by()
    )
    counts: dict[int, int] = defaultdict(int)
    for row in overdue:
        if row["visit__mentors"]:
            counts[row["visit__mentors"]] += 1
    mentors = get_user_model().objects.filter(pk__in=list(counts), is_active=True)
    for mentor in mentors:
        made += len(
            notify(
                [mentor],
                NotificationKind.DEADLINE,
                ngettext_lazy(
                    "%(count)d guidance session you held has no attendance recorded yet.",
                    "%(count)d guidance sessions you held have no attendance recorded yet.",
                    "count",
                ),
                params={"count": counts[mentor.pk]},
                url=reverse("bimtek:mentor-calendar", args=[mentor.pk]),
                key=f"bimtek-attendance:{mentor.pk}:{today.isoformat()}",
            )
        )
    for region_id, sessions in to_confirm.items():
        first = sessions[0]
        guidance = first.visit.guidance
        made += len(
            notify(
                region_coordinators([region_id]),
                NotificationKind.DEADLINE,
                ngettext_lazy(
                    "%(count)d guidance session in %(region)s in the next %(days)d days is "
                    "not confirmed yet.",
                    "%(count)d guidance sessions in %(region)s in the next %(days)d days are "
                    "not confirmed yet.",
                    "count",
                ),
                params={"count": len(sessions), "region": guidance.region.name, "days": SOON_DAYS},
                url=_visit_url(first.visit),
                key=f"bimtek-confirm:{region_id}:{today.isoformat()}",
            )
        )
    return made


def register() -> None:
    periodic.register_daily("bimtek.reminders", remind_daily)


__all__ = [
    "blackout_clashes",
    "plan_applied",
    "plan_unscheduled",
    "register",
    "remind_daily",
    "run_finished",
    "sessions_changed",
    "sessions_regrouped",
    "stage_completed",
    "unavailability_clashes",
]
