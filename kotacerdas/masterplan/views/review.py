"""Pages of the review: comment threads, the status history, and frozen versions compared."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from kotacerdas.core.money import format_rupiah
from kotacerdas.masterplan import access, services, versions
from kotacerdas.masterplan.diff import ProgramSummary, VersionDiff
from kotacerdas.masterplan.forms.common import apply_errors
from kotacerdas.masterplan.forms.review import CommentForm, CompareForm, ReplyForm
from kotacerdas.masterplan.forms.workflow import ApproveForm, LegaliseForm, RequestChangesForm
from kotacerdas.masterplan.models import (
    FundingSource,
    Horizon,
    IndicatorKind,
    Masterplan,
    ReviewComment,
)
from kotacerdas.masterplan.views.common import plan_for, to_id
from kotacerdas.regions.models import DimensionElement


@dataclass(frozen=True)
class ThreadRow:
    thread: ReviewComment
    reply_form: ReplyForm
    about: str  # the section or program, in words
    about_url: str


def review_context(request: HttpRequest, plan: Masterplan, **forms: Any) -> dict[str, Any]:
    user = request.user
    may_comment = access.can_comment_on_masterplan(user, plan)
    is_reviewer = access.can_review_masterplan(user, plan)
    threads = services.comment_threads(plan)
    replies: dict[int, ReplyForm] = forms.pop("replies", {})
    rows = [
        ThreadRow(
            thread,
            replies.get(thread.pk) or ReplyForm(prefix=f"reply-{thread.pk}"),
            *_about(plan, thread),
        )
        for thread in threads
    ]
    programs = _programs(plan)
    since = reviewed = None
    if is_reviewer:
        reviewed = versions.reviewed_version(user, plan)
        since = versions.changes_since_last_review(user, plan) if reviewed else None
    actions = services.actions_for(user, plan)
    return {
        "plan": plan,
        "section": "review",
        "threads": rows,
        "open_threads": sum(1 for t in threads if t.resolved_at is None),
        "may_comment": may_comment,
        "is_reviewer": is_reviewer,
        "comment_form": forms.get("comment")
        or CommentForm(
            prefix="comment", sections=list(services.SECTIONS.items()), programs=programs
        ),
        "actions": actions,
        "changes_form": forms.get("request_changes") or RequestChangesForm(prefix="changes"),
        "approve_form": forms.get("approve") or ApproveForm(prefix="approve"),
        "legalise_form": forms.get("legalise") or LegaliseForm(prefix="legal"),
        "reviewed": reviewed,
        "since": readable_diff(since) if since else None,
        "history": services.status_history(plan),
    }


def _programs(plan: Masterplan) -> Any:
    # With masterplan_id: the related manager reads it from each row; deferred, it would
    # cost one query per program.
    return plan.programs.only("pk", "name", "masterplan_id").order_by("name")


# Where each section of a comment is edited (routes taking the masterplan's pk).
SECTION_PAGES = {
    "general": "masterplan:detail",
    "profile": "masterplan:profile",
    "findings": "masterplan:findings",
    "analyses": "masterplan:analyses",
    "rpjmd": "masterplan:analyses",
    "vision": "masterplan:vision",
    "strategies": "masterplan:vision",
    "roadmap": "masterplan:vision",
    "programs": "masterplan:programs",
    "budget": "masterplan:programs",
}


def _about(plan: Masterplan, thread: Any) -> tuple[str, str]:
    """What a thread is about, in words, and the page where that is edited."""
    try:
        if thread.program is not None:
            return thread.program.name, reverse(
                "masterplan:program-edit", args=[plan.pk, thread.program.pk]
            )
        if thread.section.startswith("program-"):
            return _("A removed program"), ""
        label = services.SECTIONS.get(thread.section, thread.section)
        route = SECTION_PAGES.get(thread.section)
        return str(label), reverse(route, args=[plan.pk]) if route else ""
    except NoReverseMatch:  # a page not (yet) mounted: name it without a link
        return str(services.SECTIONS.get(thread.section, thread.section)), ""


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        access.require(access.can_comment_on_masterplan(request.user, plan))
        action = request.POST.get("action")
        form: Any = None
        try:
            if action in ("resolve", "reopen"):
                thread = get_object_or_404(
                    plan.comments.filter(parent=None), pk=to_id(request.POST.get("thread"))
                )
                if action == "resolve":
                    services.resolve_comment(request.user, thread)
                    messages.success(request, _("The thread is resolved."))
                else:
                    services.reopen_comment(request.user, thread)
                    messages.success(request, _("The thread is open again."))
                return redirect(f"{request.path}#thread-{thread.pk}")
            if action == "reply":
                thread = get_object_or_404(
                    plan.comments.filter(parent=None), pk=to_id(request.POST.get("thread"))
                )
                form = ReplyForm(request.POST, prefix=f"reply-{thread.pk}")
                forms["replies"] = {thread.pk: form}
                if form.is_valid():
                    services.add_comment(
                        request.user, plan, form.cleaned_data["body"], parent=thread
                    )
                    messages.success(request, _("Your reply was added."))
                    return redirect(f"{request.path}#thread-{thread.pk}")
            else:
                programs = _programs(plan)
                form = forms["comment"] = CommentForm(
                    request.POST,
                    prefix="comment",
                    sections=list(services.SECTIONS.items()),
                    programs=programs,
                )
                if form.is_valid():
                    data = form.cleaned_data
                    comment = services.add_comment(
                        request.user,
                        plan,
                        data["body"],
                        section=data["section"],
                        program=data["program"],
                    )
                    messages.success(request, _("Your comment was added."))
                    return redirect(f"{request.path}#thread-{comment.pk}")
        except ValidationError as error:
            if form is not None:
                apply_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
    return render(request, "masterplan/review.html", review_context(request, plan, **forms))


@login_required
def versions_list(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    rows = list(plan.versions.select_related("created_by").defer("snapshot").order_by("-number"))
    numbers = [v.number for v in rows]
    form = CompareForm(
        prefix=None,
        numbers=sorted(numbers),
        initial={"a": numbers[1], "b": numbers[0]} if len(numbers) > 1 else {},
    )
    context = {"plan": plan, "section": "versions", "versions": rows, "form": form}
    return render(request, "masterplan/versions.html", context)


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_for(request, pk)
    numbers = sorted(plan.versions.values_list("number", flat=True))
    result = None
    form = CompareForm(request.GET or None, numbers=numbers)
    if not request.GET and len(numbers) > 1:
        # No choice yet: the latest version against the one before it.
        form = CompareForm({"a": numbers[-2], "b": numbers[-1]}, numbers=numbers)
    if form.is_bound and form.is_valid():
        try:
            result = readable_diff(
                versions.compare(plan, form.cleaned_data["a"], form.cleaned_data["b"])
            )
        except ValidationError as error:
            apply_errors(form, error)
    context = {
        "plan": plan,
        "section": "versions",
        "form": form,
        "numbers": numbers,
        "diff": result,
        "a": form.cleaned_data.get("a") if result else None,
        "b": form.cleaned_data.get("b") if result else None,
    }
    return render(request, "masterplan/compare.html", context)


# What changed, in words a reader knows ----------------------------------------------


def rupiah(amount: int, *, signed: bool = False) -> str:
    """Whole Rupiah the Indonesian way, Rp1.500.000; `signed` marks a rise with "+"."""
    return ("+" if signed and amount > 0 else "") + format_rupiah(amount)


def readable_diff(diff: VersionDiff) -> dict[str, Any]:
    """The diff with codes turned into names and amounts into Rupiah (one query)."""
    elements = {e.code: e for e in DimensionElement.objects.select_related("dimension")}
    dimensions = {e.dimension.code: e.dimension.name for e in elements.values()}
    horizons, sources = dict(Horizon.choices), dict(FundingSource.choices)
    kinds = dict(IndicatorKind.choices)

    def shown(field: str, value: Any) -> str:
        if value in (None, ""):
            return "—"
        if field == "horizon":
            return str(horizons.get(value, value))
        if field == "element":
            return elements[value].name if value in elements else str(value)
        if field == "dimension":
            return str(dimensions.get(value, value))
        return str(value)

    def amounts(changes: Any) -> list[dict[str, Any]]:
        return [
            {
                "year": c.year,
                "source": sources.get(c.source, c.source) if c.source else "",
                "old": rupiah(c.old),
                "new": rupiah(c.new),
                "change": rupiah(c.new - c.old, signed=True),
            }
            for c in changes
        ]

    def summary(p: ProgramSummary) -> dict[str, Any]:
        return {
            "id": p.id,
            "name": p.name,
            "element": shown("element", p.element),
            "lead_opd": p.lead_opd,
            "horizon": shown("horizon", p.horizon),
            "years": f"{p.start_year}–{p.end_year}",
            "budget": rupiah(p.total_budget),
        }

    changed = [
        {
            "id": c.id,
            "name": c.name,
            "fields": [
                {
                    "label": versions.FIELD_LABELS.get(f.field, f.field),
                    "old": shown(f.field, f.old),
                    "new": shown(f.field, f.new),
                }
                for f in c.fields
            ],
            "budget": amounts(c.budget),
            "budget_before": rupiah(c.budget_before),
            "budget_after": rupiah(c.budget_after),
            "indicators": [
                {
                    "name": i.name,
                    "kind": kinds.get(i.kind, i.kind),
                    "unit": i.unit,
                    "change": i.change,
                    "baseline_old": i.baseline_old or "—",
                    "baseline_new": i.baseline_new or "—",
                    "baseline_changed": i.baseline_changed,
                    "targets": i.targets,
                }
                for i in c.indicators
            ],
        }
        for c in diff.programs_changed
    ]
    totals = diff.totals
    return {
        "is_empty": diff.is_empty,
        "added": [summary(p) for p in diff.programs_added],
        "removed": [summary(p) for p in diff.programs_removed],
        "changed": changed,
        "sections": [
            {
                "label": versions.SECTION_LABELS.get(s.section, s.section),
                "added_lines": s.added_lines,
                "removed_lines": s.removed_lines,
            }
            for s in diff.sections_changed
        ],
        "totals": {
            "programs_before": totals.programs_before,
            "programs_after": totals.programs_after,
            "budget_before": rupiah(totals.budget_before),
            "budget_after": rupiah(totals.budget_after),
            "budget_change": rupiah(totals.budget_after - totals.budget_before, signed=True),
            "by_year": amounts(totals.by_year),
            "by_source": amounts(totals.by_source),
        },
    }
