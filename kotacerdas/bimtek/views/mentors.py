"""Placeholder views, replaced by the app's pages."""

from django.http import Http404, HttpRequest, HttpResponse


def mentor_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def mentor_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
