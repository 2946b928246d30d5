"""Self-service: one's profile, password and notification choices."""

from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.views import i18n as i18n_views


def set_language(request: HttpRequest) -> HttpResponse:
    return i18n_views.set_language(request)


def profile(request: HttpRequest) -> HttpResponse:
    raise Http404  # being built


PasswordChangeView = auth_views.PasswordChangeView
PasswordResetView = auth_views.PasswordResetView
PasswordResetDoneView = auth_views.PasswordResetDoneView
PasswordResetConfirmView = auth_views.PasswordResetConfirmView
PasswordResetCompleteView = auth_views.PasswordResetCompleteView
