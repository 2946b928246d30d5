"""Site-wide pages that show domain data: they stand above the apps, so core need not
know any of them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kotacerdas.program import public as program_public
from kotacerdas.regions import public
from kotacerdas.regions.models import Dimension, Pillar, Province


def home(request: HttpRequest) -> HttpResponse:
    """The landing page: the regions, the public record of the movement (the national
    funnel per island group, from the stages the apps register in regions/public.py, and
    each public cohort) and the reference the program works with."""
    result = public.funnel()
    context = {
        "province_count": Province.objects.count(),
        "region_count": result.national.counts[0],
        "funnel": result,
        "cohorts": program_public.cohort_summaries(),
        "dimensions": Dimension.objects.prefetch_related("elements"),
        "pillars": Pillar.objects.prefetch_related("elements"),
    }
    return render(request, "site/home.html", context)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where one lands after logging in: one's work inbox ("Pekerjaan saya")."""
    return redirect("inbox")
