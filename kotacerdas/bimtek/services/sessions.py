"""Confirming and holding sessions, attendance, and completing a stage (moves are in
moves.py)."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.bimtek import access, notifications
from kotacerdas.bimtek.models import (
    Attendance,
    GuidanceSession,
    GuidanceVisit,
    SessionStatus,
    VisitStatus,
)
from kotacerdas.bimtek.services.common import (
    date_text,
    opd_session_q,
    today_in,
)
from kotacerdas.bimtek.services.uploads import check_output
from kotacerdas.core.audit import service
from kotacerdas.core.localtime import zone
from kotacerdas.regions.models import OPD

__all__ = [
    "AttendeeInput",
    "complete_visit",
    "confirm_sessions",
    "mark_held",
    "opd_session_q",
    "previous_visit",
    "visit_label",
]


@dataclass(frozen=True)
class AttendeeInput:
    name: str
    opd: OPD | None = None
    position: str = ""


def visit_label(visit: GuidanceVisit) -> str:
    """ "Kabupaten Batang, Stage II"."""
    return _("%(region)s, %(stage)s") % {
        "region": visit.guidance.region.name,
        "stage": visit.stage.get_number_display(),
    }


def previous_visit(visit: GuidanceVisit) -> GuidanceVisit | None:
    return (
        GuidanceVisit.objects.filter(
            guidance_id=visit.guidance_id, stage__number=visit.stage.number - 1
        )
        .select_related("stage")
        .first()
    )


def _require_previous_complete(visit: GuidanceVisit) -> None:
    """A stage opens only when the previous one is complete."""
    previous = previous_visit(visit)
    if previous is not None and previous.status != VisitStatus.COMPLETE:
        raise ValidationError(
            _(
                "%(previous)s is not complete yet: a stage opens only when the previous one "
                "is signed off."
            )
            % {"previous": visit_label(previous)}
        )


@service
def confirm_sessions(actor: Any, visit: GuidanceVisit) -> int:
    """The region's coordinator confirms the visit's planned sessions; returns how many."""
    access.require(access.can_organise_guidance(actor, visit.guidance))
    now = timezone.now()
    count = 0
    for session in visit.sessions.filter(
        status=SessionStatus.PLANNED, starts_at__isnull=False, confirmed_at=None
    ):
        session.confirmed_at = now
        session.save(update_fields=["confirmed_at", "updated_at"])
        count += 1
    return count


def _attendance_rows(
    session: GuidanceSession, attendees: Sequence[AttendeeInput]
) -> list[Attendance]:
    region_id = session.visit.guidance.region_id
    errors: dict[str, list[str]] = {}
    if not attendees:
        errors["attendees"] = [
            _("Record who came (at least one person): a session is held with attendance.")
        ]
    rows = []
    for index, attendee in enumerate(attendees):
        if attendee.opd is not None and attendee.opd.region_id != region_id:
            errors.setdefault(f"attendees.{index}.opd", []).append(
                _("%(opd)s is not an OPD of %(region)s.")
                % {"opd": attendee.opd.name, "region": session.visit.guidance.region.name}
            )
        row = Attendance(
            session=session,
            name=(attendee.name or "").strip(),
            position=(attendee.position or "").strip(),
            opd=attendee.opd,
        )
        try:
            row.full_clean(exclude=["session", "opd", "user"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(f"attendees.{index}.{field}", []).extend(messages)
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    return rows


@service
def mark_held(
    actor: Any,
    session: GuidanceSession,
    *,
    attendees: Sequence[AttendeeInput],
    record: str = "",
    output_file: UploadedFile | None = None,
) -> GuidanceSession:
    """A mentor of the visit's team (or the office). Needs at least one attendee (a
    clear error otherwise), OPDs of the region only, a session whose day has come, and
    the previous stage complete (a stage opens only when the previous one is). An output
    file is a PDF, DOCX or XLSX checked by content, at most 20 MB. Replaces attendance
    when called again.

    Refused once the visit is complete. Errors: "attendees" / "attendees.<i>.<field>",
    "record", "output_file", or a message without a field (day not come, stage closed)."""
    session = GuidanceSession.objects.select_related("visit__guidance__region", "visit__stage").get(
        pk=session.pk
    )
    visit = session.visit
    access.require(access.can_hold_session(actor, visit))
    region = visit.guidance.region
    if visit.status == VisitStatus.COMPLETE:
        raise ValidationError(
            _("%(visit)s is signed off; its sessions' records stay as they are.")
            % {"visit": visit_label(visit)}
        )
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("This session is cancelled."))
    if session.starts_at is None:
        raise ValidationError(_("This session has no time yet: it cannot have been held."))
    day = timezone.localtime(session.starts_at, zone(region)).date()
    if day > today_in(region):
        raise ValidationError(
            _("This session is on %(day)s; record it once its day has come.")
            % {"day": date_text(day)}
        )
    _require_previous_complete(visit)
    rows = _attendance_rows(session, attendees)
    session.record = (record or "").strip()
    try:
        session.full_clean(
            exclude=["visit", "group", "output_file", "title", "starts_at"],
            validate_constraints=False,
        )
    except ValidationError as error:
        raise ValidationError(
            {field: m for field, m in error.message_dict.items() if field == "record"}
            or error.message_dict
        ) from None
    if output_file is not None:
        kind = check_output(output_file)
        session.output_file.save(f"sesi-{session.pk}.{kind}", output_file, save=False)
    session.status = SessionStatus.HELD
    if session.held_at is None:
        session.held_at = timezone.now()
    session.save()
    session.attendance.all().delete()
    for row in rows:  # one by one, so the audit trail records each person
        row.save()
    return session


@service
def complete_visit(actor: Any, visit: GuidanceVisit, *, notes: str = "") -> GuidanceVisit:
    """The mentor signs the stage off for the region: every session held or cancelled,
    each held one with attendance, else ValidationError saying which. Opens the next
    stage; notifies the coordinator.

    At least one session must be held. Errors: a message without a field, or "notes"."""
    visit = GuidanceVisit.objects.select_related("guidance__region", "stage").get(pk=visit.pk)
    access.require(access.can_hold_session(actor, visit))
    if visit.status == VisitStatus.COMPLETE:
        raise ValidationError(_("%(visit)s is already signed off.") % {"visit": visit_label(visit)})
    _require_previous_complete(visit)
    sessions = list(visit.sessions.all().prefetch_related("attendance").order_by("starts_at", "pk"))
    open_ones = [s.title for s in sessions if s.status == SessionStatus.PLANNED]
    unattended = [
        s.title for s in sessions if s.status == SessionStatus.HELD and not s.attendance.all()
    ]
    problems = []
    if open_ones:
        problems.append(
            _(
                "Not held yet: %(sessions)s. Record each of them as held, with its attendance, first."
            )
            % {"sessions": ", ".join(open_ones)}
        )
    if unattended:
        problems.append(
            _("No attendance recorded for: %(sessions)s.") % {"sessions": ", ".join(unattended)}
        )
    if not any(s.status == SessionStatus.HELD for s in sessions):
        problems.append(_("No session of this stage was held: there is nothing to sign off."))
    if problems:
        raise ValidationError(problems)
    visit.completion_notes = (notes or "").strip()
    try:
        visit.full_clean(exclude=["guidance", "stage", "completed_by"], validate_constraints=False)
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    visit.status = VisitStatus.COMPLETE
    visit.completed_at = timezone.now()
    visit.completed_by = actor
    visit.save()
    notifications.stage_completed(actor, visit)
    return visit
