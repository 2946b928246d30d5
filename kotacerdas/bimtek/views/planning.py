"""Placeholder views, replaced by the app's pages."""

from django.http import Http404, HttpRequest, HttpResponse


def guidance_home(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def cohort_guidance(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def stages(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def plan(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def run_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def run_apply(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
