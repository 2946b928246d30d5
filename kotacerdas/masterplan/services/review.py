"""Review comments: threads on a section or a program of a masterplan.

A thread is a top-level comment with its replies (one level: a reply to a reply joins
the same thread). Reviewers and the region's own people start and answer threads;
the author, a reviewer or the coordinator resolves and reopens them.
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.audit import service
from kotacerdas.masterplan import access, limits, notifications
from kotacerdas.masterplan.models import Masterplan, Program, ReviewComment

# The usual places a comment is about (besides "program-<id>"), for pages' choices.
SECTIONS = {
    "general": gettext_lazy("The masterplan as a whole"),
    "introduction": gettext_lazy("Foreword and introduction"),
    "profile": gettext_lazy("Region profile"),
    "findings": gettext_lazy("Potentials and problems"),
    "analyses": gettext_lazy("Readiness, gap and SWOT analyses"),
    "rpjmd": gettext_lazy("Alignment with the RPJMD"),
    "vision": gettext_lazy("Vision, missions and targets"),
    "strategies": gettext_lazy("Strategies"),
    "programs": gettext_lazy("Programs"),
    "budget": gettext_lazy("Budget"),
    "roadmap": gettext_lazy("Roadmap and implementation steps"),
}
# Other short anchors (e.g. the checker's "dimension-governance") are accepted too.
_ANCHOR = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
_PROGRAM_ANCHOR = re.compile(r"^program-(\d+)$")
MAX_BODY = limits.COMMENT_TEXT


def _program_for(masterplan: Masterplan, section: str, program: Program | None) -> Program | None:
    """The program a comment is about, from the argument or from a "program-<id>" section."""
    if program is not None:
        if program.masterplan_id != masterplan.pk:
            raise ValidationError({"program": _("That program belongs to another masterplan.")})
        return program
    match = _PROGRAM_ANCHOR.match(section)
    if match is None:
        return None
    found = masterplan.programs.filter(pk=int(match.group(1))).first()
    if found is None:
        raise ValidationError({"section": _("This masterplan has no such program.")})
    return found


@service
def add_comment(
    actor: Any,
    masterplan: Masterplan,
    body: str,
    *,
    section: str = "general",
    program: Program | None = None,
    parent: ReviewComment | None = None,
) -> ReviewComment:
    """Start a thread on a section or a program, or reply to one (`parent`)."""
    access.require(access.can_comment_on_masterplan(actor, masterplan))
    text = (body or "").strip()
    if not text:
        raise ValidationError({"body": _("Write the comment first: it is empty.")})
    if len(text) > MAX_BODY:
        raise ValidationError(
            {"body": _("A comment holds at most %(max)d characters.") % {"max": MAX_BODY}}
        )
    problem = limits.text_problem(text, MAX_BODY)
    if problem:
        raise ValidationError({"body": problem})
    comment = ReviewComment(masterplan=masterplan, author=actor, body=text)
    if parent is not None:
        if parent.masterplan_id != masterplan.pk:
            raise ValidationError({"parent": _("That thread belongs to another masterplan.")})
        thread = parent.parent or parent
        comment.parent = thread
        comment.section, comment.program_id = thread.section, thread.program_id
    else:
        section = (section or "general").strip().lower()
        if not _ANCHOR.match(section):
            raise ValidationError(
                {
                    "section": _(
                        "Name the section with a short anchor such as “profile”, "
                        "“findings” or “program-12”."
                    )
                }
            )
        found = _program_for(masterplan, section, program)
        comment.program = found
        comment.section = f"program-{found.pk}" if found else section
    comment.save()
    if comment.parent_id:
        notifications.replied(actor, comment)
    return comment


def _require_may_resolve(actor: Any, comment: ReviewComment) -> None:
    masterplan = comment.masterplan
    access.require(
        access.can_comment_on_masterplan(actor, masterplan)
        and (
            comment.author_id == getattr(actor, "pk", None)
            or access.can_review_masterplan(actor, masterplan)
            or access.can_edit_masterplan(actor, masterplan)
        )
    )
    if comment.parent_id:
        raise ValidationError(
            _("Replies are not resolved one by one: resolve or reopen the whole thread.")
        )


@service
def resolve_comment(actor: Any, comment: ReviewComment) -> ReviewComment:
    """Close a thread as dealt with (a thread already resolved stays as it was)."""
    _require_may_resolve(actor, comment)
    if comment.resolved_at is None:
        comment.resolved_at, comment.resolved_by = timezone.now(), actor
        comment.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return comment


@service
def reopen_comment(actor: Any, comment: ReviewComment) -> ReviewComment:
    _require_may_resolve(actor, comment)
    if comment.resolved_at is not None:
        comment.resolved_at, comment.resolved_by = None, None
        comment.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    return comment


def comment_threads(masterplan: Masterplan, *, section: str | None = None) -> list[ReviewComment]:
    """Top-level comments, oldest first, with authors, programs and replies loaded:
    two queries however many threads there are."""
    threads = (
        ReviewComment.objects.filter(masterplan=masterplan, parent=None)
        .select_related("author", "resolved_by", "program")
        .prefetch_related(
            Prefetch(
                "replies",
                ReviewComment.objects.select_related("author").order_by("created_at", "pk"),
            )
        )
        .order_by("created_at", "pk")
    )
    if section:
        threads = threads.filter(section=section)
    return list(threads)


def open_thread_count(masterplan: Masterplan) -> int:
    return ReviewComment.objects.filter(
        masterplan=masterplan, parent=None, resolved_at=None
    ).count()


__all__ = [
    "SECTIONS",
    "add_comment",
    "comment_threads",
    "open_thread_count",
    "reopen_comment",
    "resolve_comment",
]
