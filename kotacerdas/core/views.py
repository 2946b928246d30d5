from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from kotacerdas.core import access
from kotacerdas.core.models import Job
from kotacerdas.core.pagination import paginate
from kotacerdas.core.roles import REGIONAL_ROLES, Role
from kotacerdas.regions.models import Dimension, IslandGroup, Pillar, Province, Region


def home(request: HttpRequest) -> HttpResponse:
    by_group = dict(Region.objects.values_list("island_group").annotate(n=Count("pk")).order_by())
    context = {
        "province_count": Province.objects.count(),
        "region_count": sum(by_group.values()),
        "island_groups": [
            (value, label, by_group.get(value, 0)) for value, label in IslandGroup.choices
        ],
        "dimensions": Dimension.objects.prefetch_related("elements"),
        "pillars": Pillar.objects.prefetch_related("elements"),
    }
    return render(request, "core/home.html", context)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where one lands after logging in: where one's work is. A region's people at their
    region's workspace, mentors at the masterplans they guide, the program office and
    assessors at the program's cohorts."""
    user: Any = request.user
    if user.role in REGIONAL_ROLES and user.region_id:
        return redirect("regions:workspace", code=user.region_id)
    if user.role == Role.MENTOR:
        return redirect("masterplan:list")
    if user.role in (Role.PROGRAM_OFFICE, Role.ASSESSOR):
        return redirect("program:cohorts")
    return redirect("home")


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = access.jobs_visible_to(request.user).select_related("requested_by")
    return render(request, "core/job_list.html", {"page": paginate(request, jobs)})


def _job(request: HttpRequest, job_id: str) -> Job:
    return get_object_or_404(access.jobs_visible_to(request.user), pk=job_id)


@login_required
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _job(request, job_id)
    template = (
        "core/_job_status.html" if request.headers.get("HX-Request") else "core/job_detail.html"
    )
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, job_id: str) -> FileResponse:
    job = _job(request, job_id)
    if not job.result_file:
        raise Http404
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=(job.result_file.name or "").rsplit("/", 1)[-1],
    )
