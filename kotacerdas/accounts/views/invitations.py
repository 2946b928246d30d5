"""Invitations: sent by the office and coordinators, accepted by following the link."""

from django.http import Http404, HttpRequest, HttpResponse


def invite(request: HttpRequest) -> HttpResponse:
    raise Http404  # being built


def invite_import(request: HttpRequest) -> HttpResponse:
    raise Http404


def resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    raise Http404


def revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    raise Http404


def accept(request: HttpRequest, secret: str) -> HttpResponse:
    raise Http404


def ask_again(request: HttpRequest, secret: str) -> HttpResponse:
    raise Http404
