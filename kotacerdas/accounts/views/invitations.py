"""Invitations: sent by the office and coordinators, accepted by following the link."""

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kotacerdas.accounts import access
from kotacerdas.accounts.forms.people import (
    AcceptForm,
    InviteForm,
    InviteImportForm,
    ResendForm,
)
from kotacerdas.accounts.models import Invitation, InvitationState
from kotacerdas.accounts.services import invitations as services
from kotacerdas.accounts.services.invite_import import SAMPLE_ROWS, import_invitations
from kotacerdas.core.feedback import report_errors
from kotacerdas.formats import cells

LANGUAGES = dict(settings.LANGUAGES)


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    access.require(bool(access.grantable_roles(request.user)))
    form = InviteForm(request.user, request.POST or None)
    existing_user_id = pending_id = None
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite(request.user, form.invite_input())
        except services.AccountExists as error:
            form.add_error("email", error.messages[0])
            existing_user_id = error.user_id
        except services.InvitationPending as error:
            form.add_error("email", error.messages[0])
            pending_id = error.invitation_id
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s; the link works %(days)d days.")
                % {"email": invitation.email, "days": settings.INVITATION_DAYS},
            )
            return redirect("accounts:people")
    context = {
        "form": form,
        "existing_user_id": existing_user_id,
        "pending_id": pending_id,
        "resend_form": ResendForm(),
        "is_office": access.is_program_office(request.user),
    }
    return render(request, "accounts/people/invite.html", context)


@login_required
def invite_import(request: HttpRequest) -> HttpResponse:
    access.require(bool(access.grantable_roles(request.user)))
    if request.GET.get("sample"):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(cells.csv_rows(SAMPLE_ROWS))
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="invitations.csv"'
        return response
    form = InviteImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = import_invitations(request.user, form.cleaned_data["file"])
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("%(count)d invitations were sent.") % {"count": report.created},
            )
            return redirect("accounts:people")
    return render(request, "accounts/people/import.html", {"form": form, "import_errors": errors})


def _invitation(request: HttpRequest, invitation_id: int) -> Invitation:
    return get_object_or_404(
        access.invitations_visible_to(request.user).select_related(
            "invited_by", "region", "opd", "user"
        ),
        pk=invitation_id,
    )


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("accounts:people")


@login_required
@require_POST
def resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation(request, invitation_id)
    form = ResendForm(request.POST)
    language = form.cleaned_data.get("language", "") if form.is_valid() else ""
    try:
        services.resend(request.user, invitation, language)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("A new link was sent to %(email)s; the previous one no longer works.")
            % {"email": invitation.email},
        )
    return _back(request)


@login_required
@require_POST
def revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = _invitation(request, invitation_id)
    try:
        services.revoke(request.user, invitation)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("The invitation of %(email)s was revoked; its link no longer works.")
            % {"email": invitation.email},
        )
    return _back(request)


UNUSABLE: dict[str, Any] = {
    InvitationState.ACCEPTED: gettext_lazy(
        "This invitation was already used: its account exists. Log in, or ask for a new "
        "invitation if it was not you who used it."
    ),
    InvitationState.EXPIRED: gettext_lazy("This invitation has expired."),
    InvitationState.REVOKED: gettext_lazy(
        "This invitation was withdrawn by the person who sent it."
    ),
}


def _language(request: HttpRequest) -> str:
    """The language the invitation was written in (the link says), else the page's."""
    wanted = request.GET.get("language", "")
    return wanted if wanted in LANGUAGES else (translation.get_language() or "id")


def accept(request: HttpRequest, secret: str) -> HttpResponse:
    invitation = access.invitation_for_secret(secret)
    language = _language(request)
    with translation.override(language):
        if invitation is None or invitation.state != InvitationState.PENDING:
            return _unusable(request, secret, invitation)
        form = AcceptForm(
            invitation,
            request.POST or None,
            initial={
                "first_name": invitation.first_name,
                "last_name": invitation.last_name,
                "language": language,
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                user = services.accept(
                    None,  # whoever follows the link; the new account names itself after
                    invitation,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                    language=data["language"],
                )
            except services.InvitationUnusable:
                return _unusable(request, secret, invitation)
            except ValidationError as error:
                if hasattr(error, "error_dict") and "password" in error.error_dict:
                    form.add_error("password1", error.error_dict["password"])
                else:
                    form.add_error(None, error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                with translation.override(user.language):
                    messages.success(
                        request, _("Welcome! Your account is ready; this is your work.")
                    )
                response = redirect("inbox")
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    user.language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    samesite="Lax",
                )
                return response
        context = {
            "invitation": invitation,
            "form": form,
            "inviter": invitation.invited_by.get_full_name()
            or invitation.invited_by.get_username(),
            "role": services.role_label(invitation),
        }
        return render(request, "accounts/people/accept.html", context)


def _unusable(request: HttpRequest, secret: str, invitation: Invitation | None) -> HttpResponse:
    state = invitation.state if invitation is not None else ""
    message = UNUSABLE.get(state) or _("This invitation link does not work.")
    context = {
        "message": message,
        "ask_again": reverse("accounts:invitation-ask-again", args=[secret]),
    }
    return render(request, "accounts/people/unusable.html", context)


@require_POST
def ask_again(request: HttpRequest, secret: str) -> HttpResponse:
    """Tell the inviter the link no longer works. The answer is the same whatever the
    state of the invitation, or if there is none."""
    invitation = access.invitation_for_secret(secret)
    actor = request.user if request.user.is_authenticated else None
    services.ask_again(actor, invitation)
    return render(request, "accounts/people/asked.html")
