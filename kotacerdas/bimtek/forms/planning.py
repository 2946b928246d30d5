"""Forms of a cohort's guidance plan: its stages and a schedule run."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.bimtek.forms.common import date_field
from kotacerdas.bimtek.models import TEXT_LENGTH
from kotacerdas.core.forms import BootstrapFormMixin


class PlanForm(BootstrapFormMixin, forms.Form):
    starts_on = date_field(_("Plan from"))
    ends_on = date_field(
        _("Plan until"),
        required=False,
        help_text=_(
            "Every visit ends on or before the day chosen here. Empty: the cohort's "
            "masterplan deadline."
        ),
    )
    time_limit_s = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=5,
        max_value=600,
        initial=30,
        help_text=_("How long the optimiser may search, from 5 to 600 seconds."),
    )
    team_size = forms.IntegerField(
        label=_("Mentors per visit"), min_value=1, max_value=5, initial=1
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The plan must end after it starts."))
        return data


class StageForm(BootstrapFormMixin, forms.Form):
    expected_outputs = forms.CharField(
        label=_("Expected outputs"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    days_in_region = forms.IntegerField(
        label=_("Days in a region"),
        min_value=1,
        max_value=10,
        help_text=_("Consecutive working days a visit takes, at least."),
    )
    min_gap_days = forms.IntegerField(
        label=_("At least (days after the previous stage)"), min_value=1, max_value=180
    )
    max_gap_days = forms.IntegerField(
        label=_("At most (days after the previous stage)"), min_value=1, max_value=365
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_gap_days"), data.get("max_gap_days")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_gap_days", _("The longest gap cannot be shorter than the shortest.")
            )
        return data
