"""Forms of the masterplan's content: profile, potentials and problems, analyses, vision."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin, IndonesianNumberField
from kotacerdas.masterplan import limits
from kotacerdas.masterplan.forms.common import text_field
from kotacerdas.masterplan.models import Finding, FindingKind, ProfileKey
from kotacerdas.regions.models import OPD, DimensionElement


def _year(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=2015, max_value=2100)


class ProfileFigureForm(BootstrapFormMixin, forms.Form):
    key = forms.ChoiceField(label=_("Figure"), choices=ProfileKey.choices)
    label = forms.CharField(
        label=_("Label"),
        required=False,
        max_length=limits.LABEL_TEXT,
        help_text=_("Needed for “Other” figures, e.g. “Villages with internet access”."),
    )
    value = IndonesianNumberField(
        label=_("Value"),
        max_digits=20,
        decimal_places=3,
        help_text=_("e.g. 801.718 or 788,95"),
    )
    unit = forms.CharField(
        label=_("Unit"),
        required=False,
        max_length=limits.UNIT_TEXT,
        help_text=_("e.g. people, km², Rp, %"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    source = forms.CharField(
        label=_("Source"),
        max_length=limits.SHORT_TEXT,
        help_text=_("e.g. BPS Kabupaten Batang 2024"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("key") == ProfileKey.OTHER and not (data.get("label") or "").strip():
            self.add_error("label", _("Name the figure: “Other” figures need a label."))
        return data


class LeadingSectorsForm(BootstrapFormMixin, forms.Form):
    leading_sectors = text_field(
        _("Leading sectors"), rows=4, help_text=_("The region's leading sectors, one per line.")
    )


class ElementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.dimension.name} · {obj.name}"


def element_field(required: bool = False) -> ElementChoiceField:
    return ElementChoiceField(
        label=_("Dimension element"),
        queryset=DimensionElement.objects.select_related("dimension").order_by(
            "dimension__position", "position"
        ),
        to_field_name="code",
        required=required,
        empty_label=_("— none —"),
    )


class FindingForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=limits.SHORT_TEXT)
    opd = forms.ModelChoiceField(
        label=_("OPD"),
        queryset=OPD.objects.none(),
        help_text=_("The OPD whose duties (tupoksi) this belongs to."),
    )
    element = element_field()
    description = text_field(_("Description"), rows=4)
    evidence = text_field(
        _("Evidence"), rows=3, help_text=_("Data, reports or field observations that show it.")
    )

    def __init__(self, *args: Any, opds: Any, own_opd_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds  # type: ignore[attr-defined]
        if own_opd_only:  # an OPD officer: their OPD is the only choice
            self.fields["opd"].empty_label = None  # type: ignore[attr-defined]


class FindingFilterForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *FindingKind.choices]
    )
    opd = forms.ModelChoiceField(
        label=_("OPD"),
        required=False,
        queryset=OPD.objects.none(),
        empty_label=_("All"),
    )
    element = element_field()

    def __init__(self, *args: Any, opds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opds  # type: ignore[attr-defined]
        self.fields["element"].empty_label = _("All")  # type: ignore[attr-defined]


class SetAsideForm(BootstrapFormMixin, forms.Form):
    reason = text_field(
        _("Why no program addresses it"),
        rows=2,
        help_text=_(
            "e.g. handled by the province, or outside the smart-city scope. "
            "Empty the reason to count the problem as open again."
        ),
    )


class MergeForm(forms.Form):
    """The checkboxes and radio buttons in the findings table."""

    keep = forms.ModelChoiceField(
        label=_("Keep"),
        queryset=Finding.objects.none(),
        error_messages={"required": _("Choose the entry to keep.")},
    )
    duplicates: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Duplicates"),
        queryset=Finding.objects.none(),
        error_messages={"required": _("Tick the duplicates to merge into it.")},
    )

    def __init__(self, *args: Any, findings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = findings  # type: ignore[attr-defined]
        self.fields["duplicates"].queryset = findings  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        keep, duplicates = data.get("keep"), data.get("duplicates")
        if keep is not None and duplicates is not None:
            data["duplicates"] = [d for d in duplicates if d.pk != keep.pk]
            if not data["duplicates"]:
                self.add_error("duplicates", _("Tick at least one entry besides the one kept."))
        return data


class PillarForm(BootstrapFormMixin, forms.Form):
    """Readiness and SWOT of one pillar; the prefix is the pillar's code."""

    readiness = forms.DecimalField(
        label=_("Readiness (1-5)"),
        required=False,
        min_value=1,
        max_value=5,
        max_digits=4,
        decimal_places=2,
    )
    readiness_notes = text_field(_("Readiness notes"), rows=3)
    strengths = text_field(_("Strengths"))
    weaknesses = text_field(_("Weaknesses"))
    opportunities = text_field(_("Opportunities"))
    threats = text_field(_("Threats"))


class AnalysisTextsForm(BootstrapFormMixin, forms.Form):
    gap_analysis = text_field(
        _("Gap analysis"),
        rows=6,
        help_text=_("Where the region is today against where the vision needs it to be."),
    )
    rpjmd_vision = text_field(_("RPJMD vision"), rows=2)
    rpjmd_missions = text_field(_("RPJMD missions"), rows=4, help_text=_("One per line."))
    rpjmd_first_year = _year(_("RPJMD first year"), required=False)
    rpjmd_last_year = _year(_("RPJMD last year"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("rpjmd_first_year"), data.get("rpjmd_last_year")
        if first and last and last < first:
            self.add_error("rpjmd_last_year", _("The last year comes before the first year."))
        return data


class GoalForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=limits.CODE_TEXT, help_text=_("e.g. T1 or 2.3")
    )
    text = text_field(_("Goal"), rows=2, required=True)


class VisionForm(BootstrapFormMixin, forms.Form):
    vision = text_field(_("Smart-city vision"), rows=3)
    missions = text_field(_("Missions"), rows=5, help_text=_("One per line."))
    targets = text_field(_("Targets"), rows=5)
    roadmap = text_field(
        _("10-year roadmap"),
        rows=8,
        help_text=_("What happens in which years: stages, milestones, dependencies."),
    )
    implementation_steps = text_field(_("Implementation steps"), rows=6)


class IntroductionForm(BootstrapFormMixin, forms.Form):
    """The foreword, chapter I and the signatory of the masterplan document."""

    foreword = text_field(
        _("Foreword (Kata Pengantar)"),
        rows=6,
        help_text=_("Opens the document, before the contents; one paragraph a line."),
    )
    background = text_field(
        _("Background"),
        rows=8,
        help_text=_("Why the region writes this masterplan; one paragraph a line."),
    )
    legal_basis = text_field(
        _("Legal basis"),
        rows=12,
        help_text=_(
            "One regulation a line, highest rank first: laws, government and presidential "
            "regulations, ministerial regulations, then the region's own Perda and Perbup."
        ),
    )
    purpose = text_field(
        _("Purpose and objectives"),
        rows=5,
        help_text=_("What the masterplan is for and what it aims at; one paragraph a line."),
    )
    scope = text_field(
        _("Scope"),
        rows=5,
        help_text=_("The period, area, dimensions and parties the masterplan covers."),
    )
    head_name = forms.CharField(
        label=_("Name of the head of region"),
        required=False,
        max_length=200,
        help_text=_("As it is printed under the signature, e.g. “Drs. H. Ahmad Santoso, M.Si.”"),
    )
    head_title = forms.CharField(
        label=_("Title of the head of region"),
        required=False,
        max_length=200,
        help_text=_(
            "e.g. “Bupati Batang”; leave empty for Bupati or Wali Kota and the region's name."
        ),
    )


class StrategiesForm(BootstrapFormMixin, forms.Form):
    """One strategy text per dimension element; the field name is the element code."""

    def __init__(self, *args: Any, elements: Iterable[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for element in elements:
            self.fields[element.code] = text_field(
                _("Strategy for %(element)s") % {"element": element.name}, rows=3
            )
        self.style_widgets()
