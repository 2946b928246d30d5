from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import User
from kotacerdas.core.forms import BootstrapFormMixin, IndonesianNumberField
from kotacerdas.program.models import Cohort, PhaseKind, SigningMode
from kotacerdas.regions.models import IslandGroup, Pillar

LEVEL_CHOICES = [("", "—"), *[(str(n), str(n)) for n in range(1, 6)]]


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


class ScoreForm(BootstrapFormMixin, forms.Form):
    """One criterion scored by an assessor; the prefix is the criterion code."""

    score = forms.TypedChoiceField(
        label=_("Score"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a score of 1 or 5."),
    )


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(BootstrapFormMixin, forms.Form):
    assessor = forms.ModelChoiceField(label=_("Assessor"), queryset=User.objects.none())
    override_reason = forms.CharField(
        label=_("Reason to relax the conflict-of-interest rule"),
        required=False,
        help_text=_("Only when the assessor comes from the applicant's province."),
    )

    def __init__(self, *args: Any, assessors: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors  # type: ignore[attr-defined]


class BulkAssignForm(BootstrapFormMixin, forms.Form):
    assessors: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Assessors"),
        queryset=User.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    per_application = forms.IntegerField(
        label=_("Assessors per application"), min_value=2, max_value=5, initial=2
    )

    def __init__(self, *args: Any, assessors: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = assessors  # type: ignore[attr-defined]


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


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label=_("XLSX or CSV file"),
        help_text=_(
            "Columns: nama, singkatan, jenis (dinas, badan, bagian, kecamatan, lainnya), "
            "kepala, tupoksi. The first row names the columns."
        ),
    )


class CommitmentForm(BootstrapFormMixin, forms.Form):
    signed_by = forms.CharField(label=_("Signed by"), max_length=150)
    signed_on = forms.DateField(
        label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    scan = forms.FileField(label=_("Scanned copy (PDF)"), required=False)


class InterviewForm(BootstrapFormMixin, forms.Form):
    held_at = forms.DateTimeField(
        label=_("Held at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    attendees = forms.CharField(
        label=_("Attendees"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Names and positions, one per line."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )


class CohortForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2017, max_value=2100)
    name = forms.CharField(
        label=_("Name"), max_length=150, help_text=_("e.g. Gerakan Menuju Smart City 2025")
    )
    quota = forms.IntegerField(label=_("Quota"), min_value=1, max_value=514, initial=50)
    application_deadline = forms.DateTimeField(
        label=_("Application deadline (WIB)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Each region sees it in its own time zone."),
    )
    template = forms.ModelChoiceField(
        label=_("Copy rubric, rules and phases from"),
        required=False,
        queryset=Cohort.objects.all(),
        empty_label=_("Start empty"),
        help_text=_(
            "Its phases move so that registration ends on the deadline above; each phase "
            "keeps its length."
        ),
    )


# The rubric and phase editor ---------------------------------------------------------------


class ScheduleForm(BootstrapFormMixin, forms.Form):
    """The application deadline and one start and end date per phase (both empty: the
    phase is not dated)."""

    application_deadline = forms.DateTimeField(
        label=_("Application deadline (WIB)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Between 1 January 2015 and the end of the year two years from now."),
    )

    def __init__(self, *args: Any, deadline_editable: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not deadline_editable:
            self.fields["application_deadline"].disabled = True
        for kind, label in PhaseKind.choices:
            for end in ("starts_on", "ends_on"):
                self.fields[f"{kind}-{end}"] = forms.DateField(
                    label=_("%(phase)s: %(end)s")
                    % {
                        "phase": label,
                        "end": _("starts on") if end == "starts_on" else _("ends on"),
                    },
                    required=False,
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                )
        self.style_widgets()

    def clean(self) -> dict:
        data = super().clean() or {}
        for kind, label in PhaseKind.choices:
            start, end = data.get(f"{kind}-starts_on"), data.get(f"{kind}-ends_on")
            if (start is None) != (end is None) and not self.has_error(f"{kind}-starts_on"):
                self.add_error(
                    f"{kind}-starts_on" if start is None else f"{kind}-ends_on",
                    _("Give both dates of %(phase)s, or neither.") % {"phase": label},
                )
        return data

    def rows(self) -> list[tuple[str, str, Any, Any]]:
        """(kind, label, start field, end field) in the program's order."""
        return [
            (kind, str(label), self[f"{kind}-starts_on"], self[f"{kind}-ends_on"])
            for kind, label in PhaseKind.choices
        ]

    def phases(self) -> list[tuple[str, Any, Any]]:
        return [
            (kind, self.cleaned_data[f"{kind}-starts_on"], self.cleaned_data[f"{kind}-ends_on"])
            for kind in PhaseKind.values
            if self.cleaned_data.get(f"{kind}-starts_on")
            and self.cleaned_data.get(f"{kind}-ends_on")
        ]


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
