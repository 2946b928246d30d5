"""What the guidance forms share: date inputs, a period, errors from a service."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kotacerdas.bimtek.models import REASON_LENGTH


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError on the form: on its field when the form has it, at
    the top otherwise, so the person sees every reason beside what they typed."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class PeriodForm(forms.Form):
    """From one day until another (both included), with an optional reason."""

    starts_on = date_field(_("From"))
    ends_on = date_field(_("Until"))
    reason = forms.CharField(label=_("Reason"), max_length=REASON_LENGTH, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day comes before the first."))
        return data
