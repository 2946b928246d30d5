import pytest
from django.test import Client

from kotacerdas.regions.geography import island_group_for, region_kind_for, zone_for
from kotacerdas.regions.models import (
    Dimension,
    DimensionElement,
    Pillar,
    PillarElement,
    Province,
    Region,
)
from tests.queries import assert_queries


def test_all_provinces_and_regions_are_loaded(db) -> None:  # type: ignore[no-untyped-def]
    assert Province.objects.count() == 38
    assert Region.objects.count() == 514
    assert Region.objects.filter(kind="kabupaten").count() == 416
    assert Region.objects.filter(kind="kota").count() == 98
    assert Province.objects.filter(code__in=["91", "92", "93", "94", "95", "96"]).count() == 6


@pytest.mark.parametrize(
    ("code", "name", "kind", "group", "zone"),
    [
        ("15.04", "Kabupaten Batanghari", "kabupaten", "sumatera", "WIB"),
        ("33.25", "Kabupaten Batang", "kabupaten", "jawa", "WIB"),
        ("51.71", "Kota Denpasar", "kota", "bali_nusa_tenggara", "WITA"),
        ("61.71", "Kota Pontianak", "kota", "kalimantan", "WIB"),
        ("64.72", "Kota Samarinda", "kota", "kalimantan", "WITA"),
        ("73.71", "Kota Makassar", "kota", "sulawesi", "WITA"),
        ("81.71", "Kota Ambon", "kota", "maluku", "WIT"),
        ("21.71", "Kota Batam", "kota", "sumatera", "WIB"),
    ],
)
def test_region_type_island_group_and_zone(db, code, name, kind, group, zone) -> None:  # type: ignore[no-untyped-def]
    region = Region.objects.get(pk=code)
    assert (region.name, region.kind, region.island_group, region.timezone_abbreviation) == (
        name,
        kind,
        group,
        zone,
    )


def test_geography_rules_refuse_bad_codes() -> None:
    assert zone_for("94").abbreviation == "WIT"
    assert region_kind_for("33.71") == "kota"
    with pytest.raises(ValueError):
        island_group_for("44")
    with pytest.raises(ValueError):
        region_kind_for("33")


def test_reference_model_is_bilingual(db) -> None:  # type: ignore[no-untyped-def]
    assert Dimension.objects.count() == 6
    assert DimensionElement.objects.count() == 18
    assert Pillar.objects.count() == 3
    assert PillarElement.objects.count() == 9
    assert set(Pillar.objects.values_list("name_id", flat=True)) == {
        "Struktur",
        "Infrastruktur",
        "Suprastruktur",
    }
    waste = DimensionElement.objects.get(code="waste")
    assert (waste.dimension.code, waste.name_en) == ("environment", "Waste")
    from django.utils import translation

    with translation.override("en"):
        assert waste.name == "Waste"
    with translation.override("id"):
        assert waste.name == "Pengelolaan sampah dan limbah"


def test_region_list_search_filter_and_pagination(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    first = client.get("/regions/")
    assert first.context["page"].paginator.count == 514
    assert len(first.context["page"].object_list) == 25
    page = client.get("/regions/?island_group=maluku&kind=kota&page=1")
    names = [region.name for region in page.context["page"].object_list]
    assert names and all(name.startswith("Kota") for name in names)
    assert {r.province.island_group for r in page.context["page"].object_list} == {"maluku"}
    found = client.get("/regions/?q=sarolangun").content.decode()
    assert "Kabupaten Sarolangun" in found and "Kabupaten Batang<" not in found
    by_province = client.get("/regions/?province=17")
    assert by_province.context["page"].paginator.count == 10
    nothing = client.get("/regions/?q=atlantis").content.decode()
    assert "Tidak ada wilayah" in nothing or "No region matches" in nothing
    # An unknown filter value is ignored with the form's message, not a 500.
    assert client.get("/regions/?province=99&page=abc").status_code == 200


def test_region_list_htmx_returns_only_the_table(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/regions/?q=batang", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Kabupaten Batang" in body


def test_region_pages_query_count_is_bounded(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    with assert_queries("page regions:list (page 3, anonymous)"):
        client.get("/regions/?page=3")
    with assert_queries("page regions:detail (anonymous)"):
        client.get("/regions/33.25/")
    with assert_queries("page home (anonymous)"):
        client.get("/")


def test_unknown_region_is_a_404_in_the_users_language(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    indonesian = client.get("/regions/99.99/")
    assert indonesian.status_code == 404
    assert 'lang="id"' in indonesian.content.decode()
    assert "Halaman tidak ditemukan" in indonesian.content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/regions/99.99/")
    assert "Page not found" in english.content.decode()
    assert Client().get("/regions/99.99/workspace/").status_code in (302, 404)
