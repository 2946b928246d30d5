from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.regions.models import OPD, IslandGroup, Province, RegionKind


class RegionFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Part of a name or a code, e.g. Batang or 33.25."),
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("All provinces"),
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *RegionKind.choices]
    )
    island_group = forms.ChoiceField(
        label=_("Island group"),
        required=False,
        choices=[("", _("All island groups")), *IslandGroup.choices],
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"],
            "province": data["province"].code if data["province"] else "",
            "kind": data["kind"],
            "island_group": data["island_group"],
        }


class OPDForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = OPD
        fields = ["name", "abbreviation", "kind", "head_name", "duties"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": _("The full name, e.g. Dinas Komunikasi dan Informatika."),
            "abbreviation": _("e.g. Diskominfo."),
            "duties": _(
                "A summary of the agency's duties and functions (tupoksi), at most 5,000 "
                "characters."
            ),
        }

    def add_service_error(self, error: ValidationError) -> None:
        """The service's refusal on the field it names, or above the form."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)
