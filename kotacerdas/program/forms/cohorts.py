"""Forms of cohorts: opening one and its schedule."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.program.models import Cohort, PhaseKind


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
