"""Agreements (MoU) through signing and the post, and the cohort's funnel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.core.downloads import serve_file
from kotacerdas.core.feedback import report_errors
from kotacerdas.program import access, queries, services
from kotacerdas.program.forms import (
    BulkSignForm,
    ReceiveForm,
    SendForm,
    SignForm,
)
from kotacerdas.program.models import (
    Cohort,
)


def _agreements(request: HttpRequest) -> QuerySet:
    return access.agreements_visible_to(request.user)


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
def agreement_scan(request: HttpRequest, agreement_id: int) -> FileResponse:
    agreement = get_object_or_404(_agreements(request), pk=agreement_id)
    name = _("Agreement %(number)s - %(region)s") % {
        "number": agreement.number or "",
        "region": agreement.application.region.name,
    }
    return serve_file(agreement.scan, name, content_type="application/pdf")
