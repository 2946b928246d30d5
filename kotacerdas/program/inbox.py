"""This app's items in the work inbox (core.inbox), registered in AppConfig.ready().

Who gets what, each kind one query (bounded by ``core.inbox.capped``) on the person's
own querysets of ``program.access``:

- an assessor: applications to score (own assignments not submitted, in a cohort not
  yet published) and interviews to record (own assignments of a cohort under
  assessment whose application has no interview yet);
- a region's coordinator (and deputy): the OPDs without a signed commitment once the
  region is selected (one item for the region), the agreement's next step (a draft to
  sign by the agreement phase's end, signed originals to post within
  ``ORIGINALS_DUE_DAYS``), and deadlines within ``DEADLINE_DAYS``: an open cohort's
  application deadline while the region's application is not submitted, and the end of
  the agreement phase (no agreement drafted yet) and of each guidance stage of the cohort
  that selected the region (the masterplan phase is the masterplan app's);
- the program office: submitted applications with fewer than ``MIN_ASSESSORS``
  assessors, applications whose assessors disagree (a criterion's scores more than
  ``scoring.DISAGREEMENT`` apart, as program.scoring says), and agreements overdue
  (originals not received ``ORIGINALS_DUE_DAYS`` after signing, or not signed when the
  cohort's agreement phase has ended).
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.inbox import (
    Entry,
    InboxItem,
    InboxSource,
    at_start_of,
    capped,
    register_inbox_source,
)
from kotacerdas.core.localtime import zone
from kotacerdas.core.roles import Role
from kotacerdas.program import access, scoring
from kotacerdas.program.models import (
    AgreementStatus,
    Application,
    ApplicationStatus,
    Cohort,
    CohortPhase,
    CohortStatus,
    CriterionScore,
    Interview,
    PhaseKind,
    SelectionDecision,
)
from kotacerdas.program.models.agreements import ORIGINALS_DUE_DAYS
from kotacerdas.program.services.assessment import MIN_ASSESSORS

DEADLINE_DAYS = 14  # a deadline this close lands in the inbox
# Cohorts whose assessment is still under way (a published result ends it).
ASSESSING = (CohortStatus.OPEN, CohortStatus.ASSESSMENT, CohortStatus.SELECTION)
GUIDANCE = (PhaseKind.GUIDANCE_1, PhaseKind.GUIDANCE_2, PhaseKind.GUIDANCE_3, PhaseKind.GUIDANCE_4)

KINDS = {
    "application_to_score": gettext_lazy("Application to score"),
    "interview_to_record": gettext_lazy("Interview to record"),
    "commitments_missing": gettext_lazy("Commitments missing"),
    "agreement_step": gettext_lazy("Agreement step"),
    "deadline": gettext_lazy("Deadline"),
    "application_without_assessors": gettext_lazy("Application without assessors"),
    "assessors_disagree": gettext_lazy("Assessors disagree"),
    "agreement_overdue": gettext_lazy("Agreement overdue"),
}


# What an agreement's inbox item shows (the region's steps, the office's overdue ones).
AGREEMENT_COLUMNS = ("pk", "status", "number", "created_at", "signed_on", "agreement_end")
AGREEMENT_REGION = {"region_name": F("application__region__name")}


def _phase_end(kind: str, cohort: str = "application__cohort") -> Subquery:
    return Subquery(
        CohortPhase.objects.filter(cohort=OuterRef(cohort), kind=kind).values("ends_on")[:1]
    )


def _day(value: datetime.date | None) -> datetime.datetime | None:
    return at_start_of(value, zone()) if value is not None else None


# Assessor ------------------------------------------------------------------------------


def _assessor(user: Any) -> Iterator[Entry]:
    mine = (
        access.assignments_of(user)
        .filter(application__status=ApplicationStatus.SUBMITTED)
        .annotate(assessment_end=_phase_end(PhaseKind.ASSESSMENT))
        .order_by("created_at", "pk")
        .values(
            "pk",
            "created_at",
            "assessment_end",
            region_name=F("application__region__name"),
            cohort=F("application__cohort__name"),
        )
    )

    def item(kind: str, title: str, anchor: str = "") -> Any:
        def make(row: dict[str, Any]) -> InboxItem:
            return InboxItem(
                kind=kind,
                title=title % {"region": row["region_name"], "cohort": row["cohort"]},
                url=reverse("program:assignment", args=[row["pk"]]) + anchor,
                since=row["created_at"],
                region=row["region_name"],
                due=_day(row["assessment_end"]),
            )

        return make

    yield from capped(
        mine.filter(submitted_at=None, application__cohort__status__in=ASSESSING),
        item("application_to_score", _("Score the application of %(region)s to %(cohort)s")),
        kind="application_to_score",
        url=reverse("program:cohorts"),
    )
    yield from capped(
        mine.filter(application__cohort__status=CohortStatus.ASSESSMENT).exclude(
            Exists(Interview.objects.filter(application=OuterRef("application")))
        ),
        item(
            "interview_to_record",
            _("Record the interview with %(region)s (%(cohort)s)"),
            "#h-interview",
        ),
        kind="interview_to_record",
        url=reverse("program:cohorts"),
    )


# Region --------------------------------------------------------------------------------


def _selected(region: str = "pk") -> Exists:
    """The region was selected in a published result."""
    return Exists(
        SelectionDecision.objects.filter(
            application__region=OuterRef(region), run__published=True, selected=True
        )
    )


def _commitments(user: Any) -> Iterator[Entry]:
    selected_at = Subquery(
        SelectionDecision.objects.filter(
            application__region=OuterRef("pk"), run__published=True, selected=True
        )
        .order_by("run__created_at")
        .values("run__created_at")[:1]
    )
    missing = Q(opds__commitment__isnull=True)
    rows = (
        access.regions_with_private_access(user)
        .filter(pk=user.region_id)
        .filter(_selected())
        .annotate(
            selected_at=selected_at,
            total=Count("opds"),
            missing=Count("opds", filter=missing),
            first=Min("opds__created_at", filter=missing),
        )
        .filter(missing__gt=0)
        .values("code", "name", "selected_at", "total", "missing", "first")
    )
    for row in rows:
        yield InboxItem(
            kind="commitments_missing",
            title=_("%(missing)d of %(total)d OPDs have not signed their commitment")
            % {"missing": row["missing"], "total": row["total"]},
            url=reverse("regions:workspace", args=[row["code"]]) + "#h-opds",
            since=max(row["selected_at"], row["first"]),
            region=row["name"],
        )


def _agreements(user: Any) -> Iterator[Entry]:
    rows = (
        access.agreements_visible_to(user)
        .prefetch_related(None)
        .filter(
            application__region_id=user.region_id,
            status__in=[AgreementStatus.DRAFT, AgreementStatus.SIGNED],
        )
        .annotate(agreement_end=_phase_end(PhaseKind.AGREEMENT))
        .order_by("created_at", "pk")
        .values(*AGREEMENT_COLUMNS, cohort=F("application__cohort__name"), **AGREEMENT_REGION)
    )

    def make(row: dict[str, Any]) -> InboxItem:
        url = reverse("program:agreement", args=[row["pk"]])
        if row["status"] == AgreementStatus.DRAFT:
            return InboxItem(
                kind="agreement_step",
                title=_("The agreement of %(cohort)s is waiting to be signed")
                % {"cohort": row["cohort"]},
                url=url,
                since=row["created_at"],
                region=row["region_name"],
                due=_day(row["agreement_end"]),
            )
        signed = row["signed_on"]
        return InboxItem(
            kind="agreement_step",
            title=_("Send the signed originals of agreement %(number)s to the ministry by post")
            % {"number": row["number"] or ""},
            url=url,
            since=_day(signed) or row["created_at"],
            region=row["region_name"],
            due=_day(signed + datetime.timedelta(days=ORIGINALS_DUE_DAYS)) if signed else None,
        )

    yield from capped(rows, make, kind="agreement_step")


def _deadlines(user: Any) -> Iterator[Entry]:
    now, today = timezone.now(), timezone.localdate(timezone=zone())
    horizon = datetime.timedelta(days=DEADLINE_DAYS)
    submitted = Application.objects.filter(
        cohort=OuterRef("pk"), region_id=user.region_id, status=ApplicationStatus.SUBMITTED
    )
    cohorts = (
        Cohort.objects.filter(
            status=CohortStatus.OPEN, application_deadline__range=(now, now + horizon)
        )
        .exclude(Exists(submitted))
        .order_by("application_deadline", "pk")
        .values("year", "name", "created_at", "application_deadline")
    )
    region = user.region.name if user.region_id else ""
    yield from capped(
        cohorts,
        lambda row: InboxItem(
            kind="deadline",
            title=_("Applications to %(cohort)s close: submit your application")
            % {"cohort": row["name"]},
            url=reverse("program:cohort", args=[row["year"]]),
            since=row["created_at"],
            region=region,
            due=row["application_deadline"],
        ),
        kind="deadline",
    )
    # The cohort's phases: the guidance stages of the cohort that selected the region,
    # and its agreement phase while no agreement is drafted.
    mine = access.applications_visible_to(user).filter(
        region_id=user.region_id, cohort=OuterRef("cohort")
    )
    chosen = mine.filter(decisions__run__published=True, decisions__selected=True)
    phases = (
        CohortPhase.objects.filter(ends_on__range=(today, today + horizon))
        .filter(Exists(chosen))
        .filter(
            Q(kind__in=GUIDANCE)
            | Q(kind=PhaseKind.AGREEMENT) & ~Exists(chosen.filter(agreement__isnull=False))
        )
        .order_by("starts_on", "pk")
        .values(
            "kind", "starts_on", "ends_on", year=F("cohort__year"), cohort_name=F("cohort__name")
        )
    )
    yield from capped(
        phases,
        lambda row: InboxItem(
            kind="deadline",
            title=_("%(phase)s of %(cohort)s ends")
            % {"phase": PhaseKind(row["kind"]).label, "cohort": row["cohort_name"]},
            url=reverse("program:cohort", args=[row["year"]]),
            since=at_start_of(row["starts_on"], zone()),
            region=region,
            due=at_start_of(row["ends_on"], zone()),
        ),
        kind="deadline",
    )


def _region(user: Any) -> Iterator[Entry]:
    if not user.region_id:
        return
    yield from _commitments(user)
    yield from _agreements(user)
    yield from _deadlines(user)


# Program office ------------------------------------------------------------------------


def _office(user: Any) -> Iterator[Entry]:
    applications = access.applications_visible_to(user).filter(
        status=ApplicationStatus.SUBMITTED, cohort__status__in=ASSESSING
    )
    short = (
        applications.annotate(assessors=Count("assignments"))
        .filter(assessors__lt=MIN_ASSESSORS)
        .order_by("submitted_at", "pk")
        .values("pk", "submitted_at", "updated_at", "assessors", region_name=F("region__name"))
    )
    yield from capped(
        short,
        lambda row: InboxItem(
            kind="application_without_assessors",
            title=_("Assign assessors to the application of %(region)s (%(count)d of %(needed)d)")
            % {"region": row["region_name"], "count": row["assessors"], "needed": MIN_ASSESSORS},
            url=reverse("program:application", args=[row["pk"]]),
            since=row["submitted_at"] or row["updated_at"],
            region=row["region_name"],
        ),
        kind="application_without_assessors",
    )
    spread = (
        CriterionScore.objects.filter(assignment__application=OuterRef("pk"))
        .values("criterion")
        .annotate(spread=Max("score") - Min("score"))
        .filter(spread__gt=scoring.DISAGREEMENT)
    )
    disagreeing = (
        applications.filter(Exists(spread))
        .order_by("updated_at", "pk")
        .values("pk", "updated_at", region_name=F("region__name"))
    )
    yield from capped(
        disagreeing,
        lambda row: InboxItem(
            kind="assessors_disagree",
            title=_("The assessors of %(region)s disagree by more than a point")
            % {"region": row["region_name"]},
            url=reverse("program:application", args=[row["pk"]]),
            since=row["updated_at"],
            region=row["region_name"],
        ),
        kind="assessors_disagree",
    )
    today = timezone.localdate(timezone=zone())
    late = today - datetime.timedelta(days=ORIGINALS_DUE_DAYS)
    overdue = (
        access.agreements_visible_to(user)
        .prefetch_related(None)
        .annotate(agreement_end=_phase_end(PhaseKind.AGREEMENT))
        .filter(
            Q(status__in=[AgreementStatus.SIGNED, AgreementStatus.SENT], signed_on__lt=late)
            | Q(status=AgreementStatus.DRAFT, agreement_end__lt=today)
        )
        .order_by("created_at", "pk")
        .values(*AGREEMENT_COLUMNS, **AGREEMENT_REGION)
    )

    def make(row: dict[str, Any]) -> InboxItem:
        url = reverse("program:agreement", args=[row["pk"]])
        if row["status"] == AgreementStatus.DRAFT:
            return InboxItem(
                kind="agreement_overdue",
                title=_("The agreement with %(region)s is not signed and its phase has ended")
                % {"region": row["region_name"]},
                url=url,
                since=row["created_at"],
                region=row["region_name"],
                due=_day(row["agreement_end"]),
            )
        signed = row["signed_on"]
        return InboxItem(
            kind="agreement_overdue",
            title=_("The originals of agreement %(number)s (%(region)s) have not arrived")
            % {"number": row["number"] or "", "region": row["region_name"]},
            url=url,
            since=_day(signed) or row["created_at"],
            region=row["region_name"],
            due=_day(signed + datetime.timedelta(days=ORIGINALS_DUE_DAYS)),
        )

    yield from capped(overdue, make, kind="agreement_overdue", url=reverse("program:cohorts"))


def register() -> None:
    register_inbox_source(
        InboxSource(
            "program.assessor",
            frozenset({Role.ASSESSOR}),
            _assessor,
            {k: KINDS[k] for k in ("application_to_score", "interview_to_record")},
        )
    )
    register_inbox_source(
        InboxSource(
            "program.region",
            frozenset({Role.REGION_COORDINATOR}),
            _region,
            {k: KINDS[k] for k in ("commitments_missing", "agreement_step", "deadline")},
        )
    )
    register_inbox_source(
        InboxSource(
            "program.office",
            frozenset({Role.PROGRAM_OFFICE}),
            _office,
            {
                k: KINDS[k]
                for k in (
                    "application_without_assessors",
                    "assessors_disagree",
                    "agreement_overdue",
                )
            },
        )
    )
