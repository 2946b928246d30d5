"""The upload of an XLSX file of programs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("XLSX file"),
        help_text=_("Fill in the template; the first row of each sheet names the columns."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
