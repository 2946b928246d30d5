"""Self-service: one's profile, password and notification choices, and the language
switch (which, for a signed-in person, also saves the choice in their account)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views

from kotacerdas.accounts.forms.profile import PasswordChangeForm as ChangeForm
from kotacerdas.accounts.forms.profile import PasswordResetForm as ResetForm
from kotacerdas.accounts.forms.profile import ProfileForm
from kotacerdas.accounts.forms.profile import SetPasswordForm as NewPasswordForm
from kotacerdas.accounts.services import profile as services
from kotacerdas.core.access import authenticated


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (the cookie, the safe `next`); a signed-in person's choice
    is also saved in their account, so their pages and emails follow it everywhere."""
    language = request.POST.get("language", "") if request.method == "POST" else ""
    if authenticated(request.user) and language in dict(settings.LANGUAGES):
        services.set_language(request.user, request.user, language)
    return i18n_views.set_language(request)


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def _add_errors(form: Any, error: ValidationError) -> None:
    """A service's errors on the form's fields where it has them, else above it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.update_profile(user, user, form.changes(), form.modes())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            translation.activate(saved.language)
            messages.success(request, _("Your profile was saved."))
            response = redirect("accounts:profile")
            _remember_language(response, saved.language)
            return response
    context: dict[str, Any] = {"form": form}
    return render(request, "accounts/profile/profile.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's view (the session stays signed in, others end), with the platform's
    form and template; back to the profile with a message."""

    form_class = ChangeForm
    template_name = "accounts/password/change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link. Known address or not, the same page follows."""

    form_class = ResetForm
    template_name = "accounts/password/reset.html"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password/reset_done.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
        return {**super().get_context_data(**kwargs), "hours": hours}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the email: a new password, or a page saying the link no longer
    works (used, expired, or changed since) with a way to ask for a new one."""

    form_class = NewPasswordForm
    template_name = "accounts/password/reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password/reset_complete.html"
