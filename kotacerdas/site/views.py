"""Site-wide pages that show domain data: they stand above the apps, so core need not
know any of them."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
    """Where one lands after logging in: one's work inbox ("Pekerjaan saya")."""
    return redirect("inbox")
