"""Plausible dates for what the program records as done: a signing, a decree, a parcel
sent or received. Such a date lies between 1 January 2015 (before the program began in
2017, so older councils' decrees still fit) and today; 1900 or 9999 is a typing slip and
is refused with the range. The services apply this, so pages and the API share it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EARLIEST = date(2015, 1, 1)


def past_date_problem(value: date, *, earliest: date = EARLIEST) -> str | None:
    """Why `value` cannot be the date of something that has happened, or None."""
    today = timezone.localdate()
    names = {
        "value": formats.date_format(value, "DATE_FORMAT"),
        "earliest": formats.date_format(earliest, "DATE_FORMAT"),
        "today": formats.date_format(today, "DATE_FORMAT"),
    }
    if value > today:
        return (
            _("%(value)s is in the future; enter a date no later than today (%(today)s).") % names
        )
    if value < earliest:
        return _("%(value)s is too early; enter a date from %(earliest)s to today.") % names
    return None


def check_past_date(field: str, value: date, *, earliest: date = EARLIEST) -> None:
    """ValidationError naming `field` when `value` is not a plausible past date."""
    problem = past_date_problem(value, earliest=earliest)
    if problem:
        raise ValidationError({field: problem})
