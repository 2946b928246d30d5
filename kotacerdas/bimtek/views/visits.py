"""Placeholder views, replaced by the app's pages."""

from django.http import Http404, HttpRequest, HttpResponse


def region_guidance(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def groups(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def visit_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def visit_move(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def visit_complete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def session_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def session_move(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def session_output(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
