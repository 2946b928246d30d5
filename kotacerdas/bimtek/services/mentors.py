"""Mentors' profiles (expertise, home base, limits) and unavailable dates."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from kotacerdas.bimtek.models import MentorProfile, MentorUnavailability
from kotacerdas.core.audit import service
from kotacerdas.regions.models import Dimension, Region


@service
def save_mentor_profile(
    actor: Any,
    mentor: Any,
    *,
    home_region: Region,
    expertise: Iterable[Dimension],
    max_regions: int,
    max_travel_days_per_month: int,
) -> MentorProfile:
    """Create or update a mentor's profile: the office, or the mentor themself.
    `mentor` must have the mentor role (ValidationError otherwise)."""
    raise NotImplementedError


@service
def add_unavailability(
    actor: Any, mentor: Any, *, starts_on: date, ends_on: date, reason: str = ""
) -> MentorUnavailability:
    """The office or the mentor. Dates within plausible range (program.dates), ends >=
    starts. Planned, unheld visits of the mentor that now clash are NOT moved: the
    office re-plans (the result says which visits clash; notify the office)."""
    raise NotImplementedError


@service
def remove_unavailability(actor: Any, period: MentorUnavailability) -> None:
    raise NotImplementedError
