"""The work inbox, "Pekerjaan saya": what waits for the person, from every app
(core.inbox), and its count for the navigation bar."""

from django.http import Http404, HttpRequest, HttpResponse


def inbox(request: HttpRequest) -> HttpResponse:
    raise Http404  # being built


def inbox_count(request: HttpRequest) -> HttpResponse:
    raise Http404
