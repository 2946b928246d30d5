"""A region in guidance: enrolment from the cohort's agreements, priorities, blackout
days, and the OPD groups its coordinator forms."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from kotacerdas.bimtek.models import GuidanceRegion, OPDGroup, RegionBlackout
from kotacerdas.core.audit import service
from kotacerdas.program.models import Cohort
from kotacerdas.regions.models import OPD, Dimension, Region


@service
def enrol_cohort_regions(actor: Any, cohort: Cohort) -> list[GuidanceRegion]:
    """Office only. One GuidanceRegion per region with an agreement in the cohort, its
    four visits (one per stage) and, for each visit, a plenary plus one session per
    OPD group (or per OPD when the region has formed no groups), when missing.
    Idempotent: existing visits and sessions are kept."""
    raise NotImplementedError


@service
def set_priorities(
    actor: Any, guidance: GuidanceRegion, dimensions: Iterable[Dimension]
) -> GuidanceRegion:
    """The office or the region's coordinator."""
    raise NotImplementedError


@service
def add_blackout(
    actor: Any, region: Region, *, starts_on: date, ends_on: date, reason: str = ""
) -> RegionBlackout:
    """The region's coordinator or the office."""
    raise NotImplementedError


@service
def remove_blackout(actor: Any, blackout: RegionBlackout) -> None:
    raise NotImplementedError


@service
def save_group(
    actor: Any,
    guidance: GuidanceRegion,
    *,
    name: str,
    opds: Iterable[OPD],
    session_minutes: int = 120,
    group: OPDGroup | None = None,
) -> OPDGroup:
    """The coordinator (or office) creates or changes a group of the region's own OPDs
    (an OPD in one group only; OPDs of another region refused). Unheld sessions of the
    region's visits follow: a session per group replaces the per-OPD sessions of its
    OPDs; held sessions never change."""
    raise NotImplementedError


@service
def delete_group(actor: Any, group: OPDGroup) -> None:
    """Refused (ValidationError) when a session of the group was held."""
    raise NotImplementedError
