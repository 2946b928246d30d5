"""This app's items in the work inbox (core.inbox), registered in AppConfig.ready().

Who gets what, on the person's own querysets of ``masterplan.access`` (and
``program.access`` for the cohort that selected a region), each kind one query bounded
by ``core.inbox.capped``; the checker runs on one masterplan (facts.py: a fixed number
of queries):

- a mentor: the assigned regions' masterplans submitted for review, and review threads
  not resolved whose last word is the region's (a reply to a reviewer, or a new thread);
- a region's coordinator (and deputy), on the region's current masterplan (the latest
  period): the mentor's change request while the status says so, the checker's errors
  while it can be edited, open threads whose last word is a reviewer's, and the
  masterplan's deadline (the "Masterplan due" phase of the cohort that selected the
  region) within ``DEADLINE_DAYS`` or passed, while the plan is not approved;
- an OPD officer: the checker's errors anchored at the OPD's programs and problems, and
  open reviewer threads on the OPD's programs;
- the program office: masterplans past their deadline (the cohort's masterplan phase
  ended, the region's current plan missing or not approved).
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.inbox import (
    Entry,
    InboxItem,
    InboxMore,
    InboxSource,
    at_start_of,
    capped,
    capped_list,
    listed,
    register_inbox_source,
)
from kotacerdas.core.localtime import zone
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.masterplan import access
from kotacerdas.masterplan.messages import describe
from kotacerdas.masterplan.models import (
    Finding,
    Masterplan,
    MasterplanStatus,
    MasterplanVersion,
    Program,
    ReviewComment,
)
from kotacerdas.masterplan.services.editing import EDITABLE
from kotacerdas.masterplan.services.programs import check_masterplan
from kotacerdas.masterplan.services.review import SECTIONS
from kotacerdas.program import access as program_access
from kotacerdas.program.models import CohortPhase, PhaseKind, SelectionDecision

DEADLINE_DAYS = 14
DONE = (MasterplanStatus.APPROVED, MasterplanStatus.LEGALISED)
EXCERPT = 160

KINDS = {
    "masterplan_to_review": gettext_lazy("Masterplan to review"),
    "comment_answered": gettext_lazy("Comment answered by the region"),
    "changes_requested": gettext_lazy("Changes requested"),
    "checker_error": gettext_lazy("Checker error"),
    "comment_to_answer": gettext_lazy("Reviewer's comment"),
    "masterplan_deadline": gettext_lazy("Masterplan deadline"),
    "masterplan_overdue": gettext_lazy("Masterplan past its deadline"),
}


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _about(section: str, program: str | None) -> str:
    """What a thread is about, as the reader names it."""
    if program:
        return program
    label = SECTIONS.get(section)
    return str(label) if label is not None else section


def _threads(masterplans: Any) -> Any:
    """Open threads of the masterplans, each with its last message's author role, time
    and text, and how many replies it has: one query."""
    last = ReviewComment.objects.filter(Q(pk=OuterRef("pk")) | Q(parent=OuterRef("pk"))).order_by(
        "-created_at", "-pk"
    )
    return (
        ReviewComment.objects.filter(masterplan__in=masterplans, parent=None, resolved_at=None)
        .annotate(
            last_role=Subquery(last.values("author__role")[:1]),
            last_at=Subquery(last.values("created_at")[:1]),
            last_body=Subquery(last.values("body")[:1]),
            reply_count=Count("replies"),
        )
        .order_by("last_at", "pk")
        .values(
            "pk",
            "section",
            "masterplan_id",
            "last_role",
            "last_at",
            "last_body",
            "reply_count",
            author_role=F("author__role"),
            program_name=F("program__name"),
            region_name=F("masterplan__region__name"),
        )
    )


def _thread_url(row: dict[str, Any]) -> str:
    return reverse("masterplan:review", args=[row["masterplan_id"]]) + f"#thread-{row['pk']}"


# Mentor --------------------------------------------------------------------------------


def _mentor(user: Any) -> Iterator[Entry]:
    plans = access.masterplans_visible_to(user)
    submitted = Subquery(
        MasterplanVersion.objects.filter(masterplan=OuterRef("pk"))
        .order_by("-number")
        .values("created_at")[:1]
    )
    to_review = (
        plans.filter(status=MasterplanStatus.SUBMITTED)
        .annotate(submitted=submitted)
        .order_by("submitted", "pk")
        .values("pk", "submitted", "updated_at", region_name=F("region__name"))
    )
    yield from capped(
        to_review,
        lambda row: InboxItem(
            kind="masterplan_to_review",
            title=_("Review the masterplan of %(region)s") % {"region": row["region_name"]},
            url=reverse("masterplan:review", args=[row["pk"]]),
            since=row["submitted"] or row["updated_at"],
            region=row["region_name"],
        ),
        kind="masterplan_to_review",
        url=reverse("masterplan:list") + "?status=submitted",
    )

    def answered(row: dict[str, Any]) -> InboxItem:
        about = _about(row["section"], row["program_name"])
        params = {"region": row["region_name"], "about": about}
        return InboxItem(
            kind="comment_answered",
            title=(
                _("%(region)s answered your comment on %(about)s")
                if row["reply_count"]
                else _("%(region)s commented on %(about)s")
            )
            % params,
            url=_thread_url(row),
            since=row["last_at"],
            detail=_excerpt(row["last_body"]),
            region=row["region_name"],
        )

    yield from capped(
        _threads(plans).filter(last_role__in=list(REGIONAL_ROLES)),
        answered,
        kind="comment_answered",
    )


# Region --------------------------------------------------------------------------------


def _current(user: Any) -> Masterplan | None:
    """The region's current masterplan: the latest period's."""
    return (
        access.masterplans_visible_to(user)
        .filter(region_id=user.region_id)
        .select_related("region")
        .order_by("-first_year", "-pk")
        .first()
    )


def _checker_items(plan: Masterplan, places: set[str] | None = None) -> Iterator[Entry]:
    """The checker's errors on the plan (only those anchored at ``places`` when given),
    each with the place to fix it; at most LIMIT."""
    from kotacerdas.masterplan.views.workflow import _fix_link

    errors = [
        finding
        for finding in check_masterplan(plan).errors
        if places is None or finding.anchor in places
    ]
    overview = reverse("masterplan:detail", args=[plan.pk])
    detail = _("The checker finds this error: it blocks submitting the masterplan.")
    items = [
        InboxItem(
            kind="checker_error",
            title=describe(finding),
            url=_fix_link(plan, finding.anchor) or overview,
            since=plan.updated_at,
            detail=detail,
            region=plan.region.name,
        )
        for finding in errors
    ]
    yield from capped_list(items, kind="checker_error", url=overview)


def _to_answer(row: dict[str, Any]) -> InboxItem:
    return InboxItem(
        kind="comment_to_answer",
        title=_("A reviewer commented on %(about)s")
        % {"about": _about(row["section"], row["program_name"])},
        url=_thread_url(row),
        since=row["last_at"],
        detail=_excerpt(row["last_body"]),
        region=row["region_name"],
    )


def _reviewers_word(threads: Any) -> Any:
    """Threads whose last word is not the region's (a mentor's or the office's)."""
    return threads.exclude(last_role__in=list(REGIONAL_ROLES))


def _deadline_rows(user: Any) -> Any:
    """The cohorts that selected the region(s) the user sees, with their masterplan
    phase's end and the state of the region's current masterplan: one query."""
    phase_end = Subquery(
        CohortPhase.objects.filter(cohort=OuterRef("cohort"), kind=PhaseKind.MASTERPLAN).values(
            "ends_on"
        )[:1]
    )
    current = Masterplan.objects.filter(region=OuterRef("region")).order_by("-first_year", "-pk")
    chosen = SelectionDecision.objects.filter(
        application=OuterRef("pk"), run__published=True, selected=True
    )
    return (
        program_access.applications_visible_to(user)
        .filter(Exists(chosen))
        .annotate(
            due=phase_end,
            plan_id=Subquery(current.values("pk")[:1]),
            plan_status=Subquery(current.values("status")[:1]),
            region_name=F("region__name"),
            cohort_name=F("cohort__name"),
        )
        .filter(due__isnull=False)
        .filter(Q(plan_status=None) | ~Q(plan_status__in=list(DONE)))
        .order_by("due", "region_id")
        .values("pk", "due", "plan_id", "plan_status", "region_name", "cohort_name")
    )


def _plan_url(row: dict[str, Any]) -> str:
    if row["plan_id"]:
        return reverse("masterplan:detail", args=[row["plan_id"]])
    return reverse("masterplan:list")


def _coordinator(user: Any, plan: Masterplan | None) -> Iterator[Entry]:
    if plan is not None:
        threads, total = listed(_reviewers_word(_threads([plan.pk])))
        if plan.status == MasterplanStatus.CHANGES_REQUESTED:
            # The request: the newest open general thread a reviewer started, while the
            # last word in it is a reviewer's (once the region answered, the item stays
            # without it).
            note = next(
                (
                    t
                    for t in reversed(threads)
                    if t["section"] == "general" and t["author_role"] not in REGIONAL_ROLES
                ),
                None,
            )
            if note is not None:
                threads.remove(note)
                total -= 1
            yield InboxItem(
                kind="changes_requested",
                title=_("The mentor asked for changes to the masterplan"),
                url=_thread_url(note) if note else reverse("masterplan:detail", args=[plan.pk]),
                since=note["last_at"] if note else plan.updated_at,
                detail=_excerpt(note["last_body"]) if note else "",
                region=plan.region.name,
            )
        yield from (_to_answer(row) for row in threads)
        if total > len(threads):
            url = reverse("masterplan:review", args=[plan.pk])
            yield InboxMore("comment_to_answer", total - len(threads), url)
        if plan.status in EDITABLE:
            yield from _checker_items(plan)
    today = timezone.localdate(timezone=zone())
    rows = _deadline_rows(user).filter(
        region_id=user.region_id, due__lte=today + datetime.timedelta(days=DEADLINE_DAYS)
    )
    # While the mentor reviews it, the region has nothing to do for the deadline.
    rows = rows.filter(Q(plan_status=None) | ~Q(plan_status=MasterplanStatus.SUBMITTED))
    for row in rows[:50]:  # a region is selected in few cohorts
        if not row["plan_id"]:
            title = _("The masterplan is due and not started yet")
        elif row["due"] < today:
            title = _("The masterplan's deadline has passed and it is not approved yet")
        else:
            title = _("The masterplan is due and not approved yet")
        yield InboxItem(
            kind="masterplan_deadline",
            title=title,
            url=_plan_url(row),
            since=at_start_of(min(row["due"], today), zone()),
            detail=str(row["cohort_name"]),
            region=row["region_name"],
            due=at_start_of(row["due"], zone()),
        )


def _officer(user: Any, plan: Masterplan | None) -> Iterator[Entry]:
    if plan is None or not user.opd_id:
        return
    # The OPD's programs and problems in the plan: one query.
    places = {
        f"{kind}-{pk}"
        for kind, pk in Program.objects.filter(masterplan=plan, lead_opd_id=user.opd_id)
        .order_by()
        .annotate(place=Value("program"))
        .values_list("place", "pk")
        .union(
            Finding.objects.filter(masterplan=plan, opd_id=user.opd_id)
            .order_by()
            .annotate(place=Value("problem"))
            .values_list("place", "pk"),
            all=True,
        )
    }
    threads = _reviewers_word(_threads([plan.pk])).filter(program__lead_opd_id=user.opd_id)
    yield from capped(threads, _to_answer, kind="comment_to_answer")
    if plan.status in EDITABLE and places:
        yield from _checker_items(plan, places)


def _region(user: Any) -> Iterator[Entry]:
    if not user.region_id:
        return
    plan = _current(user)
    if user.role == Role.REGION_COORDINATOR:
        yield from _coordinator(user, plan)
    else:
        yield from _officer(user, plan)


# Program office ------------------------------------------------------------------------


def _office(user: Any) -> Iterator[Entry]:
    today = timezone.localdate(timezone=zone())
    yield from capped(
        _deadline_rows(user).filter(due__lt=today),
        lambda row: InboxItem(
            kind="masterplan_overdue",
            title=_("The masterplan of %(region)s is past its deadline")
            % {"region": row["region_name"]}
            if row["plan_id"]
            else _("%(region)s has not started its masterplan and the deadline has passed")
            % {"region": row["region_name"]},
            url=_plan_url(row),
            since=at_start_of(row["due"], zone()),
            detail=str(row["cohort_name"]),
            region=row["region_name"],
            due=at_start_of(row["due"], zone()),
        ),
        kind="masterplan_overdue",
        url=reverse("masterplan:list"),
    )


def register() -> None:
    register_inbox_source(
        InboxSource(
            "masterplan.mentor",
            frozenset({Role.MENTOR}),
            _mentor,
            {k: KINDS[k] for k in ("masterplan_to_review", "comment_answered")},
        )
    )
    register_inbox_source(
        InboxSource(
            "masterplan.region",
            frozenset({Role.REGION_COORDINATOR, Role.OPD_OFFICER}),
            _region,
            {
                k: KINDS[k]
                for k in (
                    "changes_requested",
                    "checker_error",
                    "comment_to_answer",
                    "masterplan_deadline",
                )
            },
        )
    )
    register_inbox_source(
        InboxSource(
            "masterplan.office",
            frozenset({Role.PROGRAM_OFFICE}),
            _office,
            {"masterplan_overdue": KINDS["masterplan_overdue"]},
        )
    )
