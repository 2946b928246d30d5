"""The people a person manages: the office's assessors and mentors, a region's team."""

from django.http import Http404, HttpRequest, HttpResponse


def people_list(request: HttpRequest) -> HttpResponse:
    raise Http404  # being built


def person_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    raise Http404


def deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    raise Http404


def reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    raise Http404
