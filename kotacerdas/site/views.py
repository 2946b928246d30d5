"""Site-wide pages that show domain data: they stand above the apps, so core need not
know any of them."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
    return render(request, "site/home.html", context)


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
