"""The masterplan workflow over the API: submit, review, legalise; versions and their
comparison; review comments. Same services and permissions as the pages."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status, UploadedFile

from kotacerdas.core.api_support import AUTH, AuthedRequest
from kotacerdas.masterplan import access, services, versions
from kotacerdas.masterplan.api.lookup import ERRORS, visible_plan
from kotacerdas.masterplan.models import Masterplan, ReviewComment
from kotacerdas.masterplan.schemas import (
    ChangesSinceReviewOut,
    CommentIn,
    CompareOut,
    ReviewCommentOut,
    ReviewIn,
    ThreadOut,
    VersionOut,
    WorkflowOut,
)

router = Router(tags=["masterplans"], auth=AUTH)


def _state(request: AuthedRequest, masterplan: Masterplan) -> dict[str, Any]:
    latest = versions.latest_version(masterplan)
    return {
        "id": masterplan.pk,
        "status": masterplan.status,
        "status_label": masterplan.get_status_display(),
        "actions": services.actions_for(request.auth, masterplan),
        "latest_version": latest.number if latest else None,
        "open_threads": services.open_thread_count(masterplan),
        "legal_number": masterplan.legal_number,
        "legal_date": masterplan.legal_date,
        "legal_file": (
            reverse("masterplan:legal-document", args=[masterplan.pk])
            if masterplan.legal_file
            else None
        ),
    }


@router.get(
    "/masterplans/{masterplan_id}/workflow",
    response={200: WorkflowOut, **ERRORS},
    summary="The masterplan's status and what you may do with it now",
)
def workflow_state(request: AuthedRequest, masterplan_id: int) -> dict[str, Any]:
    return _state(request, visible_plan(request, masterplan_id))


@router.post(
    "/masterplans/{masterplan_id}/submit",
    response={200: WorkflowOut, **ERRORS},
    summary="Submit for review (the coordinator); refused while the checker finds errors",
)
def submit(request: AuthedRequest, masterplan_id: int) -> dict[str, Any]:
    masterplan = visible_plan(request, masterplan_id)
    services.submit(request.auth, masterplan)
    return _state(request, masterplan)


@router.post(
    "/masterplans/{masterplan_id}/request-changes",
    response={200: WorkflowOut, **ERRORS},
    summary="Send the masterplan back with what to change (a reviewer; comment required)",
)
def request_changes(request: AuthedRequest, masterplan_id: int, payload: ReviewIn) -> Any:
    masterplan = visible_plan(request, masterplan_id)
    services.request_changes(request.auth, masterplan, payload.comment)
    return _state(request, masterplan)


@router.post(
    "/masterplans/{masterplan_id}/approve",
    response={200: WorkflowOut, **ERRORS},
    summary="Approve the submitted masterplan (a reviewer)",
)
def approve(request: AuthedRequest, masterplan_id: int, payload: ReviewIn) -> Any:
    masterplan = visible_plan(request, masterplan_id)
    services.approve(request.auth, masterplan, payload.comment)
    return _state(request, masterplan)


@router.post(
    "/masterplans/{masterplan_id}/legalise",
    response={200: WorkflowOut, **ERRORS},
    summary="Record the Perbup/Perwali (the coordinator): number, date and PDF (10 MB at most)",
)
def legalise(
    request: AuthedRequest,
    masterplan_id: int,
    number: Form[str],
    date: Form[datetime.date],
    file: File[UploadedFile],
) -> Any:
    masterplan = visible_plan(request, masterplan_id)
    try:
        services.legalise(request.auth, masterplan, number=number, date=date, document=file)
    except ValidationError as error:
        # The service calls the upload `document`; here it is the form field `file`.
        if hasattr(error, "error_dict") and "document" in error.error_dict:
            error.error_dict["file"] = error.error_dict.pop("document")
        raise
    return _state(request, masterplan)


@router.get(
    "/masterplans/{masterplan_id}/versions",
    response={200: list[VersionOut], **ERRORS},
    summary="The versions frozen at each submission, newest first",
)
def list_versions(request: AuthedRequest, masterplan_id: int) -> Any:
    return (
        visible_plan(request, masterplan_id)
        .versions.select_related("created_by")
        .order_by("-number")
    )


@router.get(
    "/masterplans/{masterplan_id}/versions/compare",
    response={200: CompareOut, **ERRORS},
    summary="What changed from version a to version b",
)
def compare_versions(request: AuthedRequest, masterplan_id: int, a: int, b: int) -> Any:
    changes = versions.compare(visible_plan(request, masterplan_id), a, b)
    return {"a": a, "b": b, "changes": changes}


@router.get(
    "/masterplans/{masterplan_id}/changes-since-my-review",
    response={200: ChangesSinceReviewOut, **ERRORS},
    summary="What changed since the version you last reviewed",
)
def changes_since_my_review(request: AuthedRequest, masterplan_id: int) -> Any:
    masterplan = visible_plan(request, masterplan_id)
    reviewed = versions.reviewed_version(request.auth, masterplan)
    latest = versions.latest_version(masterplan)
    changes = None
    if reviewed is not None and latest is not None and latest.number > reviewed.number:
        changes = versions.diff(reviewed.snapshot, latest.snapshot)
    return {
        "reviewed_version": reviewed.number if reviewed else None,
        "latest_version": latest.number if latest else None,
        "changes": changes,
    }


@router.get(
    "/masterplans/{masterplan_id}/comments",
    response={200: list[ThreadOut], **ERRORS},
    summary="Review threads, oldest first, with their replies",
)
def list_comments(request: AuthedRequest, masterplan_id: int, section: str = "") -> Any:
    return services.comment_threads(visible_plan(request, masterplan_id), section=section or None)


@router.post(
    "/masterplans/{masterplan_id}/comments",
    response={201: ReviewCommentOut, **ERRORS},
    summary="Comment on a section or a program, or reply to a thread (`parent`)",
)
def add_comment(
    request: AuthedRequest, masterplan_id: int, payload: CommentIn
) -> Status[ReviewComment]:
    masterplan = visible_plan(request, masterplan_id)
    program = parent = None
    if payload.program is not None:
        program = masterplan.programs.filter(pk=payload.program).first()
        if program is None:
            raise ValidationError({"program": _("This masterplan has no such program.")})
    if payload.parent is not None:
        parent = masterplan.comments.select_related("parent").filter(pk=payload.parent).first()
        if parent is None:
            raise ValidationError({"parent": _("This masterplan has no such comment.")})
    comment = services.add_comment(
        request.auth,
        masterplan,
        payload.body,
        section=payload.section,
        program=program,
        parent=parent,
    )
    return Status(201, comment)


def _comment(request: AuthedRequest, comment_id: int) -> ReviewComment:
    return get_object_or_404(
        access.content_visible_to(request.auth, ReviewComment).select_related(
            "masterplan__region", "author", "resolved_by"
        ),
        pk=comment_id,
    )


@router.post(
    "/comments/{comment_id}/resolve",
    response={200: ReviewCommentOut, **ERRORS},
    summary="Resolve a thread (its author, a reviewer or the coordinator)",
)
def resolve(request: AuthedRequest, comment_id: int) -> Any:
    return services.resolve_comment(request.auth, _comment(request, comment_id))


@router.post(
    "/comments/{comment_id}/reopen",
    response={200: ReviewCommentOut, **ERRORS},
    summary="Reopen a resolved thread",
)
def reopen(request: AuthedRequest, comment_id: int) -> Any:
    return services.reopen_comment(request.auth, _comment(request, comment_id))
