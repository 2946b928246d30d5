"""Forms of the rubric editor: criteria and the reason for a change in use."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin, IndonesianNumberField
from kotacerdas.regions.models import Pillar


class CriterionForm(BootstrapFormMixin, forms.Form):
    """One criterion of the rubric. The service checks the same rules for the API."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "Small letters, digits and hyphens; it does not change once applications came in."
        ),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    pillar = forms.ChoiceField(label=_("Pillar"), choices=())
    weight = IndonesianNumberField(
        label=_("Weight"),
        min_value=Decimal("0.01"),
        max_value=Decimal("999.99"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Relative; weights need not add up to 100."),
    )
    guidance = forms.CharField(
        label=_("Guidance for regions and assessors"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, pillars: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if pillars is None:
            pillars = [(pillar.code, pillar.name) for pillar in Pillar.objects.all()]
        self.fields["pillar"].choices = [("", "—"), *pillars]  # type: ignore[attr-defined]
        for level in range(1, 6):
            self.fields[f"level_{level}"] = forms.CharField(
                label=_("Level %(level)d means") % {"level": level}, max_length=500
            )
        self.style_widgets()

    def levels(self) -> list[str]:
        return [self.cleaned_data[f"level_{level}"] for level in range(1, 6)]

    def level_fields(self) -> list[Any]:
        return [self[f"level_{level}"] for level in range(1, 6)]


class BaseCriterionFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        codes: set[str] = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            code = form.cleaned_data.get("code")
            if code in codes:
                form.add_error("code", _("The code %(code)s is used twice.") % {"code": code})
            codes.add(code)


def criterion_formset(*, extra: int, can_delete: bool) -> type[forms.BaseFormSet]:
    return forms.formset_factory(
        CriterionForm,
        formset=BaseCriterionFormSet,
        extra=extra,
        can_delete=can_delete,
        max_num=40,
        validate_max=True,
    )


class RubricReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the rubric changes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once applications were submitted; it is kept with the change."),
    )
