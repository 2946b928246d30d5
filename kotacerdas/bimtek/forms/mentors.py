"""Forms of a mentor's profile and unavailable periods."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.bimtek.forms.common import ModelChoices, PeriodForm
from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.regions.models import Dimension, Region


class RegionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.province.name})"


class MentorProfileForm(BootstrapFormMixin, forms.Form):
    home_region = RegionChoice(
        label=_("Home base"),
        queryset=Region.objects.select_related("province").order_by("name"),
        help_text=_("Where the mentor's trips start and end."),
    )
    expertise = ModelChoices(
        label=_("Expertise"),
        queryset=Dimension.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    max_regions = forms.IntegerField(label=_("At most regions"), min_value=1, max_value=50)
    max_travel_days_per_month = forms.IntegerField(
        label=_("At most days away a month"),
        min_value=1,
        max_value=31,
        help_text=_("Travel days and days in regions, together."),
    )


class UnavailabilityForm(BootstrapFormMixin, PeriodForm):
    pass
