"""Validators of people's text, for model fields: a name is one line without control
characters; a free text holds no NUL (PostgreSQL cannot store it) and has a limit.

Attached to model fields, they apply to every path that cleans the model: the pages'
model forms, the services' full_clean() (the API), the imports and the admin. The
messages are the ones kotacerdas.masterplan.limits gives, so people read the same words
everywhere (docs/limits.md)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def line_problem(value: str) -> str | None:
    """Why a name cannot be stored as written (a line break, a control character), or
    None."""
    if any(char in LINE_BREAKS for char in value):
        return _("Write this on one line: line breaks are not allowed in a name.")
    if any(unicodedata.category(char) == "Cc" for char in value):
        return _("Remove the control characters (such as tabs) from this name.")
    return None


def validate_single_line(value: object) -> None:
    """A name, title, abbreviation or code: one line, no control characters."""
    if isinstance(value, str):
        problem = line_problem(value)
        if problem:
            raise ValidationError(problem, code="not_single_line")


def validate_text(value: object) -> None:
    """A free text: line breaks welcome, but no NUL."""
    if isinstance(value, str) and "\x00" in value:
        raise ValidationError(
            _("Remove the control characters from this text."), code="control_character"
        )
