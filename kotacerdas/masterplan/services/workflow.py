"""The masterplan's way from draft to law: submit, request changes, approve, legalise.

Every submission freezes a version (versions.snapshot), so reviewers compare what
they saw with what came back. Status changes are audited with their actor
(django-auditlog, through the `service` decorator); `status_history` reads them.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core import audit
from kotacerdas.core.audit import service
from kotacerdas.masterplan import access, limits, notifications, versions
from kotacerdas.masterplan.messages import describe
from kotacerdas.masterplan.models import (
    Masterplan,
    MasterplanStatus,
    MasterplanVersion,
    ReviewComment,
    ReviewMark,
)
from kotacerdas.masterplan.services.programs import check_masterplan
from kotacerdas.program.uploads import check_pdf

Status = MasterplanStatus

# action -> (the statuses it starts from, the status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((Status.DRAFT, Status.CHANGES_REQUESTED), Status.SUBMITTED),
    "request_changes": ((Status.SUBMITTED,), Status.CHANGES_REQUESTED),
    "approve": ((Status.SUBMITTED,), Status.APPROVED),
    "legalise": ((Status.APPROVED,), Status.LEGALISED),
}


def _action_labels() -> dict[str, str]:
    return {
        "submit": _("submitted for review"),
        "request_changes": _("sent back with changes requested"),
        "approve": _("approved"),
        "legalise": _("legalised"),
    }


def possible_actions(status: str) -> list[str]:
    """The actions the workflow allows from `status`, whoever asks."""
    return [action for action, (sources, _target) in TRANSITIONS.items() if status in sources]


def _may(actor: Any, masterplan: Masterplan, action: str) -> bool:
    if action in ("submit", "legalise"):
        return access.can_edit_masterplan(actor, masterplan)
    return access.can_review_masterplan(actor, masterplan)


def actions_for(actor: Any, masterplan: Masterplan) -> list[str]:
    """The actions this person may take on the masterplan now (for buttons on pages)."""
    return [a for a in possible_actions(masterplan.status) if _may(actor, masterplan, a)]


def _begin(actor: Any, masterplan: Masterplan, action: str) -> Masterplan:
    """Check permission, lock the row and check the status: a second click, or two
    reviewers at once, get a clear message instead of a double transition."""
    access.require(_may(actor, masterplan, action))
    locked = Masterplan.objects.select_for_update().get(pk=masterplan.pk)
    sources, _target = TRANSITIONS[action]
    if locked.status not in sources:
        labels = _action_labels()
        params = {"status": locked.get_status_display(), "action": labels[action]}
        possible = [labels[a] for a in possible_actions(locked.status)]
        if not possible:
            message = _(
                "The masterplan's status is “%(status)s”: it is final and cannot be %(action)s."
            )
        else:
            params["possible"] = (
                possible[0]
                if len(possible) == 1
                else _("%(first)s or %(last)s")
                % {"first": ", ".join(possible[:-1]), "last": possible[-1]}
            )
            message = _(
                "The masterplan's status is “%(status)s”, so it cannot be %(action)s. "
                "From here it can only be %(possible)s."
            )
        raise ValidationError({"status": message % params})
    return locked


def _finish(masterplan: Masterplan, locked: Masterplan, action: str, *fields: str) -> None:
    locked.status = TRANSITIONS[action][1]
    locked.save(update_fields=["status", "updated_at", *fields])
    for name in ("status", "updated_at", *fields):
        setattr(masterplan, name, getattr(locked, name))


def _mark_reviewed(reviewer: Any, masterplan: Masterplan) -> None:
    latest = versions.latest_version(masterplan)
    if latest is not None:
        ReviewMark.objects.update_or_create(
            masterplan=masterplan, reviewer=reviewer, defaults={"version": latest}
        )


def _check_comment(body: str) -> None:
    problem = limits.text_problem(body, limits.COMMENT_TEXT)
    if problem:
        raise ValidationError({"comment": problem})


@service
def submit(actor: Any, masterplan: Masterplan) -> MasterplanVersion:
    """Send the masterplan to its reviewers, freezing it as the next version.

    Refused while the checker finds errors; warnings do not block."""
    locked = _begin(actor, masterplan, "submit")
    errors = check_masterplan(locked).errors
    if errors:
        raise ValidationError(
            [
                ngettext(
                    "The checker still finds %(count)d error to fix before submitting:",
                    "The checker still finds %(count)d errors to fix before submitting:",
                    len(errors),
                )
                % {"count": len(errors)},
                *(describe(finding) for finding in errors),
            ]
        )
    number = (locked.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = MasterplanVersion.objects.create(
        masterplan=locked, number=number, created_by=actor, snapshot=versions.snapshot(locked)
    )
    _finish(masterplan, locked, "submit")
    notifications.submitted(actor, locked, version.number)
    return version


@service
def request_changes(actor: Any, masterplan: Masterplan, comment: str) -> ReviewComment:
    """Send the masterplan back to its region with what to change."""
    locked = _begin(actor, masterplan, "request_changes")
    body = (comment or "").strip()
    if not body:
        raise ValidationError(
            {"comment": _("Say what has to change: the region needs it to revise the plan.")}
        )
    _check_comment(body)
    note = ReviewComment.objects.create(
        masterplan=locked, section="general", author=actor, body=body
    )
    _mark_reviewed(actor, locked)
    _finish(masterplan, locked, "request_changes")
    notifications.changes_requested(actor, locked, note)
    return note


@service
def approve(actor: Any, masterplan: Masterplan, comment: str = "") -> Masterplan:
    locked = _begin(actor, masterplan, "approve")
    body = (comment or "").strip()
    _check_comment(body)
    if body:
        ReviewComment.objects.create(masterplan=locked, section="general", author=actor, body=body)
    _mark_reviewed(actor, locked)
    _finish(masterplan, locked, "approve")
    notifications.approved(actor, locked)
    return masterplan


@service
def legalise(
    actor: Any,
    masterplan: Masterplan,
    *,
    number: str,
    date: datetime.date | None,
    document: UploadedFile | None,
) -> Masterplan:
    """Record the Perbup/Perwali that made the approved masterplan law, with its PDF."""
    locked = _begin(actor, masterplan, "legalise")
    errors: dict[str, str] = {}
    number = (number or "").strip()
    if not number:
        errors["number"] = _("Give the number of the Perbup/Perwali.")
    elif problem := limits.line_problem(number, limits.NUMBER_TEXT):
        errors["number"] = problem
    if date is None:
        errors["date"] = _("Give the date the Perbup/Perwali was signed.")
    elif date > timezone.localdate():  # the Perbup is signed: its PDF is uploaded
        errors["date"] = _("The date cannot be in the future.")
    elif problem := limits.decree_date_problem(date):
        errors["date"] = problem
    if document is None:
        errors["document"] = _("Upload the signed Perbup/Perwali as a PDF.")
    else:
        try:
            check_pdf(document, field="document")
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors or document is None:
        raise ValidationError(errors)
    locked.legal_number, locked.legal_date = number, date
    # The stored name is ours: the uploader's file name says nothing we trust.
    locked.legal_file.save(f"perbup-masterplan-{locked.pk}.pdf", document, save=False)
    _finish(masterplan, locked, "legalise", "legal_number", "legal_date", "legal_file")
    notifications.legalised(actor, locked)
    return masterplan


@dataclass(frozen=True)
class StatusStep:
    status: str
    previous: str | None
    actor: Any  # the User, or None when it is unknown
    at: datetime.datetime

    @property
    def label(self) -> str:
        return str(Status(self.status).label) if self.status in Status.values else self.status


def status_history(masterplan: Masterplan) -> list[StatusStep]:
    """Who moved the masterplan to which status, and when; oldest first. One query."""
    steps = []
    for entry in audit.entries_for([(Masterplan, [masterplan.pk])]).filter(
        changes__has_key="status"
    ):
        for field, old, new in audit.describe_changes(entry):
            if field == "status" and new:
                previous = None if old in (None, "None") else old
                steps.append(StatusStep(new, previous, entry.actor, entry.timestamp))
    steps.reverse()
    return steps


__all__ = [
    "TRANSITIONS",
    "StatusStep",
    "actions_for",
    "approve",
    "legalise",
    "possible_actions",
    "request_changes",
    "status_history",
    "submit",
]
