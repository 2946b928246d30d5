"""Pages for agreements, regional bodies, OPD imports, commitments and the funnel."""

import csv
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.core import access
from kotacerdas.core.downloads import serve_file
from kotacerdas.core.feedback import report_errors
from kotacerdas.formats import cells
from kotacerdas.program import queries, services
from kotacerdas.program.forms import (
    BulkSignForm,
    CommitmentForm,
    ImportForm,
    ReceiveForm,
    SendForm,
    SignForm,
)
from kotacerdas.program.models import Agreement, BodyKind, Cohort, Commitment, RegionalBody
from kotacerdas.regions.imports import import_opds
from kotacerdas.regions.queries import get_region_or_404

BODY_SHORT_NAMES = {
    BodyKind.COUNCIL: gettext_lazy("Smart-city council"),
    BodyKind.TEAM: gettext_lazy("Implementing team"),
}


def _agreements(request: HttpRequest) -> QuerySet:
    regions = access.regions_with_private_access(request.user)
    return Agreement.objects.filter(application__region__in=regions).select_related(
        "application__region", "application__cohort"
    )


@login_required
def agreement_list(request: HttpRequest, year: int) -> HttpResponse:
    cohort = get_object_or_404(Cohort, year=year)
    is_office = access.is_program_office(request.user)
    agreements = _agreements(request).filter(application__cohort=cohort)
    form = BulkSignForm(request.POST or None)
    if request.method == "POST" and is_office:
        try:
            if "draft" in request.POST:
                created = services.draft_agreements(request.user, cohort)
                messages.success(
                    request, _("%(count)d agreements drafted.") % {"count": len(created)}
                )
                return redirect("program:agreements", year=year)
            if form.is_valid():
                chosen = agreements.filter(pk__in=request.POST.getlist("agreement"))
                signed = services.sign_in_bulk(
                    request.user,
                    list(chosen.order_by("application__region_id")),
                    signed_on=form.cleaned_data["signed_on"],
                    mode=form.cleaned_data["mode"],
                    number_pattern=form.cleaned_data["number_pattern"],
                    ministry_signatory=services.SignatoryInput(
                        form.cleaned_data["ministry_name"],
                        form.cleaned_data["ministry_position"],
                        "ministry",
                    ),
                )
                messages.success(
                    request, _("%(count)d agreements signed.") % {"count": len(signed)}
                )
                return redirect("program:agreements", year=year)
        except ValidationError as error:
            report_errors(request, error)
    show_overdue = request.GET.get("overdue") == "1"
    context = {
        "cohort": cohort,
        "is_office": is_office,
        "bulk_form": form,
        "agreements": services.overdue(agreements) if show_overdue else agreements,
        "overdue_count": services.overdue(agreements).count(),
        "show_overdue": show_overdue,
        "due_days": services.ORIGINALS_DUE_DAYS,
    }
    return render(request, "program/agreement_list.html", context)


@login_required
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreements = _agreements(request).prefetch_related("signatories", "steps__by")
    agreement = get_object_or_404(agreements, pk=agreement_id)
    step = request.POST.get("step")
    head = services.head_of_region(agreement.application.region)
    forms = {
        "sign": SignForm(request.POST or None, request.FILES or None)
        if step == "sign"
        else SignForm(initial={"region_position": head}),
        "send": SendForm(request.POST or None) if step == "send" else SendForm(),
        "receive": ReceiveForm(request.POST or None) if step == "receive" else ReceiveForm(),
    }
    if request.method == "POST":
        try:
            if step == "archive":
                services.archive(request.user, agreement)
            elif step in forms and forms[step].is_valid():
                data = forms[step].cleaned_data
                if step == "sign":
                    services.sign(
                        request.user,
                        agreement,
                        number=data["number"],
                        signed_on=data["signed_on"],
                        mode=data["mode"],
                        scan=data["scan"],
                        signatories=[
                            services.SignatoryInput(
                                data["ministry_name"], data["ministry_position"], "ministry"
                            ),
                            services.SignatoryInput(
                                data["region_name"], data["region_position"], "region"
                            ),
                        ],
                    )
                elif step == "send":
                    services.send_originals(request.user, agreement, **data)
                else:
                    services.receive_originals(request.user, agreement, **data)
            else:
                raise ValidationError(_("Please correct the fields marked below."))
            messages.success(request, _("The agreement was updated."))
            return redirect("program:agreement", agreement_id=agreement.pk)
        except ValidationError as error:
            report_errors(request, error)
            # What is stored, read afresh: a refused step must not show as taken.
            agreement = get_object_or_404(agreements, pk=agreement_id)
    context = {
        "agreement": agreement,
        "forms": forms,
        "is_office": access.is_program_office(request.user),
        "can_send": access.can_manage_region(request.user, agreement.application.region),
    }
    return render(request, "program/agreement_detail.html", context)


@login_required
def dashboard(request: HttpRequest, year: int) -> HttpResponse:
    access.require_program_office(request.user)
    cohort = get_object_or_404(Cohort, year=year)
    result = queries.funnel(cohort)
    export = request.GET.get("format")
    download = queries.funnel_download(result, year, export or "")
    if download is not None:
        return download
    labels = queries.stage_labels()
    applied = result.total.counts["applied"] or 1
    context = {
        "cohort": cohort,
        "funnel": result,
        "stages": [(s, labels[s]) for s in queries.STAGES],
        "bars": [
            (labels[s], result.total.counts[s], round(100 * result.total.counts[s] / applied))
            for s in queries.STAGES
        ],
    }
    return render(request, "program/dashboard.html", context)


@login_required
def body_edit(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    region = get_region_or_404(code)
    access.require_region_private(request.user, region)
    if kind not in BodyKind.values:
        return redirect("regions:workspace", code=code)
    body = RegionalBody.objects.filter(region=region, kind=kind).prefetch_related("members").first()
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
    commitment = Commitment.objects.filter(opd_id=opd.pk).first()
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


# Downloads: each file for those who see its object; outsiders get 404 -------------------


@login_required
def agreement_scan(request: HttpRequest, agreement_id: int) -> FileResponse:
    agreement = get_object_or_404(_agreements(request), pk=agreement_id)
    name = _("Agreement %(number)s - %(region)s") % {
        "number": agreement.number or "",
        "region": agreement.application.region.name,
    }
    return serve_file(agreement.scan, name, content_type="application/pdf")


@login_required
def decree_download(request: HttpRequest, code: str, kind: str) -> FileResponse:
    body = get_object_or_404(
        RegionalBody.objects.filter(
            region__in=access.regions_with_private_access(request.user)
        ).select_related("region"),
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
        Commitment.objects.filter(opd__in=access.opds_visible_to(request.user)).select_related(
            "opd__region"
        ),
        opd_id=opd_id,
    )
    name = _("Commitment - %(opd)s - %(region)s") % {
        "opd": commitment.opd.name,
        "region": commitment.opd.region.name,
    }
    return serve_file(commitment.scan, name, content_type="application/pdf")
