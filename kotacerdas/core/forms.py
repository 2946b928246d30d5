from typing import Any

from django import forms


class BootstrapFormMixin:
    """Bootstrap classes on every widget, and invalid fields marked for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if self.is_bound and name in self.errors:  # type: ignore[attr-defined]
                widget.attrs["class"] += " is-invalid"
                widget.attrs["aria-invalid"] = "true"
