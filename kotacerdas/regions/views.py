from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.core import audit
from kotacerdas.core.feedback import report_errors
from kotacerdas.core.jobs import JobLimitReached, start_job
from kotacerdas.core.pagination import paginate
from kotacerdas.regions import access, public, services, workspace
from kotacerdas.regions.forms import OPDForm, RegionFilterForm
from kotacerdas.regions.models import OPD, Region
from kotacerdas.regions.queries import get_region_or_404, search_regions
from kotacerdas.regions.tasks import EXPORT_REGIONS


def region_list(request: HttpRequest) -> HttpResponse:
    form = RegionFilterForm(request.GET or None)
    regions = search_regions(**form.filters())
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": paginate(request, regions), "query": query.urlencode()}
    template = (
        "regions/_region_table.html"
        if request.headers.get("HX-Request")
        else "regions/region_list.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def region_export(request: HttpRequest) -> HttpResponse:
    form = RegionFilterForm(request.POST)
    try:
        job = start_job(EXPORT_REGIONS, request.user, form.filters())
    except JobLimitReached as error:
        messages.error(request, " ".join(error.messages))
        return redirect("job-list")
    if job.reused:
        messages.info(
            request, _("The same export is already under way. This page shows its progress.")
        )
    else:
        messages.info(request, _("The export has started. This page shows its progress."))
    return redirect("job-detail", job_id=job.pk)


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The region's public page, for anyone: its reference data and the public record of
    the apps above regions (regions/public.py: program participation, the published
    result, the agreement signed or not, the masterplan's status and legalised text)."""
    region = get_region_or_404(code)
    context = {
        "region": region,
        "can_view_private": access.can_view_region_private(request.user, region),
        "opd_count": region.opds.count(),
        "public_panels": public.public_panels(request, region),
    }
    return render(request, "regions/region_detail.html", context)


@login_required
def region_workspace(request: HttpRequest, code: str) -> HttpResponse:
    """The region's private page: its OPDs, its people and its audit trail, with the
    panels the apps above register (regions/workspace.py)."""
    region = get_region_or_404(code)
    access.require_region_private(request.user, region)
    opds = (
        access.opds_visible_to(request.user)
        .filter(region=region)
        .annotate(officer_count=Count("officers"), **workspace.opd_annotations())
    )
    opd_list = list(opds)
    can_manage = access.can_manage_region(request.user, region)
    people = access.users_visible_to(request.user).filter(region=region).select_related("opd")
    # With the masterplans' changes, budgets and targets included (they name the region).
    entries = audit.entries_for(
        [(Region, [region.pk]), (OPD, [opd.pk for opd in opd_list])],
        tagged={"region": region.pk},
    )
    context = {
        "region": region,
        "opds": opd_list,
        "opd_columns": workspace.opd_columns(),
        "opd_summaries": workspace.opd_summaries(opd_list),
        "panels": workspace.workspace_panels(request, region, can_manage),
        "people": people.order_by("role", "last_name", "username"),
        "can_manage": can_manage,
        "audit_page": paginate(request, entries, per_page=20),
    }
    return render(request, "regions/region_workspace.html", context)


@login_required
def opd_create(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_or_404(code)
    access.require_manage_region(request.user, region)
    form = OPDForm(request.POST or None, instance=OPD(region=region))
    if request.method == "POST" and form.is_valid():
        try:
            opd = services.create_opd(request.user, region, form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("OPD %(name)s was added.") % {"name": opd.name})
            return redirect("regions:workspace", code=region.code)
    return render(request, "regions/opd_form.html", {"region": region, "form": form})


@login_required
def opd_edit(request: HttpRequest, opd_id: int) -> HttpResponse:
    opd = get_object_or_404(
        access.opds_visible_to(request.user).select_related("region"), pk=opd_id
    )
    access.require_manage_region(request.user, opd.region)
    form = OPDForm(request.POST or None, instance=opd)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_opd(request.user, opd, form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("OPD %(name)s was saved.") % {"name": opd.name})
            return redirect("regions:workspace", code=opd.region_id)
    context = {
        "region": opd.region,
        "form": form,
        "opd": opd,
        "audit_page": paginate(request, audit.entries_for([(OPD, [opd.pk])]), per_page=10),
    }
    return render(request, "regions/opd_form.html", context)


@login_required
@require_POST
def opd_delete(request: HttpRequest, opd_id: int) -> HttpResponse:
    opd = get_object_or_404(
        access.opds_visible_to(request.user).select_related("region"), pk=opd_id
    )
    try:
        services.delete_opd(request.user, opd)
    except ValidationError as error:
        report_errors(request, error)
        return redirect("regions:opd", opd_id=opd.pk)
    messages.success(request, _("OPD %(name)s was removed.") % {"name": opd.name})
    return redirect("regions:workspace", code=opd.region_id)


@login_required
def opd_detail(request: HttpRequest, opd_id: int) -> HttpResponse:
    """An OPD's own page: its duties, commitment, officers and history."""
    opd = get_object_or_404(
        access.opds_visible_to(request.user).select_related("region__province"), pk=opd_id
    )
    can_manage = access.can_manage_region(request.user, opd.region)
    context = {
        "opd": opd,
        "region": opd.region,
        "officers": access.users_visible_to(request.user).filter(opd=opd),
        "can_manage": can_manage,
        "panels": workspace.opd_panels(request, opd, can_manage),
        "audit_page": paginate(request, audit.entries_for([(OPD, [opd.pk])]), per_page=10),
    }
    return render(request, "regions/opd_detail.html", context)
