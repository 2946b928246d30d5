"""Forms of agreements: signing, sending, receiving."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.program.models import SigningMode


class SignForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Agreement number"), max_length=80, help_text=_("e.g. 26/KOMINFO/HK.03.02/05/2023")
    )
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=SigningMode.choices)
    ministry_name = forms.CharField(label=_("Ministry signatory"), max_length=150)
    ministry_position = forms.CharField(label=_("Ministry signatory's position"), max_length=150)
    region_name = forms.CharField(label=_("Region signatory"), max_length=150)
    region_position = forms.CharField(label=_("Region signatory's position"), max_length=150)
    scan = forms.FileField(label=_("Scanned copy (PDF)"), required=False)


class BulkSignForm(BootstrapFormMixin, forms.Form):
    signed_on = forms.DateField(
        label=_("Signing day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=SigningMode.choices)
    number_pattern = forms.CharField(
        label=_("Number pattern"),
        max_length=80,
        help_text=_("{n} becomes a running number, e.g. {n}/KOMINFO/HK.03.02/05/2023."),
    )
    ministry_name = forms.CharField(label=_("Ministry signatory"), max_length=150)
    ministry_position = forms.CharField(label=_("Ministry signatory's position"), max_length=150)


class SendForm(BootstrapFormMixin, forms.Form):
    courier = forms.CharField(label=_("Courier"), max_length=80)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=80)
    sent_on = forms.DateField(label=_("Sent on"), widget=forms.DateInput(attrs={"type": "date"}))


class ReceiveForm(BootstrapFormMixin, forms.Form):
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
