"""Forms of assessment: assigning assessors, scores, interviews."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.models import User
from kotacerdas.core.forms import BootstrapFormMixin

LEVEL_CHOICES = [("", "—"), *[(str(n), str(n)) for n in range(1, 6)]]


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
