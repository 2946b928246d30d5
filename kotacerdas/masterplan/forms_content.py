"""Forms of the masterplan's content and review pages. They check the shape of the
input; the services decide what is allowed and say what is wrong with the content."""

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin, IndonesianNumberField
from kotacerdas.masterplan import limits
from kotacerdas.masterplan.models import Finding, FindingKind, ProfileKey, Program
from kotacerdas.regions.models import OPD, DimensionElement

TEXT = limits.LONG_TEXT  # longest free text accepted in one field
COMMENT = limits.COMMENT_TEXT  # longest review comment


def _text(
    label: Any, rows: int = 3, required: bool = False, max_length: int = TEXT, **extra: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **extra,
    )


def _year(label: Any, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=required, min_value=2015, max_value=2100)


def apply_errors(
    form: forms.BaseForm, error: ValidationError, aliases: Mapping[str, str] | None = None
) -> None:
    """A service's ValidationError on the form: next to the field it names (after
    `aliases`, service name -> form field), otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, messages in error.message_dict.items():
        field = (aliases or {}).get(name, name)
        form.add_error(field if field in form.fields else None, messages)


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
    leading_sectors = _text(
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
    description = _text(_("Description"), rows=4)
    evidence = _text(
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
    reason = _text(
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
    readiness_notes = _text(_("Readiness notes"), rows=3)
    strengths = _text(_("Strengths"))
    weaknesses = _text(_("Weaknesses"))
    opportunities = _text(_("Opportunities"))
    threats = _text(_("Threats"))


class AnalysisTextsForm(BootstrapFormMixin, forms.Form):
    gap_analysis = _text(
        _("Gap analysis"),
        rows=6,
        help_text=_("Where the region is today against where the vision needs it to be."),
    )
    rpjmd_vision = _text(_("RPJMD vision"), rows=2)
    rpjmd_missions = _text(_("RPJMD missions"), rows=4, help_text=_("One per line."))
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
    text = _text(_("Goal"), rows=2, required=True)


class VisionForm(BootstrapFormMixin, forms.Form):
    vision = _text(_("Smart-city vision"), rows=3)
    missions = _text(_("Missions"), rows=5, help_text=_("One per line."))
    targets = _text(_("Targets"), rows=5)
    roadmap = _text(
        _("10-year roadmap"),
        rows=8,
        help_text=_("What happens in which years: stages, milestones, dependencies."),
    )
    implementation_steps = _text(_("Implementation steps"), rows=6)


class IntroductionForm(BootstrapFormMixin, forms.Form):
    """The foreword, chapter I and the signatory of the masterplan document."""

    foreword = _text(
        _("Foreword (Kata Pengantar)"),
        rows=6,
        help_text=_("Opens the document, before the contents; one paragraph a line."),
    )
    background = _text(
        _("Background"),
        rows=8,
        help_text=_("Why the region writes this masterplan; one paragraph a line."),
    )
    legal_basis = _text(
        _("Legal basis"),
        rows=12,
        help_text=_(
            "One regulation a line, highest rank first: laws, government and presidential "
            "regulations, ministerial regulations, then the region's own Perda and Perbup."
        ),
    )
    purpose = _text(
        _("Purpose and objectives"),
        rows=5,
        help_text=_("What the masterplan is for and what it aims at; one paragraph a line."),
    )
    scope = _text(
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
            self.fields[element.code] = _text(
                _("Strategy for %(element)s") % {"element": element.name}, rows=3
            )
        self.style_widgets()


class CommentForm(BootstrapFormMixin, forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    program = forms.ModelChoiceField(
        label=_("Program"),
        required=False,
        queryset=Program.objects.none(),
        empty_label=_("— none —"),
        help_text=_("Choose a program to comment on it rather than on a section."),
    )
    body = _text(_("Comment"), rows=4, required=True, max_length=COMMENT)

    def __init__(self, *args: Any, sections: Any, programs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]
        self.fields["program"].queryset = programs  # type: ignore[attr-defined]


class ReplyForm(BootstrapFormMixin, forms.Form):
    body = _text(_("Reply"), rows=2, required=True, max_length=COMMENT)


class RequestChangesForm(BootstrapFormMixin, forms.Form):
    comment = _text(
        _("What must change"),
        rows=4,
        required=True,
        max_length=COMMENT,
        help_text=_("The region sees this comment with the request."),
    )


class ApproveForm(BootstrapFormMixin, forms.Form):
    comment = _text(_("Comment (optional)"), rows=2, max_length=COMMENT)


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


class CompareForm(BootstrapFormMixin, forms.Form):
    a = forms.TypedChoiceField(label=_("From version"), coerce=int)
    b = forms.TypedChoiceField(label=_("To version"), coerce=int)

    def __init__(self, *args: Any, numbers: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, _("Version %(number)d") % {"number": n}) for n in numbers]
        for name in ("a", "b"):
            field = self.fields[name]
            field.choices = choices  # type: ignore[attr-defined]
            field.error_messages["invalid_choice"] = _(
                "There is no version %(value)s of this masterplan; choose one from the list."
            )
