"""Forms of the self-service pages: the profile, the password change and reset."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.forms.models import fields_for_model

from kotacerdas.accounts.models import NotificationKind, NotificationMode, User
from kotacerdas.accounts.services import profile as services
from kotacerdas.core.forms import BootstrapFormMixin

MODE_PREFIX = "mode_"


class ProfileForm(BootstrapFormMixin, forms.Form):
    """Names, phone and language (the model's fields, with its validators: one line,
    the phone's characters, a known language), and per kind of notification whether
    it is emailed at once or in the daily digest. A plain form, not a model form: an
    invalid entry never touches the signed-in user shown in the navigation bar."""

    FIELDS = ("first_name", "last_name", "phone", "language")
    WIDGETS: dict[str, type[forms.Widget] | forms.Widget] = {
        "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
        "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(user, name) for name in self.FIELDS})
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(User, fields=self.FIELDS, widgets=self.WIDGETS))
        self.fields["language"].choices = settings.LANGUAGES  # type: ignore[attr-defined]
        modes = services.notification_modes(user)
        for kind in NotificationKind:
            self.fields[MODE_PREFIX + kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=NotificationMode.choices,
                initial=modes[kind.value],
                widget=forms.RadioSelect,
            )
        self.style_widgets()

    def style_widgets(self) -> None:
        super().style_widgets()
        for name, field in self.fields.items():
            if name.startswith(MODE_PREFIX):
                field.widget.attrs["class"] = "form-check-input"

    def mode_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(MODE_PREFIX)]

    def profile_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.FIELDS]

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}

    def modes(self) -> dict[str, str]:
        return {
            name.removeprefix(MODE_PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(MODE_PREFIX)
        }


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    """Django's form (old password checked, new one validated twice), saved through the
    service, which records the change in the audit."""

    def save(self, commit: bool = True) -> Any:
        return services.set_password(
            self.user, self.user, self.cleaned_data["new_password1"], how="change"
        )


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    """Django's form, its email queued by the service in the person's language (and
    emptied once sent). An unknown address gets the same answer, and no email."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        services.send_password_reset(user, user)


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    """The new password of a reset link, saved through the service (audited)."""

    def save(self, commit: bool = True) -> Any:
        return services.reset_password(self.user, self.user, self.cleaned_data["new_password1"])
