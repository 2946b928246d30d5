"""Reads of the public region list: search and filters shared by pages and API."""

import re

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kotacerdas.regions.models import Region

REGION_CODE = re.compile(r"\d{2}\.\d{2}")


def search_regions(
    q: str = "",
    province: str = "",
    kind: str = "",
    island_group: str = "",
) -> QuerySet:
    regions = Region.objects.select_related("province")
    q = q.strip()
    if q:
        regions = regions.filter(
            Q(name__icontains=q) | Q(code__startswith=q) | Q(province__name__icontains=q)
        )
    if province:
        regions = regions.filter(province_id=province)
    if kind:
        regions = regions.filter(kind=kind)
    if island_group:
        regions = regions.filter(island_group=island_group)
    return regions.order_by("code")


def with_opd_counts(regions: QuerySet) -> QuerySet:
    return regions.annotate(opd_count=Count("opds"))


def get_region_or_404(code: str) -> Region:
    """A region by its Kemendagri code, or a 404 that says which code was not found."""
    region = None
    if REGION_CODE.fullmatch(code):
        region = Region.objects.select_related("province").filter(pk=code).first()
    if region is None:
        raise Http404(_("No region has the code %(code)s.") % {"code": code})
    return region
