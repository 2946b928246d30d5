"""Background jobs of the regions app."""

import csv
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.jobs import Progress, job_kind
from kotacerdas.core.models import Job
from kotacerdas.formats import cells
from kotacerdas.regions.geography import ZONES
from kotacerdas.regions.models import Province
from kotacerdas.regions.queries import search_regions

EXPORT_REGIONS = "regions.export_csv"
EXPORT_FILTERS = ("q", "province", "kind", "island_group")


@job_kind(EXPORT_REGIONS, _("Export regions (CSV)"))
def export_regions_csv(job: Job, progress: Progress) -> None:
    """The region list, filtered as the user filtered it, as CSV: headers and labels in
    the language of who asked (jobs run in it), codes kept as codes."""
    filters = {key: str(job.params.get(key, "")) for key in EXPORT_FILTERS}
    regions = search_regions(**filters)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        cells.csv_row(
            [
                gettext("Region code"),
                gettext("Name"),
                gettext("Type"),
                gettext("Province code"),
                gettext("Province"),
                gettext("Island group"),
                gettext("Time zone"),
            ]
        )
    )
    provinces = list(Province.objects.values_list("code", flat=True))
    for index, province_code in enumerate(provinces, start=1):
        for region in regions.filter(province_id=province_code).select_related("province"):
            writer.writerow(
                cells.csv_row(
                    [
                        region.code,
                        region.name,
                        region.get_kind_display(),
                        region.province_id,
                        region.province.name,
                        region.get_island_group_display(),
                        ZONES[region.timezone].abbreviation
                        if region.timezone in ZONES
                        else region.timezone,
                    ]
                )
            )
        progress(index * 100 // len(provinces), province_code)
    # "wilayah-20261204.csv": named for what it holds and when, in the asker's language.
    stem = pgettext("file name of the region export", "regions")
    name = f"{stem}-{timezone.localdate():%Y%m%d}.csv"
    job.result_file.save(
        f"{job.pk}/{name}", ContentFile(buffer.getvalue().encode("utf-8")), save=False
    )
