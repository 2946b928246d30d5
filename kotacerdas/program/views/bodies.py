"""A region's smart-city bodies, its OPD import and each OPD's commitment."""

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core.downloads import serve_file
from kotacerdas.core.feedback import report_errors
from kotacerdas.formats import cells
from kotacerdas.program import access, services
from kotacerdas.program.forms import (
    CommitmentForm,
    ImportForm,
)
from kotacerdas.program.models import (
    BodyKind,
)
from kotacerdas.regions.imports import import_opds
from kotacerdas.regions.queries import get_region_or_404

BODY_SHORT_NAMES = {
    BodyKind.COUNCIL: gettext_lazy("Smart-city council"),
    BodyKind.TEAM: gettext_lazy("Implementing team"),
}


@login_required
def body_edit(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    region = get_region_or_404(code)
    access.require_region_private(request.user, region)
    if kind not in BodyKind.values:
        return redirect("regions:workspace", code=code)
    body = (
        access.bodies_visible_to(request.user)
        .filter(region=region, kind=kind)
        .prefetch_related("members")
        .first()
    )
    can_manage = access.can_manage_region(request.user, region)
    if request.method == "POST" and can_manage:
        members = []
        for name, position, organisation, role in zip(
            request.POST.getlist("member_name"),
            request.POST.getlist("member_position"),
            request.POST.getlist("member_organisation"),
            request.POST.getlist("member_role"),
            strict=False,
        ):
            if any(value.strip() for value in (name, position, organisation, role)):
                members.append(services.MemberInput(name, position, organisation, role))
        from datetime import date

        raw_date = request.POST.get("decree_date", "")
        try:
            decree_date = date.fromisoformat(raw_date) if raw_date else None
            services.save_body(
                request.user,
                region,
                kind=kind,
                decree_number=request.POST.get("decree_number", ""),
                decree_date=decree_date,
                decree_file=request.FILES.get("decree_file"),
                members=members,
            )
            messages.success(request, _("Saved."))
            return redirect("regions:workspace", code=code)
        except ValueError:
            messages.error(request, _("The decree date is not a valid date."))
        except ValidationError as error:
            report_errors(request, error)
    context = {
        "region": region,
        "kind": BodyKind(kind),
        "body": body,
        "can_manage": can_manage,
        "blank_rows": range(3),
    }
    return render(request, "program/body_edit.html", context)


# The sample file of the OPD import: its header row and two example rows.
OPD_SAMPLE_ROWS = [
    ["nama", "singkatan", "jenis", "kepala", "tupoksi"],
    [
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        "dinas",
        "Nama Kepala Dinas",
        "Urusan komunikasi, informatika, statistik dan persandian",
    ],
    [
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        "badan",
        "Nama Kepala Badan",
        "Perencanaan pembangunan daerah",
    ],
    ["Kecamatan Contoh", "", "kecamatan", "Nama Camat", ""],
]


@login_required
def opd_import_sample(request: HttpRequest, code: str) -> HttpResponse:
    """A sample CSV with the columns the OPD import expects, to fill in and upload."""
    region = get_region_or_404(code)
    access.require_manage_region(request.user, region)
    buffer = io.StringIO()
    csv.writer(buffer).writerows(cells.csv_rows(OPD_SAMPLE_ROWS))
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="contoh-opd.csv"'
    return response


@login_required
def opd_import(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_or_404(code)
    access.require_manage_region(request.user, region)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = import_opds(request.user, region, form.cleaned_data["file"])
            messages.success(
                request,
                _("%(created)d OPDs added, %(updated)d updated.")
                % {"created": report.created, "updated": report.updated},
            )
            return redirect("regions:workspace", code=code)
        except ValidationError as error:
            errors = error.messages
    return render(
        request,
        "program/opd_import.html",
        {"region": region, "form": form, "import_errors": errors},
    )


@login_required
def commitment_edit(request: HttpRequest, opd_id: int) -> HttpResponse:
    opd = get_object_or_404(
        access.opds_visible_to(request.user).select_related("region"), pk=opd_id
    )
    access.require_manage_region(request.user, opd.region)
    form = CommitmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_commitment(request.user, opd, **form.cleaned_data)
            messages.success(
                request, _("The commitment of %(opd)s was recorded.") % {"opd": opd.name}
            )
            return redirect("regions:workspace", code=opd.region_id)
        except ValidationError as error:
            _errors_on_form(form, error)
    # What is stored, read afresh: a refused attempt shows its error, never as recorded.
    commitment = access.commitments_visible_to(request.user).filter(opd_id=opd.pk).first()
    return render(
        request,
        "program/commitment_form.html",
        {"opd": opd, "form": form, "commitment": commitment},
    )


def _errors_on_form(form: Any, error: ValidationError) -> None:
    """A service's ValidationError beside the field it names, otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


@login_required
def decree_download(request: HttpRequest, code: str, kind: str) -> FileResponse:
    body = get_object_or_404(
        access.bodies_visible_to(request.user).select_related("region"),
        region_id=code,
        kind=kind,
    )
    name = _("Decree %(number)s - %(body)s - %(region)s") % {
        "number": body.decree_number,
        "body": BODY_SHORT_NAMES[BodyKind(body.kind)],
        "region": body.region.name,
    }
    return serve_file(body.decree_file, name, content_type="application/pdf")


@login_required
def commitment_scan(request: HttpRequest, opd_id: int) -> FileResponse:
    commitment = get_object_or_404(
        access.commitments_visible_to(request.user).select_related("opd__region"),
        opd_id=opd_id,
    )
    name = _("Commitment - %(opd)s - %(region)s") % {
        "opd": commitment.opd.name,
        "region": commitment.opd.region.name,
    }
    return serve_file(commitment.scan, name, content_type="application/pdf")
