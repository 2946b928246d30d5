"""Placeholder views, replaced by the app's pages."""

from django.http import Http404, HttpRequest, HttpResponse


def mentor_calendar(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def region_calendar(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def opd_calendar(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def ics_feed(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
