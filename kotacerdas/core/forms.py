from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.money import group_thousands, parse_rupiah
from kotacerdas.core.numbers import plain_number_text


class BootstrapFormMixin:
    """Bootstrap classes on every widget, and invalid fields marked for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        """Call again after adding fields in a subclass's __init__."""
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            if css not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        # Marking happens after validation, never during __init__: validating there
        # would run before a subclass has finished setting up its fields.
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is not None:
                field.widget.attrs["class"] += " is-invalid"
                field.widget.attrs["aria-invalid"] = "true"


class IndonesianNumberField(forms.DecimalField):
    """A decimal typed the Indonesian way (see core.numbers), shown back the same way."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Any:
        return super().to_python(plain_number_text(value) if isinstance(value, str) else value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):  # no grouping, decimal comma
            return f"{value.normalize():f}".replace(".", ",")
        return value


class RupiahField(forms.CharField):
    """Whole Rupiah as people type them (core.money.parse_rupiah), shown grouped the way
    the page's language writes numbers."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Write whole Rupiah, e.g. 250.000.000."),
        "negative": _("A budget cannot be negative."),
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int):
            grouped = group_thousands(abs(value))
            if translation.get_language() == "en":
                grouped = grouped.replace(".", ",")
            return ("-" if value < 0 else "") + grouped
        return value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(super().to_python(value) or "").strip()
        if not text:
            return None
        try:
            # Amounts over MAX_BUDGET_AMOUNT are refused by the service, which says so.
            return parse_rupiah(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and value < 0:
            raise ValidationError(self.error_messages["negative"], code="negative")
