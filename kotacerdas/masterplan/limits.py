"""What a masterplan may hold: numbers that fit their columns, texts of a known length,
names on one line, plausible dates. The services apply these rules, so the pages, the
API and the XLSX import refuse the same input with the same words (docs/limits.md).

Nothing here imports the models: the models take their column lengths from here."""

import datetime
from collections.abc import Mapping
from decimal import Context, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.core import validators

# Text, by kind. A "line" is a name, title or code: one line, no line breaks. A "text"
# is free text with paragraphs.
CODE_TEXT = 20  # an RPJMD goal's code, e.g. "T1" or "2.3"
UNIT_TEXT = 40  # a unit: "%", "unit", "km²"
NUMBER_TEXT = 80  # a decree's number: "12 Tahun 2025"
LABEL_TEXT = 120  # the label of an "other" profile figure
SHORT_TEXT = 200  # names and titles: a program, an indicator, a finding, a source
COMMENT_TEXT = 10_000  # a review comment or a reviewer's request
LONG_TEXT = 20_000  # free text: vision, descriptions, SWOT, roadmap (about 8 pages)

# Rows of one program: a budget line per year and funding source (ten years, six sources),
# and a handful of output and outcome indicators. More is a slip or an attack, and would
# make the program's page, the exports and the documents slow for everyone.
MAX_BUDGET_LINES = 60
MAX_INDICATORS = 30

# A decree (Perbup/Perwali) of the smart-city movement is dated from its start, and never
# more than a year ahead (a decree signed now that takes effect next year).
EARLIEST_DECREE = datetime.date(2015, 1, 1)
DECREE_DAYS_AHEAD = 366

_SIGNIFICANT = Context(prec=15)


def _too_long(text: str, limit: int) -> str:
    return ngettext(
        "At most %(limit)d character; this has %(length)d.",
        "At most %(limit)d characters; this has %(length)d.",
        limit,
    ) % {"limit": limit, "length": len(text)}


def line_problem(value: str, limit: int = SHORT_TEXT) -> str | None:
    """Why a name, title or code cannot be stored as written, or None: the platform's
    one rule for names (core.validators), and a length."""
    if problem := validators.line_problem(value):
        return problem
    if len(value) > limit:
        return _too_long(value, limit)
    return None


def text_problem(value: str, limit: int = LONG_TEXT) -> str | None:
    """Why a free text cannot be stored as written, or None."""
    # Other control characters are kept (Word's line break is a vertical tab) and left out
    # of exports; a NUL cannot be stored by PostgreSQL.
    if "\x00" in value:
        return _("Remove the control characters from this text.")
    if len(value) > limit:
        return _too_long(value, limit)
    return None


def text_errors(
    lines: Mapping[str, tuple[str, int]] | None = None,
    texts: Mapping[str, tuple[str, int]] | None = None,
) -> dict[str, list[str]]:
    """field -> [message] for names (`lines`) and free texts (`texts`), each given as
    field -> (value, limit)."""
    errors: dict[str, list[str]] = {}
    for name, (value, limit) in (lines or {}).items():
        problem = line_problem(value, limit)
        if problem:
            errors[name] = [problem]
    for name, (value, limit) in (texts or {}).items():
        problem = text_problem(value, limit)
        if problem:
            errors[name] = [problem]
    return errors


def number_problem(value: Any, max_digits: int, decimal_places: int) -> str | None:
    """Why a value does not fit a DecimalField(max_digits, decimal_places), or None:
    it must be a finite number with at most `decimal_places` decimals and
    max_digits - decimal_places digits before the point."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return _("Write a number, e.g. 75 or 12,5.")
    number = Decimal(value)
    if not number.is_finite():
        return _("Write a number, e.g. 75 or 12,5.")
    whole_digits = max_digits - decimal_places
    # SQLite keeps 15 significant digits: a number that rounds up to the next power of
    # ten there would not read back into its column.
    if abs(_SIGNIFICANT.create_decimal(number)) >= Decimal(10) ** whole_digits:
        return _("The number is too large: at most %(digits)d digits before the decimal point.") % {
            "digits": whole_digits
        }
    exponent = number.as_tuple().exponent
    if (
        isinstance(exponent, int)
        and -exponent > decimal_places
        and number != number.quantize(Decimal(1).scaleb(-decimal_places))
    ):
        return ngettext(
            "At most %(places)d decimal place.",
            "At most %(places)d decimal places.",
            decimal_places,
        ) % {"places": decimal_places}
    return None


def fits(value: Decimal, max_digits: int, decimal_places: int) -> Decimal:
    """A value that passed number_problem, at the column's scale (trailing zeros of more
    decimals than the column holds are dropped)."""
    return value.quantize(Decimal(1).scaleb(-decimal_places))


def decree_date_problem(date: datetime.date) -> str | None:
    """Why a Perbup/Perwali cannot be dated so, or None."""
    latest = timezone.localdate() + datetime.timedelta(days=DECREE_DAYS_AHEAD)
    if date < EARLIEST_DECREE:
        return _("A Perbup/Perwali of the masterplan is dated %(year)d or later.") % {
            "year": EARLIEST_DECREE.year
        }
    if date > latest:
        return _("The date is more than a year ahead; check the year.")
    return None
