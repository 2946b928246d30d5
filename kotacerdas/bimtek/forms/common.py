"""What the guidance forms share: date inputs, choices of several objects, a period,
errors from a service."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kotacerdas.bimtek.models import REASON_LENGTH


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    # A date input takes ISO dates only, whatever the language's date format (an
    # Indonesian "08-12-2026" would leave it empty).
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


_ID = re.compile(r"[0-9]{1,18}")  # fits a 64-bit integer column
_INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


class ModelChoices(forms.ModelMultipleChoiceField):
    """Several objects by id, refusing as a form error what cannot be an id before the
    database sees it (`99999999999999999999999` would overflow the query)."""

    def _check_values(self, value: Any) -> Any:
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta  # type: ignore[union-attr]
        column = meta.pk if key == "pk" else meta.get_field(key)
        if column is not None and column.get_internal_type() in _INTEGER_KEYS:
            for pk in value:
                if not _ID.fullmatch(str(pk).strip()):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)  # type: ignore[misc]


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
