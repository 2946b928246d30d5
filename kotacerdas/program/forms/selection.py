"""Forms of the selection: its rules and an override."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin, IndonesianNumberField
from kotacerdas.regions.models import IslandGroup


class RulesForm(BootstrapFormMixin, forms.Form):
    quota = forms.IntegerField(label=_("Quota"), min_value=1, max_value=514)
    max_per_province = forms.IntegerField(
        label=_("At most per province"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    min_score = IndonesianNumberField(
        label=_("Minimum score"), min_value=1, max_value=5, decimal_places=2, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in IslandGroup.choices:
            self.fields[f"min_{value}"] = forms.IntegerField(
                label=_("At least from %(group)s") % {"group": label}, min_value=0, required=False
            )
        self.style_widgets()

    def island_minimums(self) -> dict[str, int]:
        return {
            value: self.cleaned_data[f"min_{value}"]
            for value in IslandGroup.values
            if self.cleaned_data.get(f"min_{value}")
        }


class OverrideForm(BootstrapFormMixin, forms.Form):
    selected = forms.TypedChoiceField(
        label=_("Decision"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Select")), ("0", _("Do not select"))],
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000)
