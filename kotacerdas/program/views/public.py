"""The program's public pages, for anyone, logged in or not: a cohort's participating
regions and, once published, its selection result (program/public.py says what is public)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from kotacerdas.program import public
from kotacerdas.program.models import CohortStatus


def cohort_public(request: HttpRequest, year: int) -> HttpResponse:
    """A cohort's public record; a draft cohort is not public (404)."""
    cohort = get_object_or_404(public.public_cohorts(), year=year)
    rows = public.participants(cohort)
    published = cohort.status == CohortStatus.PUBLISHED
    context = {
        "cohort": cohort,
        "participants": rows,
        "published": published,
        "selected_count": sum(1 for row in rows if row.selected),
        "signed_count": sum(1 for row in rows if row.agreement_signed),
    }
    return render(request, "program/public/cohort.html", context)
