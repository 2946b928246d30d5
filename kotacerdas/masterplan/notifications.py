"""Who this app notifies, and the reminders it sends each day (deadlines in 7 days and
in 1 day), registered in AppConfig.ready().

The services call the functions below inside their transaction; ``notify`` writes
each message in the recipient's language and never tells the person who acted.

Events and who is told:

- a masterplan submitted for review: the mentors assigned to its region (kind
  "assignment": a review lands in their inbox);
- changes requested: the region's coordinators (with what the reviewer wrote);
- approved: the region's coordinators;
- legalised: the mentors assigned to the region;
- a reply in a review thread: everyone else who wrote in the thread.

Deadline (``remind_deadlines``, daily): the cohort's masterplan phase ("Masterplan
due"), 7 days and 1 day before it ends, to the coordinators of the regions selected in
that cohort whose masterplan is not approved yet.
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import NotificationKind
from kotacerdas.accounts.services.notifications import (
    assigned_staff,
    display_name,
    notify,
    region_coordinators,
)
from kotacerdas.core import periodic
from kotacerdas.core.roles import Role
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus, ReviewComment
from kotacerdas.program.models import CohortPhase, PhaseKind, SelectionDecision
from kotacerdas.program.notifications import REMINDER_DAYS, remind, reminder_for

EXCERPT = 200


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def submitted(actor: Any, masterplan: Masterplan, version_number: int) -> None:
    region = masterplan.region
    notify(
        assigned_staff(region, Role.MENTOR),
        NotificationKind.ASSIGNMENT,
        _("%(region)s submitted its masterplan (version %(version)d) for your review."),
        params={"region": region.name, "version": version_number},
        url=reverse("masterplan:review", args=[masterplan.pk]),
        actor=actor,
    )


def changes_requested(actor: Any, masterplan: Masterplan, comment: ReviewComment) -> None:
    region = masterplan.region
    notify(
        region_coordinators([region.pk]),
        NotificationKind.CHANGE_REQUEST,
        _("%(reviewer)s asked for changes to the masterplan of %(region)s: %(comment)s"),
        params={
            "reviewer": display_name(actor),
            "region": region.name,
            "comment": _excerpt(comment.body),
        },
        url=reverse("masterplan:review", args=[masterplan.pk]) + f"#thread-{comment.pk}",
        actor=actor,
    )


def approved(actor: Any, masterplan: Masterplan) -> None:
    region = masterplan.region
    notify(
        region_coordinators([region.pk]),
        NotificationKind.APPROVAL,
        _(
            "%(reviewer)s approved the masterplan of %(region)s. Next: have it enacted "
            "as a Perbup/Perwali and record it."
        ),
        params={"reviewer": display_name(actor), "region": region.name},
        url=reverse("masterplan:workflow", args=[masterplan.pk]),
        actor=actor,
    )


def legalised(actor: Any, masterplan: Masterplan) -> None:
    region = masterplan.region
    notify(
        assigned_staff(region, Role.MENTOR),
        NotificationKind.APPROVAL,
        _("The masterplan of %(region)s is legalised (%(number)s)."),
        params={"region": region.name, "number": masterplan.legal_number},
        url=reverse("masterplan:detail", args=[masterplan.pk]),
        actor=actor,
    )


def replied(actor: Any, reply: ReviewComment) -> None:
    """A reply: everyone else who wrote in the thread (its author and the repliers)."""
    thread = reply.parent
    if thread is None:
        return
    masterplan = reply.masterplan
    author_ids = {thread.author_id} | set(
        ReviewComment.objects.filter(parent=thread).values_list("author_id", flat=True)
    )
    author_ids.discard(None)
    participants = get_user_model().objects.filter(pk__in=author_ids, is_active=True)
    notify(
        participants,
        NotificationKind.COMMENT,
        _("%(author)s replied in a thread on the masterplan of %(region)s: %(comment)s"),
        params={
            "author": display_name(actor),
            "region": masterplan.region.name,
            "comment": _excerpt(reply.body),
        },
        url=reverse("masterplan:review", args=[masterplan.pk]) + f"#thread-{thread.pk}",
        actor=actor,
    )


# Deadlines ------------------------------------------------------------------------------

DONE = (MasterplanStatus.APPROVED, MasterplanStatus.LEGALISED)


def _masterplan_deadlines(today: datetime.date) -> Iterator[int]:
    last = today + datetime.timedelta(days=REMINDER_DAYS[0])
    phases = CohortPhase.objects.filter(
        kind=PhaseKind.MASTERPLAN, ends_on__range=(today, last)
    ).select_related("cohort")
    for phase in phases:
        reminder = reminder_for(phase.ends_on, today)
        if reminder is None:
            continue
        selected = list(
            SelectionDecision.objects.filter(
                run__cohort=phase.cohort, run__published=True, selected=True
            )
            .select_related("application__region")
            .order_by("application__region_id")
        )
        plans: dict[str, Masterplan] = {}
        for found in Masterplan.objects.filter(
            region_id__in=[d.application.region_id for d in selected]
        ).order_by("region_id", "-first_year", "-pk"):
            plans.setdefault(found.region_id, found)
        for decision in selected:
            region = decision.application.region
            plan = plans.get(region.pk)
            if plan is not None and plan.status in DONE:
                continue
            yield remind(
                region_coordinators([region.pk]),
                _(
                    "The masterplan of %(region)s is due on %(date)s (%(left)s) and is "
                    "not approved yet."
                ),
                params={"region": region.name},
                deadline=phase.ends_on,
                reminder=reminder,
                key=f"masterplan:{phase.pk}",
                url=reverse("masterplan:detail", args=[plan.pk])
                if plan is not None
                else reverse("masterplan:list"),
            )


def remind_deadlines(today: datetime.date) -> int:
    """The masterplan deadline reminders for ``today`` (WIB); returns how many
    notifications were made (each once: running twice is harmless)."""
    return sum(_masterplan_deadlines(today))


def register() -> None:
    periodic.register_daily("masterplan.deadlines", remind_deadlines)


__all__ = [
    "approved",
    "changes_requested",
    "legalised",
    "register",
    "remind_deadlines",
    "replied",
    "submitted",
]
