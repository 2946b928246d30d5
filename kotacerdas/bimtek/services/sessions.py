"""Moving, pinning, confirming and holding sessions, and completing a stage."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from kotacerdas.bimtek.models import GuidanceSession, GuidanceVisit
from kotacerdas.core.audit import service
from kotacerdas.regions.models import OPD


@dataclass(frozen=True)
class AttendeeInput:
    name: str
    opd: OPD | None = None
    position: str = ""


@service
def move_visit(
    actor: Any, visit: GuidanceVisit, *, starts_on: date, mentors: Sequence[Any] | None = None
) -> GuidanceVisit:
    """Office only. Checked at once, refused with the reason (ValidationError naming the
    day, the holiday or the mentor and the clashing visit): a non-working day or region
    blackout inside the visit, a mentor double-booked or unavailable, the stage order
    and gaps, the deadline, a held visit. Its unheld sessions move with it (same offset);
    pins the visit; notifies."""
    raise NotImplementedError


@service
def move_session(actor: Any, session: GuidanceSession, *, starts_at: datetime) -> GuidanceSession:
    """Office, or the region's coordinator. The new time must fall on a day inside the
    visit that is a working day, not clash with another session of the visit, and the
    session must not be held. Pins it, sequence + 1, notifies mentors and the region."""
    raise NotImplementedError


@service
def set_pinned(actor: Any, visit: GuidanceVisit, pinned: bool) -> GuidanceVisit:
    """Office only."""
    raise NotImplementedError


@service
def confirm_sessions(actor: Any, visit: GuidanceVisit) -> int:
    """The region's coordinator confirms the visit's planned sessions; returns how many."""
    raise NotImplementedError


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
    when called again."""
    raise NotImplementedError


@service
def complete_visit(actor: Any, visit: GuidanceVisit, *, notes: str = "") -> GuidanceVisit:
    """The mentor signs the stage off for the region: every session held or cancelled,
    each held one with attendance, else ValidationError saying which. Opens the next
    stage; notifies the coordinator."""
    raise NotImplementedError
