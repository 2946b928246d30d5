"""A cohort's four guidance stages."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.bimtek import access
from kotacerdas.bimtek.models import GuidanceStage, StageNumber
from kotacerdas.core.audit import service
from kotacerdas.program.models import Cohort

# What each stage produces (DOMAIN.md step 5), in Indonesian, the working language.
EXPECTED_OUTPUTS = {
    1: (
        "Analisis kesiapan dan kesenjangan (SWOT pada tiga pilar kesiapan: suprastruktur, "
        "infrastruktur, struktur); arah kebijakan; kelembagaan; tata kelola."
    ),
    2: "Program per misi, berangkat dari RPJMD dan Renstra setiap OPD.",
    3: "Inovasi; strategi per dimensi; rencana aksi dan peta jalan (roadmap).",
    4: "Langkah implementasi; pemilihan quick win untuk 1-2 tahun pertama.",
}
DEFAULT_DAYS = 3
DEFAULT_MIN_GAP = 21
DEFAULT_MAX_GAP = 42


def cohort_stages(cohort: Cohort) -> list[GuidanceStage]:
    """The cohort's stages I-IV, created with their defaults when missing (no access
    check: the callers have checked)."""
    existing = {stage.number: stage for stage in GuidanceStage.objects.filter(cohort=cohort)}
    stages = []
    for number in StageNumber.values:
        stage = existing.get(number)
        if stage is None:
            stage = GuidanceStage.objects.create(
                cohort=cohort,
                number=number,
                expected_outputs=EXPECTED_OUTPUTS[number],
                days_in_region=DEFAULT_DAYS,
                min_gap_days=DEFAULT_MIN_GAP,
                max_gap_days=DEFAULT_MAX_GAP,
            )
        stages.append(stage)
    return stages


@service
def ensure_stages(actor: Any, cohort: Cohort) -> list[GuidanceStage]:
    """The cohort's stages I-IV, created with DOMAIN.md's expected outputs (in the
    office's language? no: Indonesian, the working language) and default days and gaps
    when missing. Office only. Idempotent."""
    access.require_program_office(actor)
    return cohort_stages(cohort)


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
    access.require_program_office(actor)
    stage.expected_outputs = (expected_outputs or "").strip()
    stage.days_in_region = days_in_region
    stage.min_gap_days = min_gap_days
    stage.max_gap_days = max_gap_days
    errors: dict[str, list[str]] = {}
    try:
        stage.full_clean(exclude=["cohort", "number"], validate_constraints=False)
    except ValidationError as error:
        errors = {field: list(messages) for field, messages in error.message_dict.items()}
    gaps_valid = "min_gap_days" not in errors and "max_gap_days" not in errors
    if gaps_valid and max_gap_days < min_gap_days:
        errors["max_gap_days"] = [
            _("At most (%(most)d days) must not be less than at least (%(least)d days).")
            % {"most": max_gap_days, "least": min_gap_days}
        ]
    if errors:
        raise ValidationError(errors)
    stage.save()
    return stage
