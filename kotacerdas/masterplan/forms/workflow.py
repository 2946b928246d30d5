"""The list's filters, starting a plan, and the workflow's steps: changes, approval, legalising."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.masterplan import limits
from kotacerdas.masterplan.forms.common import COMMENT, text_field
from kotacerdas.masterplan.models import MasterplanStatus
from kotacerdas.regions.models import Province


class RequestChangesForm(BootstrapFormMixin, forms.Form):
    comment = text_field(
        _("What must change"),
        rows=4,
        required=True,
        max_length=COMMENT,
        help_text=_("The region sees this comment with the request."),
    )


class ApproveForm(BootstrapFormMixin, forms.Form):
    comment = text_field(_("Comment (optional)"), rows=2, max_length=COMMENT)


class LegaliseForm(BootstrapFormMixin, forms.Form):
    number = forms.CharField(
        label=_("Perbup/Perwali number"),
        max_length=limits.NUMBER_TEXT,
        help_text=_("e.g. 12 Tahun 2025"),
    )
    date = forms.DateField(
        label=_("Perbup/Perwali date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(
        label=_("Signed Perbup/Perwali (PDF, 10 MB at most)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class MasterplanFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *MasterplanStatus.choices],
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("All provinces"),
    )
    region = forms.CharField(required=False, max_length=5, widget=forms.HiddenInput)

    def apply(self, masterplans: Any) -> Any:
        """The masterplans that pass the valid filters (an invalid one shows its error)."""
        if not self.is_bound:
            return masterplans
        self.is_valid()
        data = self.cleaned_data
        if data.get("status"):
            masterplans = masterplans.filter(status=data["status"])
        if data.get("province"):
            masterplans = masterplans.filter(region__province=data["province"])
        if data.get("region"):
            masterplans = masterplans.filter(region_id=data["region"])
        return masterplans


class StartMasterplanForm(BootstrapFormMixin, forms.Form):
    first_year = forms.IntegerField(
        label=_("First year"),
        min_value=2015,
        max_value=2100,
        help_text=_("The masterplan covers ten years from this one."),
    )
