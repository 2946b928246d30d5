"""Forms of a region's guidance: priorities, blackout days, OPD groups, moving a visit
or a session, holding a session and completing a stage."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kotacerdas.bimtek.forms.common import ModelChoices, PeriodForm, date_field
from kotacerdas.bimtek.models import NAME_LENGTH, TEXT_LENGTH
from kotacerdas.bimtek.services.sessions import AttendeeInput
from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.regions.models import OPD, Dimension

MAX_ATTENDEES = 500
MAX_OUTPUT_BYTES = 20 * 1024 * 1024


class PrioritiesForm(forms.Form):
    dimensions = ModelChoices(
        label=_("Priority dimensions"),
        queryset=Dimension.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one mentor of the team covers each of them."),
    )


class BlackoutForm(BootstrapFormMixin, PeriodForm):
    pass


class OPDChoices(ModelChoices):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.abbreviation})" if obj.abbreviation else obj.name


class GroupForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_LENGTH)
    opds = OPDChoices(
        label=_("OPDs"),
        queryset=OPD.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one OPD.")},
    )
    session_minutes = forms.IntegerField(
        label=_("Session length (minutes)"), min_value=30, max_value=360, initial=120
    )

    def __init__(self, *args: Any, opds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opds"].queryset = opds  # type: ignore[attr-defined]


class VisitMoveForm(BootstrapFormMixin, forms.Form):
    starts_on = date_field(_("First day"))
    mentors = ModelChoices(
        label=_("Mentor team"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leave as it is to keep the team."),
    )

    def __init__(self, *args: Any, mentors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentors"]
        field.queryset = mentors  # type: ignore[attr-defined]
        field.label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class CompleteForm(BootstrapFormMixin, forms.Form):
    notes = forms.CharField(
        label=_("Notes on the stage"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the region produced, and what remains for the next stage."),
    )


class SessionMoveForm(BootstrapFormMixin, forms.Form):
    day = date_field(_("Day"))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))


def attendance_lines(rows: Iterable[Any]) -> str:
    """Recorded attendance as the form writes it, one person a line."""
    lines = []
    for row in rows:
        opd = row.opd.name if row.opd else ""
        if row.position:
            lines.append(f"{row.name}; {opd}; {row.position}")
        else:
            lines.append(f"{row.name}; {opd}" if opd else row.name)
    return "\n".join(lines)


class HeldForm(BootstrapFormMixin, forms.Form):
    attendees = forms.CharField(
        label=_("Who came"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One person a line: name; OPD; position. The OPD is its name or abbreviation "
            "(e.g. Dinkes); leave it out for a guest: Name;; position."
        ),
        error_messages={"required": _("List at least one person who came.")},
    )
    record = forms.CharField(
        label=_("Minutes"),
        required=False,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    output_file = forms.FileField(
        label=_("Output document"),
        required=False,
        help_text=_("PDF, DOCX or XLSX, at most 20 MB."),
    )

    def __init__(self, *args: Any, opds: Iterable[OPD], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opds = list(opds)

    def _opd(self, text: str) -> OPD | None:
        wanted = " ".join(text.split()).casefold()
        for opd in self.opds:
            if wanted in (opd.name.casefold(), (opd.abbreviation or "").casefold()):
                return opd
        return None

    def clean_attendees(self) -> list[AttendeeInput]:
        text = self.cleaned_data["attendees"]
        people: list[AttendeeInput] = []
        problems: list[str] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            parts = [" ".join(part.split()) for part in line.split(";")]
            name = parts[0]
            opd_text = parts[1] if len(parts) > 1 else ""
            position = "; ".join(p for p in parts[2:] if p)
            if not name:
                problems.append(str(_("Line %(line)d has no name.") % {"line": number}))
                continue
            if len(name) > NAME_LENGTH or len(position) > NAME_LENGTH:
                problems.append(
                    str(
                        _("Line %(line)d is too long: at most %(max)d characters a part.")
                        % {"line": number, "max": NAME_LENGTH}
                    )
                )
                continue
            opd = self._opd(opd_text) if opd_text else None
            if opd_text and opd is None:
                problems.append(
                    str(
                        _("Line %(line)d: the region has no OPD called “%(opd)s”.")
                        % {"line": number, "opd": opd_text}
                    )
                )
                continue
            people.append(AttendeeInput(name=name, opd=opd, position=position))
        if problems:
            raise forms.ValidationError(problems)
        if not people:
            raise forms.ValidationError(_("List at least one person who came."))
        if len(people) > MAX_ATTENDEES:
            raise forms.ValidationError(
                _("At most %(max)d people a session.") % {"max": MAX_ATTENDEES}
            )
        return people

    def clean_output_file(self) -> Any:
        upload = self.cleaned_data.get("output_file")
        if upload and upload.size > MAX_OUTPUT_BYTES:
            raise forms.ValidationError(_("The document is larger than 20 MB."))
        return upload
