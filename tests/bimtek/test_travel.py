"""The travel model: seats for every region, and days on known routes."""

import csv
import itertools

import pytest
from lokal import wilayah

from kotacerdas.bimtek import travel
from kotacerdas.bimtek.travel import Place, distance_km, load_places, travel_days, travel_matrix

PLACES = load_places()
JAKARTA = "31.71"  # Kota Administrasi Jakarta Pusat


def regions_of_lokal() -> dict[str, str]:
    return {r.code: r.name for p in wilayah.list_wilayah() for r in wilayah.list_wilayah(p.code)}


def capital_of(province: str) -> Place:
    (capital,) = [p for p in PLACES.values() if p.province == province and p.is_province_capital]
    return capital


def days(a: str, b: str) -> int:
    return travel_days(PLACES[a], PLACES[b])


# --- the data -------------------------------------------------------------------------------


def test_every_region_has_exactly_one_seat():
    regions = regions_of_lokal()
    assert len(regions) == 514
    assert PLACES.keys() == regions.keys()
    with travel.SEATS_CSV.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len({r["code"] for r in rows}) == 514
    assert {r["code"]: r["name"] for r in rows} == regions
    assert all(r["seat"] and r["source"] in ("geonames", "approximate") for r in rows)
    assert all(r["lat"] == f"{float(r['lat']):.4f}" for r in rows)  # 4 decimals


def test_seats_lie_in_indonesia_and_apart():
    for p in PLACES.values():
        assert -11 <= p.lat <= 6.5 and 94 <= p.lon <= 141.5, p
    # No two regions share a seat (a copied row would).
    seats = list(PLACES.values())
    for a, b in itertools.combinations(seats, 2):
        assert distance_km(a, b) > 0.5, (a.code, b.code)


def test_one_capital_per_province_and_seats_near_it():
    provinces = {p.province for p in PLACES.values()}
    assert len(provinces) == 38
    for province in provinces:
        capital = capital_of(province)
        for p in PLACES.values():
            if p.province == province:
                # The farthest is Kepulauan Aru (Dobo), about 710 km from Ambon.
                assert distance_km(capital, p) < 750, (p.code, p.seat)


@pytest.mark.parametrize(
    ("code", "seat", "lat", "lon"),
    [
        ("31.71", "Jakarta Pusat", -6.18, 106.83),
        ("33.25", "Batang", -6.91, 109.73),
        ("15.04", "Muara Bulian", -1.71, 103.26),
        ("91.71", "Jayapura", -2.53, 140.72),
        ("12.71", "Medan", 3.59, 98.67),
        ("94.05", "Ilaga", -3.99, 137.63),
        ("81.71", "Ambon", -3.69, 128.18),
    ],
)
def test_known_seats(code, seat, lat, lon):
    place = PLACES[code]
    assert place.seat == seat
    assert distance_km(place, Place("x", "00", "", lat, lon, False)) < 10


def test_island_groups_and_capitals():
    assert PLACES["21.71"].island_group == "sumatera"  # Kepulauan Riau: numbered with Sumatera
    assert PLACES["51.71"].island_group == "bali_nusa_tenggara"
    assert PLACES["95.01"].island_group == "papua"
    assert capital_of("31").code == "31.71"
    assert capital_of("63").code == "63.72"  # Banjarbaru since 2022
    assert capital_of("95").code == "95.01"  # Papua Pegunungan: Wamena
    assert all(p.island_group for p in PLACES.values())


def test_every_province_has_an_airport_city():
    for province in {p.province for p in PLACES.values()}:
        assert any(p.is_airport_city for p in PLACES.values() if p.province == province)


# --- the model ------------------------------------------------------------------------------


def test_distance():
    assert distance_km(PLACES[JAKARTA], PLACES[JAKARTA]) == 0
    assert 300 < distance_km(PLACES[JAKARTA], PLACES["33.25"]) < 360
    assert 3700 < distance_km(PLACES[JAKARTA], PLACES["91.71"]) < 3850


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (JAKARTA, JAKARTA, 0),
        (JAKARTA, "32.01", 0),  # Kabupaten Bogor (Cibinong), ~35 km
        (JAKARTA, "33.25", 1),  # Kabupaten Batang, by road (~330 km as the crow flies)
        ("15.71", "15.04", 0),  # Kota Jambi -> Batanghari (Muara Bulian), ~40 km
        ("15.04", "15.03", 1),  # Batanghari -> Sarolangun, ~90 km
        (JAKARTA, "12.71", 1),  # Kota Medan, a flight
        (JAKARTA, "91.71", 1),  # Kota Jayapura, a flight to Sentani
        (JAKARTA, "21.71", 1),  # Kota Batam, a flight
        (JAKARTA, "94.05", 2),  # Puncak (Ilaga): flight to Timika, then a small plane
        (JAKARTA, "95.08", 2),  # Nduga (Kenyam), highlands beyond Wamena
        (JAKARTA, "81.07", 2),  # Kepulauan Aru (Dobo), via Ambon
        (JAKARTA, "31.01", 1),  # Kepulauan Seribu, a boat from Jakarta
        ("82.71", "82.72", 0),  # Ternate -> Tidore
        ("35.10", "51.01", 0),  # Banyuwangi -> Jembrana, across the Bali strait
        ("94.05", "12.04", 3),  # Puncak -> Nias: remote at both ends
    ],
)
def test_known_routes(a, b, expected):
    assert days(a, b) == expected
    assert days(b, a) == expected


def test_road_days_thresholds():
    assert travel.road_days(0) == 0
    assert travel.road_days(75) == 0
    assert travel.road_days(76) == 1
    assert travel.road_days(400) == 1
    assert travel.road_days(401) == 2


def test_matrix_is_symmetric_and_agrees_with_travel_days():
    codes = ["31.71", "33.25", "15.04", "15.03", "91.71", "94.05", "12.71", "81.07", "31.01"]
    matrix = travel_matrix(codes)
    assert set(matrix) == {(a, b) for a in codes for b in codes}
    for (a, b), n in matrix.items():
        assert n == matrix[b, a] == days(a, b)
        assert (n == 0) if a == b else (0 <= n <= 3)


def test_whole_matrix_is_symmetric_and_bounded():
    matrix = travel_matrix(PLACES)
    assert len(matrix) == 514 * 514
    assert all(n == matrix[b, a] and 0 <= n <= 3 for (a, b), n in matrix.items())
    assert all(matrix[a, a] == 0 for a in PLACES)


def test_matrix_refuses_unknown_codes():
    with pytest.raises(KeyError, match=r"99\.99"):
        travel_matrix(["31.71", "99.99"])


def test_places_given_explicitly():
    # Two made-up places on one land, one airport city: the model needs no data file.
    a = Place("01.01", "01", "sumatera", 0.0, 100.0, True, land="x", is_airport_city=True)
    b = Place("01.02", "01", "sumatera", 0.0, 101.0, False, land="x")  # ~111 km away
    places = {p.code: p for p in (a, b)}
    assert travel_days(a, b, places) == 1
    assert travel_matrix(["01.01", "01.02"], places)[("01.02", "01.01")] == 1
