"""Regions in guidance: enrolment, priorities, blackout days and the OPD groups their
coordinators form."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Status
from ninja.pagination import paginate

from kotacerdas.bimtek import access, services
from kotacerdas.bimtek.api.common import (
    ERRORS,
    cohort_or_404,
    dimensions,
    fields_named,
    guidance_or_404,
    guidance_region_or_404,
    guidance_regions,
    refusals_in_words,
)
from kotacerdas.bimtek.api.common import router as make_router
from kotacerdas.bimtek.models import GuidanceRegion, OPDGroup, RegionBlackout
from kotacerdas.bimtek.schemas import (
    BlackoutIn,
    BlackoutOut,
    GuidanceRegionOut,
    OPDGroupIn,
    OPDGroupOut,
    PrioritiesIn,
)
from kotacerdas.core.api_support import AuthedRequest, PageNumberWithTotal
from kotacerdas.regions.models import OPD, Region

router = make_router()


def _summaries(regions: QuerySet[GuidanceRegion], request: AuthedRequest) -> QuerySet:
    visits = access.visits_visible_to(request.auth).select_related("stage")
    return regions.prefetch_related(
        "priority_dimensions", "team", Prefetch("visits", queryset=visits)
    )


@router.get(
    "/cohorts/{year}/regions",
    response={200: list[GuidanceRegionOut], **ERRORS},
    summary="The cohort's regions in guidance that you see",
    description="With each region's priority dimensions, mentor team and stage visits. The "
    "office sees every region; a mentor the regions of their team and those assigned to "
    "them; a region's people their own.",
)
@paginate(PageNumberWithTotal)
def list_guidance_regions(request: AuthedRequest, year: int) -> QuerySet:
    cohort = cohort_or_404(year)
    return _summaries(guidance_regions(request).filter(cohort=cohort), request).order_by(
        "region_id"
    )


@router.post(
    "/cohorts/{year}/regions/enrol",
    response={200: list[GuidanceRegionOut], **ERRORS},
    summary="Enrol the cohort's regions with an agreement in guidance (program office)",
    description="Creates the stages, each region's four visits and their sessions (a "
    "plenary and one per OPD group, or per OPD) where missing; existing ones are kept, so "
    "calling it again after new agreements adds only the new regions.",
)
@refusals_in_words
def enrol_guidance_regions(request: AuthedRequest, year: int) -> list[GuidanceRegion]:
    cohort = cohort_or_404(year)
    enrolled = services.enrol_cohort_regions(request.auth, cohort)
    ids = [guidance.pk for guidance in enrolled]
    return list(
        _summaries(guidance_regions(request).filter(pk__in=ids), request).order_by("region_id")
    )


@router.put(
    "/guidance/{guidance_id}/priorities",
    response={200: GuidanceRegionOut, **ERRORS},
    summary="Set a region's priority dimensions (its coordinator or the office)",
    description="The scheduler gives the region a team whose expertise covers them.",
)
@refusals_in_words
def set_guidance_priorities(
    request: AuthedRequest, guidance_id: int, payload: PrioritiesIn
) -> GuidanceRegion:
    guidance = guidance_or_404(request, guidance_id)
    services.set_priorities(request.auth, guidance, dimensions(payload.dimensions, "dimensions"))
    return get_object_or_404(_summaries(guidance_regions(request), request), pk=guidance_id)


# Blackout days ----------------------------------------------------------------------------


@router.get(
    "/regions/{code}/blackouts",
    response={200: list[BlackoutOut], **ERRORS},
    summary="The days a region cannot receive guidance",
    description="404 for a region whose guidance you do not see.",
)
@paginate(PageNumberWithTotal)
def list_guidance_blackouts(request: AuthedRequest, code: str) -> QuerySet[RegionBlackout]:
    region = guidance_region_or_404(request, code)
    return region.guidance_blackouts.order_by("starts_on", "pk")


@router.post(
    "/regions/{code}/blackouts",
    response={201: BlackoutOut, **ERRORS},
    summary="Add blackout days: a local holiday, an election (coordinator or office)",
)
@refusals_in_words
def add_guidance_blackout(
    request: AuthedRequest, code: str, payload: BlackoutIn
) -> Status[RegionBlackout]:
    region = guidance_region_or_404(request, code)
    blackout = services.add_blackout(request.auth, region, **payload.dict())
    return Status(201, blackout)


@router.delete(
    "/blackouts/{blackout_id}",
    response={204: None, **ERRORS},
    summary="Remove blackout days (coordinator or office)",
)
@refusals_in_words
def delete_guidance_blackout(request: AuthedRequest, blackout_id: int) -> Status[None]:
    region = get_object_or_404(Region, guidance_blackouts__pk=blackout_id)
    guidance_region_or_404(request, region.code)
    services.remove_blackout(request.auth, region.guidance_blackouts.get(pk=blackout_id))
    return Status(204, None)


# OPD groups -------------------------------------------------------------------------------


def _opds(request: AuthedRequest, guidance: GuidanceRegion, ids: list[int]) -> list[OPD]:
    wanted = list(dict.fromkeys(ids))
    found = {opd.pk: opd for opd in guidance.region.opds.filter(pk__in=wanted)}
    unknown = [str(pk) for pk in wanted if pk not in found]
    if unknown:
        raise ValidationError(
            {
                "opd_ids": _("These are not OPDs of %(region)s: %(ids)s.")
                % {"region": guidance.region.name, "ids": ", ".join(unknown)}
            }
        )
    return [found[pk] for pk in wanted]


def _group(request: AuthedRequest, group_id: int) -> OPDGroup:
    guidance = get_object_or_404(guidance_regions(request), groups__pk=group_id)
    return guidance.groups.select_related("guidance__region").get(pk=group_id)


def _group_out(group_id: int, guidance: GuidanceRegion) -> OPDGroup:
    return guidance.groups.prefetch_related("opds").get(pk=group_id)


@router.get(
    "/guidance/{guidance_id}/groups",
    response={200: list[OPDGroupOut], **ERRORS},
    summary="A region's OPD groups: the OPDs that share a session",
)
@paginate(PageNumberWithTotal)
def list_opd_groups(request: AuthedRequest, guidance_id: int) -> QuerySet[OPDGroup]:
    guidance = guidance_or_404(request, guidance_id)
    return guidance.groups.prefetch_related("opds").order_by("name", "pk")


@router.post(
    "/guidance/{guidance_id}/groups",
    response={201: OPDGroupOut, **ERRORS},
    summary="Form an OPD group (the region's coordinator or the office)",
    description="The region's own OPDs, each in one group only. The region's unheld "
    "sessions follow: one session for the group replaces its OPDs' own.",
)
@refusals_in_words
def create_opd_group(request: AuthedRequest, guidance_id: int, payload: OPDGroupIn) -> Status[Any]:
    guidance = guidance_or_404(request, guidance_id)
    access.require(access.can_organise_guidance(request.auth, guidance))
    with fields_named({"opds": "opd_ids"}):
        group = services.save_group(
            request.auth,
            guidance,
            name=payload.name,
            opds=_opds(request, guidance, payload.opd_ids),
            session_minutes=payload.session_minutes,
        )
    return Status(201, _group_out(group.pk, guidance))


@router.put(
    "/groups/{group_id}",
    response={200: OPDGroupOut, **ERRORS},
    summary="Change an OPD group: name, OPDs, session length (coordinator or office)",
)
@refusals_in_words
def update_opd_group(request: AuthedRequest, group_id: int, payload: OPDGroupIn) -> OPDGroup:
    group = _group(request, group_id)
    guidance = group.guidance
    access.require(access.can_organise_guidance(request.auth, guidance))
    with fields_named({"opds": "opd_ids"}):
        services.save_group(
            request.auth,
            guidance,
            name=payload.name,
            opds=_opds(request, guidance, payload.opd_ids),
            session_minutes=payload.session_minutes,
            group=group,
        )
    return _group_out(group_id, guidance)


@router.delete(
    "/groups/{group_id}",
    response={204: None, **ERRORS},
    summary="Dissolve an OPD group (refused once one of its sessions was held)",
)
@refusals_in_words
def delete_opd_group(request: AuthedRequest, group_id: int) -> Status[None]:
    services.delete_group(request.auth, _group(request, group_id))
    return Status(204, None)
