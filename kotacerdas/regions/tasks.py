"""Background jobs of the regions app."""

import csv
import io

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.jobs import Progress, job_kind
from kotacerdas.core.models import Job
from kotacerdas.formats import cells
from kotacerdas.regions.models import Province
from kotacerdas.regions.queries import search_regions

EXPORT_REGIONS = "regions.export_csv"
EXPORT_FILTERS = ("q", "province", "kind", "island_group")


@job_kind(EXPORT_REGIONS, _("Export regions (CSV)"))
def export_regions_csv(job: Job, progress: Progress) -> None:
    """The region list, filtered as the user filtered it, as CSV."""
    filters = {key: str(job.params.get(key, "")) for key in EXPORT_FILTERS}
    regions = search_regions(**filters)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["code", "name", "type", "province_code", "province", "island_group", "timezone"]
    )
    provinces = list(Province.objects.values_list("code", flat=True))
    for index, province_code in enumerate(provinces, start=1):
        for region in regions.filter(province_id=province_code):
            writer.writerow(
                cells.csv_row(
                    [
                        region.code,
                        region.name,
                        region.kind,
                        region.province_id,
                        region.province.name,
                        region.island_group,
                        region.timezone,
                    ]
                )
            )
        progress(index * 100 // len(provinces), province_code)
    job.result_file.save(
        f"regions-{job.pk}.csv", ContentFile(buffer.getvalue().encode("utf-8")), save=False
    )
