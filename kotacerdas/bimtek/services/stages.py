"""A cohort's four guidance stages."""

from typing import Any

from kotacerdas.bimtek.models import GuidanceStage
from kotacerdas.core.audit import service
from kotacerdas.program.models import Cohort


@service
def ensure_stages(actor: Any, cohort: Cohort) -> list[GuidanceStage]:
    """The cohort's stages I-IV, created with DOMAIN.md's expected outputs (in the
    office's language? no: Indonesian, the working language) and default days and gaps
    when missing. Office only. Idempotent."""
    raise NotImplementedError


@service
def save_stage(
    actor: Any,
    stage: GuidanceStage,
    *,
    expected_outputs: str,
    days_in_region: int,
    min_gap_days: int,
    max_gap_days: int,
) -> GuidanceStage:
    """Office only. min <= max, days 1-10, gaps 1-365, else ValidationError per field."""
    raise NotImplementedError
