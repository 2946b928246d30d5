"""Asking for a document of the masterplan: which one, its language and format."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin


class DocumentForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Document"),
        choices=[("full", _("The whole masterplan")), ("summary", _("Executive summary"))],
        initial="full",
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("id", _("Indonesian")), ("en", _("English"))],
        initial="id",
    )
    fmt = forms.ChoiceField(
        label=_("Format"),
        choices=[("docx", _("DOCX (editable in Word or LibreOffice)")), ("pdf", _("PDF"))],
        initial="docx",
    )
