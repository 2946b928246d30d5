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
# Characters that change how the text around them is shown without being seen: the
# bidirectional overrides and isolates (U+202E turns "fdp.exe" around) and the
# zero-width ones (two names that look the same would differ).
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)


def line_problem(value: str) -> str | None:
    """Why a name cannot be stored as written (a line break, a control character, an
    invisible character that turns or hides text), or None."""
    if any(char in LINE_BREAKS for char in value):
        return _("Write this on one line: line breaks are not allowed in a name.")
    if any(unicodedata.category(char) == "Cc" for char in value):
        return _("Remove the control characters (such as tabs) from this name.")
    if any(char in INVISIBLE for char in value):
        return _(
            "Remove the invisible characters (such as zero-width spaces or text-direction "
            "marks) from this name."
        )
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
