"""Guidance's items in the work inbox (core.inbox), registered in AppConfig.ready().

Each kind is one query on the person's querysets of ``bimtek.access``, bounded by
``core.inbox.capped``:

- a mentor: sessions of their visits to hold in the next ``HOLD_DAYS`` days, past
  planned sessions whose attendance is to be recorded (the visit still open), both
  only for stages that are open (stage I, or the previous stage signed off), and
  stages to sign off (every session held or cancelled, one held at least, the visit not
  complete);
- a region's coordinator (a deputy too): visits with planned sessions ahead that the
  region has not confirmed, and OPD groups to form (the region in guidance with no
  group while its stage I has no session held).
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.bimtek import access
from kotacerdas.bimtek.models import (
    GuidanceSession,
    GuidanceVisit,
    OPDGroup,
    SessionStatus,
    StageNumber,
    VisitStatus,
)
from kotacerdas.core.inbox import Entry, InboxItem, InboxSource, capped, register_inbox_source
from kotacerdas.core.roles import Role

HOLD_DAYS = 14

KINDS = {
    "session_to_hold": gettext_lazy("Guidance session to hold"),
    "attendance_to_record": gettext_lazy("Attendance to record"),
    "stage_to_sign_off": gettext_lazy("Guidance stage to sign off"),
    "sessions_to_confirm": gettext_lazy("Guidance sessions to confirm"),
    "groups_to_form": gettext_lazy("OPD groups to form"),
}


def _stage(number: int) -> str:
    return str(StageNumber(number).label)


def stage_open_q() -> Q:
    """Sessions of an open stage: stage I, or one whose previous stage is signed off in
    the region (a stage opens only when the previous one is complete)."""
    previous_complete = GuidanceVisit.objects.filter(
        guidance=OuterRef("visit__guidance"),
        stage__number=OuterRef("visit__stage__number") - 1,
        status=VisitStatus.COMPLETE,
    )
    return Q(visit__stage__number=StageNumber.I) | Q(Exists(previous_complete))


def _mentor(user: Any) -> Iterator[Entry]:
    now = timezone.now()
    mine = (
        access.sessions_visible_to(user)
        .filter(visit__mentors=user, status=SessionStatus.PLANNED)
        .filter(stage_open_q())
        .annotate(
            region_name=F("visit__guidance__region__name"),
            stage_number=F("visit__stage__number"),
        )
    )
    yield from capped(
        mine.filter(starts_at__gte=now, starts_at__lt=now + datetime.timedelta(days=HOLD_DAYS))
        .order_by("starts_at", "pk")
        .values("pk", "title", "starts_at", "updated_at", "region_name", "stage_number"),
        lambda row: InboxItem(
            kind="session_to_hold",
            title=_("Hold %(title)s in %(region)s (%(stage)s)")
            % {
                "title": row["title"],
                "region": row["region_name"],
                "stage": _stage(row["stage_number"]),
            },
            url=reverse("bimtek:session", args=[row["pk"]]),
            since=min(row["updated_at"], row["starts_at"]),
            region=row["region_name"],
            due=row["starts_at"],
        ),
        kind="session_to_hold",
        url=reverse("bimtek:mentor-calendar", args=[user.pk]),
    )
    yield from capped(
        mine.filter(starts_at__lt=now, visit__status=VisitStatus.PLANNED)
        .order_by("starts_at", "pk")
        .values("pk", "title", "starts_at", "region_name", "stage_number"),
        lambda row: InboxItem(
            kind="attendance_to_record",
            title=_("Record who came to %(title)s in %(region)s (%(stage)s)")
            % {
                "title": row["title"],
                "region": row["region_name"],
                "stage": _stage(row["stage_number"]),
            },
            url=reverse("bimtek:session", args=[row["pk"]]),
            since=row["starts_at"],
            region=row["region_name"],
        ),
        kind="attendance_to_record",
        url=reverse("bimtek:mentor-calendar", args=[user.pk]),
    )
    sessions = GuidanceSession.objects.filter(visit=OuterRef("pk"))
    last_held = (
        GuidanceSession.objects.filter(visit=OuterRef("pk"), status=SessionStatus.HELD)
        .order_by("-held_at")
        .values("held_at")[:1]
    )
    yield from capped(
        access.visits_visible_to(user)
        .filter(mentors=user, status=VisitStatus.PLANNED)
        .filter(Exists(sessions.filter(status=SessionStatus.HELD)))
        .exclude(Exists(sessions.filter(status=SessionStatus.PLANNED)))
        .annotate(
            region_name=F("guidance__region__name"),
            stage_number=F("stage__number"),
            last_held=last_held,
        )
        .order_by("ends_on", "pk")
        .values("pk", "region_name", "stage_number", "last_held", "updated_at"),
        lambda row: InboxItem(
            kind="stage_to_sign_off",
            title=_("Sign off %(stage)s in %(region)s: every session is held")
            % {"stage": _stage(row["stage_number"]), "region": row["region_name"]},
            url=reverse("bimtek:visit", args=[row["pk"]]),
            since=row["last_held"] or row["updated_at"],
            region=row["region_name"],
        ),
        kind="stage_to_sign_off",
    )


def _coordinator(user: Any) -> Iterator[Entry]:
    if not user.region_id:
        return
    now = timezone.now()
    unconfirmed = GuidanceSession.objects.filter(
        visit=OuterRef("pk"),
        status=SessionStatus.PLANNED,
        starts_at__gte=now,
        confirmed_at=None,
    )
    first_unconfirmed = unconfirmed.order_by("starts_at").values("starts_at")[:1]
    latest_change = unconfirmed.order_by("-updated_at").values("updated_at")[:1]
    yield from capped(
        access.visits_visible_to(user)
        .filter(guidance__region_id=user.region_id, status=VisitStatus.PLANNED)
        .filter(Exists(unconfirmed))
        .annotate(
            region_name=F("guidance__region__name"),
            stage_number=F("stage__number"),
            first=first_unconfirmed,
            changed=latest_change,
        )
        .order_by("starts_on", "pk")
        .values("pk", "region_name", "stage_number", "first", "changed", "starts_on"),
        lambda row: InboxItem(
            kind="sessions_to_confirm",
            title=_("Confirm the guidance sessions of %(stage)s")
            % {"stage": _stage(row["stage_number"])},
            url=reverse("bimtek:visit", args=[row["pk"]]),
            since=row["changed"],
            region=row["region_name"],
            due=row["first"],
        ),
        kind="sessions_to_confirm",
    )
    stage_one_held = GuidanceSession.objects.filter(
        visit__guidance=OuterRef("pk"),
        visit__stage__number=StageNumber.I,
        status=SessionStatus.HELD,
    )
    yield from capped(
        access.guidance_visible_to(user)
        .filter(region_id=user.region_id)
        .exclude(Exists(OPDGroup.objects.filter(guidance=OuterRef("pk"))))
        .exclude(Exists(stage_one_held))
        .order_by("created_at", "pk")
        .values(
            "pk", "created_at", "region_id", year=F("cohort__year"), region_name=F("region__name")
        ),
        lambda row: InboxItem(
            kind="groups_to_form",
            title=_("Group your OPDs for the guidance sessions of %(year)s")
            % {"year": row["year"]},
            url=reverse("bimtek:groups", args=[row["year"], row["region_id"]]),
            since=row["created_at"],
            region=row["region_name"],
            detail=_("Until you form groups, each OPD has a session of its own in every stage."),
        ),
        kind="groups_to_form",
    )


def register() -> None:
    register_inbox_source(
        InboxSource(
            "bimtek.mentor",
            frozenset({Role.MENTOR}),
            _mentor,
            {k: KINDS[k] for k in ("session_to_hold", "attendance_to_record", "stage_to_sign_off")},
        )
    )
    register_inbox_source(
        InboxSource(
            "bimtek.region",
            frozenset({Role.REGION_COORDINATOR}),
            _coordinator,
            {k: KINDS[k] for k in ("sessions_to_confirm", "groups_to_form")},
        )
    )
