"""A cohort's four guidance stages: what each produces and how they are spaced."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja.pagination import paginate

from kotacerdas.bimtek import services
from kotacerdas.bimtek.api.common import ERRORS, cohort_or_404, refusals_in_words
from kotacerdas.bimtek.api.common import router as make_router
from kotacerdas.bimtek.models import GuidanceStage
from kotacerdas.bimtek.schemas import GuidanceStageOut, GuidanceStagePatch
from kotacerdas.core.api_support import AuthedRequest, PageNumberWithTotal
from kotacerdas.program.models import Cohort

router = make_router()


def _stage(stage_id: int) -> GuidanceStage:
    """Stages are the cohort's published plan, not private: any signed-in person sees them."""
    cohort = get_object_or_404(Cohort, guidance_stages__pk=stage_id)
    return cohort.guidance_stages.select_related("cohort").get(pk=stage_id)


@router.get(
    "/cohorts/{year}/stages",
    response={200: list[GuidanceStageOut], **ERRORS},
    summary="A cohort's guidance stages I-IV",
    description="Empty until the office enrols the cohort's regions (which creates them).",
)
@paginate(PageNumberWithTotal)
def list_guidance_stages(request: AuthedRequest, year: int) -> QuerySet[GuidanceStage]:
    cohort = cohort_or_404(year)
    return cohort.guidance_stages.select_related("cohort").order_by("number")


@router.patch(
    "/stages/{stage_id}",
    response={200: GuidanceStageOut, **ERRORS},
    summary="Change a stage: outputs, days in a region, gaps (program office)",
    description="Only the fields sent change. The gaps count calendar days from the start "
    "of the region's previous stage; at least must not exceed at most.",
)
@refusals_in_words
def update_guidance_stage(
    request: AuthedRequest, stage_id: int, payload: GuidanceStagePatch
) -> GuidanceStage:
    stage = _stage(stage_id)
    changes = payload.dict(exclude_unset=True)
    current = {
        "expected_outputs": stage.expected_outputs,
        "days_in_region": stage.days_in_region,
        "min_gap_days": stage.min_gap_days,
        "max_gap_days": stage.max_gap_days,
    }
    for field, value in changes.items():
        if value is not None:
            current[field] = value
    services.save_stage(request.auth, stage, **current)
    return _stage(stage_id)
