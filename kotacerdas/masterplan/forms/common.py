"""What every masterplan form shares: the text field, and a service's errors put on a form."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kotacerdas.masterplan import limits

TEXT = limits.LONG_TEXT  # longest free text accepted in one field
COMMENT = limits.COMMENT_TEXT  # longest review comment


def text_field(
    label: Any, rows: int = 3, required: bool = False, max_length: int = TEXT, **extra: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **extra,
    )


def apply_errors(
    form: forms.BaseForm, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """A service's ValidationError on the form: next to the field it names (after
    `aliases`, service name -> form field), otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        field = (aliases or {}).get(name, name)
        form.add_error(field if field in form.fields else None, messages)
