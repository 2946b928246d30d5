"""A region's council and implementing team, and its OPDs' commitments."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.core.validators import line_problem
from kotacerdas.program import access
from kotacerdas.program.dates import check_past_date
from kotacerdas.program.models import BodyMember, Commitment, RegionalBody
from kotacerdas.program.uploads import check_pdf
from kotacerdas.regions.models import OPD, Region


def _require_one_line(values: dict[str, str]) -> None:
    """Names, positions and decree numbers are one line: no line breaks, control or
    invisible characters (core.validators, the platform's one rule for names)."""
    errors = {field: problem for field, value in values.items() if (problem := line_problem(value))}
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class MemberInput:
    name: str
    position: str
    organisation: str
    role_in_body: str


@service
def save_body(
    actor: Any,
    region: Region,
    *,
    kind: str,
    decree_number: str = "",
    decree_date: date | None = None,
    decree_file: UploadedFile | None = None,
    members: Sequence[MemberInput] = (),
) -> RegionalBody:
    """Create or replace a region's council or team with its members and decree."""
    access.require_manage_region(actor, region)
    if decree_date is not None:
        check_past_date("decree_date", decree_date)
    if bool(decree_number.strip()) != bool(decree_date):
        raise ValidationError({"decree_number": _("Give both the decree number and its date.")})
    _require_one_line({"decree_number": decree_number})
    if decree_file is not None:
        check_pdf(decree_file, field="decree_file")
    body = RegionalBody.objects.filter(region=region, kind=kind).first()
    body = body or RegionalBody(region=region, kind=kind)
    body.decree_number, body.decree_date = decree_number.strip(), decree_date
    body.full_clean(exclude=["decree_file"])
    rows = []
    for order, member in enumerate(members):
        _require_one_line(
            {
                f"members.{order}.{field}": getattr(member, field)
                for field in ("name", "position", "organisation", "role_in_body")
            }
        )
        row = BodyMember(
            body=body,
            name=member.name.strip(),
            position=member.position.strip(),
            organisation=member.organisation.strip(),
            role_in_body=member.role_in_body.strip(),
            position_order=order,
        )
        try:
            row.full_clean(exclude=["body"])
        except ValidationError as error:
            raise ValidationError(
                {
                    f"members.{order}.{field}": messages
                    for field, messages in error.message_dict.items()
                }
            ) from None
        rows.append(row)
    # The file is stored only once everything else is valid: a refusal leaves none behind.
    if decree_file is not None:
        body.decree_file.save(decree_file.name or "sk.pdf", decree_file, save=False)
    body.save()
    body.members.all().delete()
    for row in rows:
        row.save()
    return body


@service
def record_commitment(
    actor: Any, opd: OPD, *, signed_by: str, signed_on: date, scan: UploadedFile | None = None
) -> Commitment:
    access.require_manage_region(actor, opd.region)
    check_past_date("signed_on", signed_on)
    _require_one_line({"signed_by": signed_by})
    if scan is not None:
        check_pdf(scan, field="scan")
    # By id, not `opd=opd`: a new Commitment(opd=opd) would hang itself on the caller's
    # OPD as `opd.commitment` even when it is refused, and a page would show it as saved.
    commitment = Commitment.objects.filter(opd_id=opd.pk).first() or Commitment(opd_id=opd.pk)
    commitment.signed_by, commitment.signed_on, commitment.recorded_by = (
        signed_by.strip(),
        signed_on,
        actor,
    )
    commitment.full_clean(exclude=["scan"])
    if scan is not None:
        commitment.scan.save(scan.name or "komitmen.pdf", scan, save=False)
    commitment.save()
    return commitment


@service
def attach_commitment_scan(actor: Any, opd: OPD, scan: UploadedFile) -> Commitment:
    access.require_manage_region(actor, opd.region)
    commitment = Commitment.objects.filter(opd=opd).first()
    if commitment is None:
        raise ValidationError({"scan": _("Record who signed the commitment first.")})
    check_pdf(scan, field="scan")
    commitment.scan.save(scan.name or "komitmen.pdf", scan, save=False)
    commitment.save(update_fields=["scan", "updated_at"])
    return commitment


@service
def attach_decree(actor: Any, body: RegionalBody, decree_file: UploadedFile) -> RegionalBody:
    access.require_manage_region(actor, body.region)
    check_pdf(decree_file, field="decree_file")
    body.decree_file.save(decree_file.name or "sk.pdf", decree_file, save=False)
    body.save(update_fields=["decree_file", "updated_at"])
    return body


def commitment_share(region: Region) -> tuple[int, int]:
    """(committed OPDs, all OPDs) of a region."""
    opds = OPD.objects.filter(region=region)
    return opds.filter(commitment__isnull=False).count(), opds.count()


__all__ = [
    "MemberInput",
    "attach_commitment_scan",
    "attach_decree",
    "commitment_share",
    "record_commitment",
    "save_body",
]
