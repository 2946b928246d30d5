from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts import access, services
from kotacerdas.accounts.forms.tokens import LoginForm, TokenForm
from kotacerdas.accounts.models import ApiToken
from kotacerdas.accounts.queries import token_audit
from kotacerdas.core.pagination import paginate


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.create_token(request.user, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": access.tokens_of(request.user),
        "audit_page": paginate(request, token_audit(request.user), per_page=10),
    }
    return render(request, "accounts/tokens.html", context)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        services.revoke_token(request.user, token_id)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The token was revoked; systems using it can no longer connect."))
    return redirect("accounts:tokens")
