"""Forms of an application: answers, indicators, the reason to reopen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin, IndonesianNumberField
from kotacerdas.program.forms.assessment import LEVEL_CHOICES


class AnswerForm(BootstrapFormMixin, forms.Form):
    """One criterion of the self-assessment; the prefix is the criterion code."""

    self_score = forms.TypedChoiceField(
        label=_("Self-assessed level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    answer = forms.CharField(
        label=_("Answer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is in place today, with references to the evidence."),
    )
    evidence = forms.FileField(
        label=_("Evidence (PDF or image, 10 MB at most)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )


class IndicatorForm(BootstrapFormMixin, forms.Form):
    value = IndonesianNumberField(label=_("Value"), max_digits=12, decimal_places=3, required=False)
    source_year = forms.IntegerField(
        label=_("Source year"), min_value=2000, max_value=2100, required=False
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if (data.get("value") is None) != (data.get("source_year") is None):
            raise forms.ValidationError(_("Give both the value and its source year."))
        return data


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
