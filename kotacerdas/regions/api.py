from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from kotacerdas.core import audit
from kotacerdas.core.api_support import AUTH, AuthedRequest, ErrorResponse, PageNumberWithTotal
from kotacerdas.core.jobs import start_job
from kotacerdas.core.models import Job
from kotacerdas.core.schemas import JobOut
from kotacerdas.regions import access, services
from kotacerdas.regions.models import OPD, Dimension, Pillar, Province, Region
from kotacerdas.regions.queries import get_region_or_404, search_regions
from kotacerdas.regions.schemas import (
    AuditEntryOut,
    OPDIn,
    OPDOut,
    OPDPatch,
    ProvinceOut,
    ReferenceGroupOut,
    RegionFilters,
    RegionOut,
)
from kotacerdas.regions.tasks import EXPORT_REGIONS

router = Router(tags=["regions"])
ERRORS = {401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 422: ErrorResponse}


@router.get("/provinces", response=list[ProvinceOut], auth=None, summary="All 38 provinces")
def list_provinces(request: AuthedRequest) -> list[Province]:
    return list(Province.objects.all())


@router.get(
    "/regions",
    response={200: list[RegionOut], 422: ErrorResponse},
    auth=None,
    summary="Kabupaten and kota, searchable and filtered",
)
@paginate(PageNumberWithTotal)
def list_regions(request: AuthedRequest, filters: Query[RegionFilters]) -> QuerySet:
    return search_regions(**filters.dict())


@router.post(
    "/regions/export",
    response={202: JobOut, **ERRORS, 429: ErrorResponse},
    auth=AUTH,
    summary="Export the filtered region list as CSV (a background job; follow /jobs/{id})",
    description="An identical export of yours still under way is returned (`reused`); "
    "429 when you have as many jobs under way as allowed.",
)
def export_regions(request: AuthedRequest, filters: RegionFilters) -> Status[Job]:
    return Status(202, start_job(EXPORT_REGIONS, request.auth, filters.dict()))


@router.get(
    "/regions/{code}",
    response={200: RegionOut, 404: ErrorResponse},
    auth=None,
    summary="One kabupaten or kota",
)
def get_region(request: AuthedRequest, code: str) -> Region:
    return get_region_or_404(code)


@router.get(
    "/reference/dimensions",
    response=list[ReferenceGroupOut],
    auth=None,
    summary="The six smart-city dimensions with their elements",
)
def list_dimensions(request: AuthedRequest) -> list[Dimension]:
    return list(Dimension.objects.prefetch_related("elements"))


@router.get(
    "/reference/pillars",
    response=list[ReferenceGroupOut],
    auth=None,
    summary="The three readiness pillars with their elements",
)
def list_pillars(request: AuthedRequest) -> list[Pillar]:
    return list(Pillar.objects.prefetch_related("elements"))


@router.get(
    "/regions/{code}/opds",
    response={200: list[OPDOut], **ERRORS},
    auth=AUTH,
    summary="A region's OPDs (private to the region and the program office)",
)
@paginate(PageNumberWithTotal)
def list_opds(request: AuthedRequest, code: str) -> QuerySet:
    region = get_region_or_404(code)
    access.require_region_private(request.auth, region)
    return access.opds_visible_to(request.auth).filter(region=region).order_by("name")


@router.post(
    "/regions/{code}/opds",
    response={201: OPDOut, **ERRORS},
    auth=AUTH,
    summary="Register an OPD (region coordinator or program office)",
)
def create_opd(request: AuthedRequest, code: str, payload: OPDIn) -> Status[OPD]:
    region = get_region_or_404(code)
    return Status(201, services.create_opd(request.auth, region, payload.dict()))


def _opd(request: AuthedRequest, opd_id: int) -> OPD:
    return get_object_or_404(
        access.opds_visible_to(request.auth).select_related("region"), pk=opd_id
    )


@router.get("/opds/{opd_id}", response={200: OPDOut, **ERRORS}, auth=AUTH, summary="One OPD")
def get_opd(request: AuthedRequest, opd_id: int) -> OPD:
    return _opd(request, opd_id)


@router.patch(
    "/opds/{opd_id}", response={200: OPDOut, **ERRORS}, auth=AUTH, summary="Change an OPD"
)
def update_opd(request: AuthedRequest, opd_id: int, payload: OPDPatch) -> OPD:
    return services.update_opd(
        request.auth, _opd(request, opd_id), payload.dict(exclude_unset=True)
    )


@router.delete("/opds/{opd_id}", response={204: None, **ERRORS}, auth=AUTH, summary="Remove an OPD")
def delete_opd(request: AuthedRequest, opd_id: int) -> Status[None]:
    services.delete_opd(request.auth, _opd(request, opd_id))
    return Status(204, None)


@router.get(
    "/regions/{code}/audit",
    response={200: list[AuditEntryOut], **ERRORS},
    auth=AUTH,
    summary="The audit trail of a region, its OPDs and its people's API tokens",
)
@paginate(PageNumberWithTotal)
def region_audit(request: AuthedRequest, code: str) -> QuerySet:
    region = get_region_or_404(code)
    access.require_region_private(request.auth, region)
    opd_ids = (
        access.opds_visible_to(request.auth).filter(region=region).values_list("pk", flat=True)
    )
    # With what is tagged with the region: its people's API tokens (created, revoked).
    return audit.entries_for(
        [(Region, [region.pk]), (OPD, list(opd_ids))], tagged={"region": region.pk}
    )
