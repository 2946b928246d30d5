"""Who this app notifies, and the reminders it sends each day (deadlines in 7 days and
in 1 day), registered in AppConfig.ready().

The services call the functions below inside their transaction (a write that fails
tells nobody; the emails leave once it commits). Messages are lazy translations written
in each recipient's language by ``accounts.services.notifications.notify``, which never
tells the person who acted.

Events and who is told:

- an assessor assigned to an application (one by one or in bulk): the assessor;
- an application reopened for changes: the region's coordinators;
- the selection result published: the coordinators of every region that applied;
- an agreement signed: the region's coordinators.

Deadlines (``remind_deadlines``, daily), a reminder within 7 days and another within 1:

- the cohort's application deadline: the coordinators of regions whose application
  is not submitted yet;
- the assessment phase's end: the assessors with scores still to submit;
- the agreement phase's end: the coordinators of selected regions not signed yet;
- the end of each guidance stage: the coordinators of the selected regions;
- the originals of a signed agreement due at the ministry (ORIGINALS_DUE_DAYS after
  signing), not sent yet: the region's coordinators.

The masterplan phase ("Masterplan due") is the masterplan app's reminder.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from kotacerdas.accounts.models import NotificationKind
from kotacerdas.accounts.services.notifications import days_left, notify, region_coordinators
from kotacerdas.core import periodic
from kotacerdas.core.localtime import zone
from kotacerdas.core.roles import Role
from kotacerdas.program.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    AssessorAssignment,
    Cohort,
    CohortPhase,
    CohortStatus,
    PhaseKind,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.program.models.agreements import ORIGINALS_DUE_DAYS

# Reminder tiers: a deadline within 7 days gets the first, within 1 day the second.
REMINDER_DAYS = (7, 1)


# Events ---------------------------------------------------------------------------------


def assessor_assigned(actor: Any, assignment: AssessorAssignment) -> None:
    application = assignment.application
    notify(
        [assignment.assessor],
        NotificationKind.ASSIGNMENT,
        _("You are assigned to assess the application of %(region)s to %(cohort)s."),
        params={"region": application.region.name, "cohort": application.cohort.name},
        url=reverse("program:assignment", args=[assignment.pk]),
        actor=actor,
    )


def assessors_assigned(
    actor: Any, cohort: Cohort, assignments: Sequence[AssessorAssignment]
) -> None:
    """A bulk assignment: one notification per assessor, with how many they got."""
    by_assessor: dict[int, list[AssessorAssignment]] = defaultdict(list)
    for assignment in assignments:
        by_assessor[assignment.assessor_id].append(assignment)
    for mine in by_assessor.values():
        notify(
            [mine[0].assessor],
            NotificationKind.ASSIGNMENT,
            ngettext_lazy(
                "You are assigned %(count)d application of %(cohort)s to assess.",
                "You are assigned %(count)d applications of %(cohort)s to assess.",
                "count",
            ),
            params={"count": len(mine), "cohort": cohort.name},
            url=reverse("inbox")
            if len(mine) > 1
            else reverse("program:assignment", args=[mine[0].pk]),
            actor=actor,
        )


def application_reopened(actor: Any, application: Application) -> None:
    notify(
        region_coordinators([application.region_id]),
        NotificationKind.CHANGE_REQUEST,
        _(
            "The program office reopened the application of %(region)s to %(cohort)s "
            "for changes: %(reason)s"
        ),
        params={
            "region": application.region.name,
            "cohort": application.cohort.name,
            "reason": _excerpt(application.reopen_reason),
        },
        url=reverse("program:application", args=[application.pk]),
        actor=actor,
    )


def selection_published(actor: Any, run: SelectionRun) -> None:
    """Each region that applied learns its own result (selected or not)."""
    cohort = run.cohort
    decisions = dict(
        SelectionDecision.objects.filter(run=run).values_list("application_id", "selected")
    )
    applications = cohort.applications.filter(status=ApplicationStatus.SUBMITTED).select_related(
        "region"
    )
    url = reverse("program:result", args=[cohort.year])
    for application in applications:
        selected = decisions.get(application.pk, False)
        notify(
            region_coordinators([application.region_id]),
            NotificationKind.RESULT,
            _("The result of %(cohort)s is published: %(region)s is selected.")
            if selected
            else _("The result of %(cohort)s is published: %(region)s is not selected this time."),
            params={"cohort": cohort.name, "region": application.region.name},
            url=url,
            actor=actor,
            key=f"result:{cohort.pk}",
        )


def agreement_signed(actor: Any, agreement: Agreement) -> None:

    region = agreement.application.region
    notify(
        region_coordinators([region.pk]),
        NotificationKind.APPROVAL,
        _(
            "The agreement %(number)s with %(region)s is signed. Send its originals to "
            "the ministry by post within %(days)d days."
        ),
        params={
            "number": agreement.number or "",
            "region": region.name,
            "days": ORIGINALS_DUE_DAYS,
        },
        url=reverse("program:agreement", args=[agreement.pk]),
        actor=actor,
        key=f"agreement-signed:{agreement.pk}",
    )


def _excerpt(text: str, length: int = 200) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# Deadlines ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """A deadline's reminder tier (7 or 1) and the days left, or None when no reminder
    is due on ``today`` (the deadline is further away, or passed)."""

    tier: int
    days: int


def reminder_for(deadline: datetime.date, today: datetime.date) -> Reminder | None:
    days = (deadline - today).days
    if days < 0 or days > REMINDER_DAYS[0]:
        return None
    return Reminder(REMINDER_DAYS[1] if days <= REMINDER_DAYS[1] else REMINDER_DAYS[0], days)


def remind(
    recipients: Iterable[Any],
    message: Any,
    *,
    deadline: datetime.date,
    reminder: Reminder,
    key: str,
    url: str,
    params: dict[str, Any] | None = None,
) -> int:
    """Tell the recipients once per deadline and tier (the key carries both, and the
    date: a deadline moved is reminded again)."""
    made = notify(
        recipients,
        NotificationKind.DEADLINE,
        message,
        params={**(params or {}), "date": deadline, "left": days_left(reminder.days)},
        url=url,
        key=f"deadline:{key}:{deadline.isoformat()}:{reminder.tier}",
    )
    return len(made)


def _window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today, today + datetime.timedelta(days=REMINDER_DAYS[0])


def _selected_region_ids(cohort_ids: Iterable[int]) -> dict[int, list[str]]:
    regions: dict[int, list[str]] = defaultdict(list)
    for cohort_id, region_id in SelectionDecision.objects.filter(
        run__cohort_id__in=list(cohort_ids), run__published=True, selected=True
    ).values_list("run__cohort_id", "application__region_id"):
        regions[cohort_id].append(region_id)
    return regions


def _application_deadlines(today: datetime.date) -> Iterator[int]:
    national = zone()
    for cohort in Cohort.objects.filter(status=CohortStatus.OPEN):
        deadline = timezone.localtime(cohort.application_deadline, national).date()
        reminder = reminder_for(deadline, today)
        if reminder is None:
            continue
        for application in cohort.applications.filter(
            status__in=[ApplicationStatus.DRAFT, ApplicationStatus.REOPENED]
        ).select_related("region"):
            yield remind(
                region_coordinators([application.region_id]),
                _(
                    "The application of %(region)s to %(cohort)s is not submitted yet: "
                    "applications close on %(date)s (%(left)s)."
                ),
                params={"region": application.region.name, "cohort": cohort.name},
                deadline=deadline,
                reminder=reminder,
                key=f"applications:{cohort.pk}",
                url=reverse("program:application", args=[application.pk]),
            )


def _phase_deadlines(today: datetime.date) -> Iterator[int]:
    first, last = _window(today)
    phases = list(
        CohortPhase.objects.filter(ends_on__range=(first, last))
        .filter(
            Q(kind__in=[PhaseKind.ASSESSMENT, PhaseKind.AGREEMENT])
            | Q(kind__startswith="guidance_")
        )
        .select_related("cohort")
    )
    selected = _selected_region_ids({phase.cohort_id for phase in phases})
    for phase in phases:
        reminder = reminder_for(phase.ends_on, today)
        if reminder is None:
            continue
        cohort = phase.cohort
        key = f"cohort-phase:{phase.pk}"
        if phase.kind == PhaseKind.ASSESSMENT:
            pending = AssessorAssignment.objects.filter(
                application__cohort=cohort, submitted_at=None, assessor__role=Role.ASSESSOR
            ).select_related("assessor")
            yield remind(
                {a.assessor for a in pending},
                _(
                    "The assessment of %(cohort)s ends on %(date)s (%(left)s): submit "
                    "the scores of every application assigned to you."
                ),
                params={"cohort": cohort.name},
                deadline=phase.ends_on,
                reminder=reminder,
                key=key,
                url=reverse("inbox"),
            )
        elif phase.kind == PhaseKind.AGREEMENT:
            signed = set(
                Agreement.objects.filter(application__cohort=cohort)
                .exclude(status=AgreementStatus.DRAFT)
                .values_list("application__region_id", flat=True)
            )
            waiting = [r for r in selected.get(cohort.pk, []) if r not in signed]
            yield remind(
                region_coordinators(waiting),
                _(
                    "The agreements of %(cohort)s are to be signed by %(date)s (%(left)s); "
                    "yours is not signed yet."
                ),
                params={"cohort": cohort.name},
                deadline=phase.ends_on,
                reminder=reminder,
                key=key,
                url=reverse("program:cohort", args=[cohort.year]),
            )
        else:
            yield remind(
                region_coordinators(selected.get(cohort.pk, [])),
                _("%(phase)s of %(cohort)s ends on %(date)s (%(left)s)."),
                params={"phase": PhaseKind(phase.kind).label, "cohort": cohort.name},
                deadline=phase.ends_on,
                reminder=reminder,
                key=key,
                url=reverse("program:cohort", args=[cohort.year]),
            )


def _originals_deadlines(today: datetime.date) -> Iterator[int]:

    due = datetime.timedelta(days=ORIGINALS_DUE_DAYS)
    first, last = _window(today)
    for agreement in Agreement.objects.filter(
        status=AgreementStatus.SIGNED, signed_on__range=(first - due, last - due)
    ).select_related("application__region"):
        assert agreement.signed_on is not None
        deadline = agreement.signed_on + due
        reminder = reminder_for(deadline, today)
        if reminder is None:
            continue
        region = agreement.application.region
        yield remind(
            region_coordinators([region.pk]),
            _(
                "The signed originals of agreement %(number)s (%(region)s) are due at "
                "the ministry by %(date)s (%(left)s): send them by post."
            ),
            params={"number": agreement.number or "", "region": region.name},
            deadline=deadline,
            reminder=reminder,
            key=f"agreement-originals:{agreement.pk}",
            url=reverse("program:agreement", args=[agreement.pk]),
        )


def remind_deadlines(today: datetime.date) -> int:
    """The program's deadline reminders for ``today`` (WIB); returns how many
    notifications were made. Each is made once (keyed), so running twice is harmless."""
    return (
        sum(_application_deadlines(today))
        + sum(_phase_deadlines(today))
        + sum(_originals_deadlines(today))
    )


def register() -> None:
    periodic.register_daily("program.deadlines", remind_deadlines)


__all__ = [
    "Reminder",
    "agreement_signed",
    "application_reopened",
    "assessor_assigned",
    "assessors_assigned",
    "register",
    "remind",
    "remind_deadlines",
    "reminder_for",
    "selection_published",
]
