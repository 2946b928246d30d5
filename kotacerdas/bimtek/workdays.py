"""Working days in Indonesia: weekends, national public holidays and collective leave
(cuti bersama), from `lokal-id`. Holidays are national, so one set serves every region;
a region's own blackout days are its guidance's business (`RegionBlackout`).

lokal-id knows only some years (it raises ValueError for the others). Years it lacks that
the platform's own records need (2023, the demo cohort's) are in `data/holidays.csv`,
transcribed from that year's SKB 3 Menteri as amended (data/README.md); for any other year
only weekends are excluded, and `years_without_holidays` lets a page say so."""

import csv
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _

PUBLIC_HOLIDAY = "libur_nasional"
COLLECTIVE_LEAVE = "cuti_bersama"


SUPPLEMENT = Path(__file__).parent / "data" / "holidays.csv"


@lru_cache(maxsize=1)
def _supplement() -> dict[int, list[tuple[str, str, str]]]:
    """{year: [(date, name, type)]} of the years lokal-id lacks that we ship."""
    years: dict[int, list[tuple[str, str, str]]] = {}
    with SUPPLEMENT.open(encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            years.setdefault(int(row["date"][:4]), []).append(
                (row["date"], row["name"], row["type"])
            )
    return years


@lru_cache(maxsize=32)
def _holidays(year: int) -> dict[date, tuple[str, str]] | None:
    """{day: (name, type)} for the year, or None when neither lokal-id nor our
    supplement knows it."""
    from lokal import holidays

    try:
        found = [
            (str(h.date), str(h.name), str(h.type)) for h in holidays.get_holidays(year).holidays
        ]
    except ValueError:
        if year not in _supplement():
            return None
        found = _supplement()[year]
    days: dict[date, tuple[str, str]] = {}
    for when, name, kind in found:
        day = date.fromisoformat(when)
        # A public holiday wins over collective leave on the same day.
        if day not in days or kind == PUBLIC_HOLIDAY:
            days[day] = (name, kind)
    return days


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def holiday(day: date) -> tuple[str, str] | None:
    """(name, type) of the day's public holiday or collective leave, or None."""
    known = _holidays(day.year)
    return known.get(day) if known else None


def holiday_name(day: date) -> str | None:
    """The name of the public holiday or collective leave on `day`, or None."""
    found = holiday(day)
    return found[0] if found else None


def non_working_days(start: date, end: date) -> frozenset[date]:
    """Weekends, public holidays and collective leave from `start` to `end` inclusive."""
    return frozenset(day for day in _days(start, end) if is_weekend(day) or holiday(day))


def is_working_day(day: date) -> bool:
    return not is_weekend(day) and holiday(day) is None


def years_without_holidays(start: date, end: date) -> list[int]:
    """The years from `start` to `end` whose holidays lokal-id does not know: only
    weekends are excluded there."""
    return [year for year in range(start.year, end.year + 1) if _holidays(year) is None]


def day_text(day: date) -> str:
    """`day` as the reader's language writes it, with the weekday."""
    return formats.date_format(day, "l, j F Y")


def day_off_reason(day: date) -> str | None:
    """Why `day` is not a working day, in the reader's language, or None when it is one:
    "Tuesday, 17 August 2027 is a public holiday: Hari Kemerdekaan"."""
    found = holiday(day)
    if found is not None:
        name, kind = found
        if kind == COLLECTIVE_LEAVE:
            return _("%(day)s is collective leave (cuti bersama): %(name)s") % {
                "day": day_text(day),
                "name": name,
            }
        return _("%(day)s is a public holiday: %(name)s") % {"day": day_text(day), "name": name}
    if is_weekend(day):
        return _("%(day)s is a weekend day") % {"day": day_text(day)}
    return None


def working_days(start: date, end: date, extra: Iterable[date] = ()) -> list[date]:
    """The working days from `start` to `end`, less the `extra` days off."""
    excluded = set(extra)
    return [day for day in _days(start, end) if is_working_day(day) and day not in excluded]


def next_working_day(day: date, extra: Iterable[date] = ()) -> date:
    """`day` itself when it is a working day, else the next one."""
    excluded = set(extra)
    while not is_working_day(day) or day in excluded:
        day += timedelta(days=1)
    return day


def working_run(start: date, days: int, extra: Iterable[date] = ()) -> date:
    """The first day on or after `start` that begins `days` consecutive working days
    (a visit takes consecutive days: no weekend or holiday inside it)."""
    excluded = set(extra)
    day = start
    for _attempt in range(400):
        day = next_working_day(day, excluded)
        span = [day + timedelta(days=offset) for offset in range(days)]
        blocked = [d for d in span if not is_working_day(d) or d in excluded]
        if not blocked:
            return day
        day = blocked[-1] + timedelta(days=1)
    raise ValueError("no run of working days found within 400 days")
