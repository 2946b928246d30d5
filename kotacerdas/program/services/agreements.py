"""Agreements: drafted for selected regions, signed, posted, received, archived."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.audit import service
from kotacerdas.program import access, notifications
from kotacerdas.program.dates import check_past_date
from kotacerdas.program.models import (
    AGREEMENT_FLOW,
    Agreement,
    AgreementSignatory,
    AgreementStatus,
    AgreementStep,
    Cohort,
    SelectionDecision,
)
from kotacerdas.program.models.agreements import ORIGINALS_DUE_DAYS
from kotacerdas.program.uploads import check_pdf

# The originals are due at the ministry this many days after signing.


@dataclass(frozen=True)
class SignatoryInput:
    name: str
    position: str
    side: str  # "ministry" | "region"


def head_of_region(region: Any) -> str:
    """ "Bupati Sarolangun" of Kabupaten Sarolangun, "Wali Kota Jambi" of Kota Jambi:
    the title of the head of region, who signs for it. It is stored on the agreement, an
    Indonesian legal document, so it is the official title whatever the reader's language."""
    short = region.name
    for prefix in ("Kabupaten ", "Kota "):
        if short.startswith(prefix):
            short = short[len(prefix) :]
            break
    return f"{'Wali Kota' if region.kind == 'kota' else 'Bupati'} {short}"


def _record(agreement: Agreement, actor: Any, note: str = "") -> None:
    AgreementStep.objects.create(agreement=agreement, status=agreement.status, by=actor, note=note)


def _expect(agreement: Agreement, target: str) -> None:
    if AGREEMENT_FLOW.get(AgreementStatus(agreement.status)) != target:
        raise ValidationError(
            _("The agreement is %(current)s; it cannot become %(target)s from there.")
            % {"current": agreement.get_status_display(), "target": AgreementStatus(target).label}
        )


@service
def draft_agreements(actor: Any, cohort: Cohort) -> list[Agreement]:
    """A draft agreement for every region selected in the published selection."""
    access.require_program_office(actor)
    decisions = SelectionDecision.objects.filter(
        run__cohort=cohort, run__published=True, selected=True
    ).select_related("application")
    if not decisions.exists():
        raise ValidationError(_("Publish the selection first: agreements follow it."))
    created = []
    for decision in decisions:
        agreement, was_created = Agreement.objects.get_or_create(application=decision.application)
        if was_created:
            _record(agreement, actor, _("Drafted"))
            created.append(agreement)
    return created


@service
def sign(
    actor: Any,
    agreement: Agreement,
    *,
    number: str,
    signed_on: date,
    mode: str,
    signatories: Sequence[SignatoryInput],
    scan: UploadedFile | None = None,
) -> Agreement:
    access.require_program_office(actor)
    _expect(agreement, AgreementStatus.SIGNED)
    check_past_date("signed_on", signed_on)
    sides = {s.side for s in signatories}
    if sides != {"ministry", "region"}:
        raise ValidationError(
            {
                "signatories": _(
                    "List at least one signatory for the ministry and one for the region."
                )
            }
        )
    if scan is not None:
        check_pdf(scan, field="scan")
    rows = []
    for index, signatory in enumerate(signatories):
        row = AgreementSignatory(
            agreement=agreement,
            name=signatory.name.strip(),
            position=signatory.position.strip(),
            side=signatory.side,
        )
        try:
            row.full_clean(exclude=["agreement"])
        except ValidationError as error:
            raise ValidationError(
                {f"signatories.{index}.{field}": m for field, m in error.message_dict.items()}
            ) from None
        rows.append(row)
    agreement.number, agreement.signed_on, agreement.mode = number.strip(), signed_on, mode
    agreement.status = AgreementStatus.SIGNED
    agreement.full_clean(exclude=["scan"])
    # The file is stored only once everything else is known to be valid: a refused
    # signing leaves no file behind.
    if scan is not None:
        agreement.scan.save(scan.name or "agreement.pdf", scan, save=False)
    agreement.save()
    agreement.signatories.all().delete()
    for row in rows:  # one by one, so the audit trail records each signatory
        row.save()
    _record(agreement, actor)
    notifications.agreement_signed(actor, agreement)
    return agreement


@service
def sign_in_bulk(
    actor: Any,
    agreements: Iterable[Agreement],
    *,
    signed_on: date,
    mode: str,
    number_pattern: str,
    ministry_signatory: SignatoryInput,
) -> list[Agreement]:
    """A signing day: many regions sign at once, each with its own number.

    `number_pattern` holds `{n}`, replaced by a running number from 1, e.g.
    ``{n}/KOMINFO/HK.03.02/05/2023``. The regent or mayor signs for each region.
    """
    access.require_program_office(actor)
    if "{n}" not in number_pattern:
        raise ValidationError(
            {"number_pattern": _("The pattern needs {n} for the running number.")}
        )
    signed = []
    for n, agreement in enumerate(agreements, start=1):
        head = head_of_region(agreement.application.region)
        signed.append(
            sign(
                actor,
                agreement,
                number=number_pattern.replace("{n}", str(n)),
                signed_on=signed_on,
                mode=mode,
                signatories=[
                    ministry_signatory,
                    # The head signs in office; their own name is not known here, so
                    # the title stands for both (and is shown once).
                    SignatoryInput(name=head, position=head, side="region"),
                ],
            )
        )
    return signed


@service
def attach_scan(actor: Any, agreement: Agreement, scan: UploadedFile) -> Agreement:
    """The scanned signed agreement (PDF), once it is signed."""
    access.require_program_office(actor)
    if agreement.status == AgreementStatus.DRAFT:
        raise ValidationError({"scan": _("Sign the agreement before attaching its scan.")})
    check_pdf(scan, field="scan")
    agreement.scan.save(scan.name or "agreement.pdf", scan, save=False)
    agreement.save(update_fields=["scan", "updated_at"])
    return agreement


@service
def send_originals(
    actor: Any, agreement: Agreement, *, courier: str, tracking_number: str, sent_on: date
) -> Agreement:
    access.require(
        access.is_program_office(actor)
        or access.can_manage_region(actor, agreement.application.region)
    )
    _expect(agreement, AgreementStatus.SENT)
    if not courier.strip() or not tracking_number.strip():
        raise ValidationError({"tracking_number": _("Give the courier and the tracking number.")})
    check_past_date("sent_on", sent_on)
    if agreement.signed_on and sent_on < agreement.signed_on:
        raise ValidationError({"sent_on": _("The originals cannot be sent before signing.")})
    agreement.courier, agreement.tracking_number = courier.strip(), tracking_number.strip()
    agreement.sent_on, agreement.status = sent_on, AgreementStatus.SENT
    agreement.save()
    _record(agreement, actor)
    return agreement


@service
def receive_originals(actor: Any, agreement: Agreement, *, received_on: date) -> Agreement:
    access.require_program_office(actor)
    _expect(agreement, AgreementStatus.RECEIVED)
    check_past_date("received_on", received_on)
    if agreement.sent_on and received_on < agreement.sent_on:
        raise ValidationError(
            {"received_on": _("The originals cannot arrive before they were sent.")}
        )
    agreement.received_on, agreement.status = received_on, AgreementStatus.RECEIVED
    agreement.save()
    _record(agreement, actor)
    return agreement


@service
def archive(actor: Any, agreement: Agreement) -> Agreement:
    access.require_program_office(actor)
    _expect(agreement, AgreementStatus.ARCHIVED)
    agreement.status = AgreementStatus.ARCHIVED
    agreement.save()
    _record(agreement, actor)
    return agreement


def overdue(agreements: QuerySet, today: date | None = None) -> QuerySet:
    """Signed agreements whose originals have not reached the ministry in time."""
    today = today or timezone.localdate()
    return agreements.filter(
        Q(status__in=[AgreementStatus.SIGNED, AgreementStatus.SENT])
        & Q(signed_on__lt=today - timedelta(days=ORIGINALS_DUE_DAYS))
    )


__all__ = [
    "ORIGINALS_DUE_DAYS",
    "SignatoryInput",
    "archive",
    "attach_scan",
    "draft_agreements",
    "head_of_region",
    "overdue",
    "receive_originals",
    "send_originals",
    "sign",
    "sign_in_bulk",
]
