"""Time where people are. Stored in UTC; shown and typed in a zone: a region's own
(WIB, WITA or WIT, its `timezone` field) or, for what the national program sets (cohort
deadlines), the platform's (TIME_ZONE, Jakarta, where the ministry sits)."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def zone(region: Any = None) -> ZoneInfo:
    """The region's zone, or the national program's without a region."""
    return ZoneInfo(region.timezone if region is not None else settings.TIME_ZONE)


def read_typed(value: datetime.datetime, region: Any = None) -> datetime.datetime:
    """A date and time as typed in a form (no zone): read in the region's zone (or the
    national one). One that has a zone is kept."""
    if timezone.is_naive(value):
        return timezone.make_aware(value, zone(region))
    return value


def shown(value: datetime.datetime, region: Any = None) -> datetime.datetime:
    """A stored time in the region's zone (or the national one), for a form's field."""
    return timezone.localtime(value, zone(region))
