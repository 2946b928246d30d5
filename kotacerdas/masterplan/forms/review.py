"""Forms of the review: comments, replies and the choice of two versions to compare."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.forms import BootstrapFormMixin
from kotacerdas.masterplan.forms.common import COMMENT, text_field
from kotacerdas.masterplan.models import Program


class CommentForm(BootstrapFormMixin, forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    program = forms.ModelChoiceField(
        label=_("Program"),
        required=False,
        queryset=Program.objects.none(),
        empty_label=_("— none —"),
        help_text=_("Choose a program to comment on it rather than on a section."),
    )
    body = text_field(_("Comment"), rows=4, required=True, max_length=COMMENT)

    def __init__(self, *args: Any, sections: Any, programs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections  # type: ignore[attr-defined]
        self.fields["program"].queryset = programs  # type: ignore[attr-defined]


class ReplyForm(BootstrapFormMixin, forms.Form):
    body = text_field(_("Reply"), rows=2, required=True, max_length=COMMENT)


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
