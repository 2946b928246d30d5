"""The masterplan editor: the list, the overview with the checker, programs,
import/export and documents."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotacerdas.core import access
from kotacerdas.core.pagination import paginate


@login_required
def masterplan_list(request: HttpRequest) -> HttpResponse:
    masterplans = (
        access.masterplans_visible_to(request.user)
        .select_related("region__province")
        .order_by("region__name", "-first_year")
    )
    return render(request, "masterplan/list.html", {"page": paginate(request, masterplans)})
