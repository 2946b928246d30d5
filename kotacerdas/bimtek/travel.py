"""How many days a mentor travels between two kabupaten/kota. Pure: standard library only.

Every region has a *place*: the seat of its government (ibukota kabupaten, or the kota
itself), read from ``data/seats.csv`` (see ``data/README.md`` for the source). Distances are
great-circle distances between seats. The model answers in whole days of travel one way;
0 means the trip fits around the sessions on the same day.

The model, in one paragraph: each seat lies on a *land*, an island or a group of islands
joined by bridges and short roll-on ferries that buses use (Sumatra, Java, Madura, Bali,
Lombok and Sumbawa count as one land, "sunda"), on which one can go by road; Papua's highland
regencies, and other places without a usable road, each count as a land of their own. Two
seats on the same land are a road trip: 0 days within 75 km as the crow flies (about 100 km
of road, two hours), 1 day within 400 km (a long day's drive), 2 days beyond. The other way
is to fly: a flight between two *airport cities* (marked in the data: the airports of the
province capitals and the main regional airports) takes one day. A seat flies from its *hub*,
the nearest airport city on its land; the drive between them adds nothing to the flight day
within 150 km and one day beyond. A seat with no airport city on its land is *remote*: every
trip to it goes through the nearest airport city of its province and adds one day for the
connecting small plane or boat. The answer is the quickest way. So Jakarta to Batang is 1 day
by road, Jakarta to Medan or to Kota Jayapura 1 day by air, Jakarta to Puncak 2 days (a flight
to Timika, then a small plane to Ilaga), and a trip between two remote places can take 3.

Known simplifications: every flight counts as one day whatever the connections; regional
airports not marked in the data (e.g. Waingapu, Bima, Tual) are reached by the connecting leg;
ferries, roads and weather are not modelled beyond the land grouping.
"""

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SEATS_CSV = Path(__file__).parent / "data" / "seats.csv"

# First digit of a province code -> island group (a copy of regions.geography's table; this
# module imports nothing of the package). Kepulauan Riau (21) is numbered with Sumatera.
ISLAND_GROUP_BY_DIGIT = {
    "1": "sumatera",
    "2": "sumatera",
    "3": "jawa",
    "5": "bali_nusa_tenggara",
    "6": "kalimantan",
    "7": "sulawesi",
    "8": "maluku",
    "9": "papua",
}

SAME_DAY_ROAD_KM = 75.0  # road trip done around the sessions
ONE_DAY_ROAD_KM = 400.0  # a long day's drive
AIRPORT_REACH_KM = 150.0  # drive to or from the airport that fits into the flight day
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Place:
    code: str  # `PP.KK`
    province: str  # `PP`
    island_group: str
    lat: float
    lon: float
    is_province_capital: bool
    # Where roads reach; "" means the island group. Places with equal lands are road-linked.
    land: str = ""
    # An airport with scheduled flights from the national hubs serves the seat.
    is_airport_city: bool = False
    seat: str = field(default="", compare=False)  # the town, for people

    @property
    def road_land(self) -> str:
        return self.land or self.island_group


def island_group_for(province_code: str) -> str:
    try:
        return ISLAND_GROUP_BY_DIGIT[province_code[0]]
    except (KeyError, IndexError):
        raise ValueError(f"not a province code: {province_code!r}") from None


@lru_cache(maxsize=1)
def _load(path: Path) -> tuple[Place, ...]:
    with path.open(newline="", encoding="utf-8") as f:
        return tuple(
            Place(
                code=row["code"],
                province=row["code"][:2],
                island_group=island_group_for(row["code"][:2]),
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                is_province_capital=row["capital"] == "1",
                land=row["land"],
                is_airport_city=row["airport"] == "1",
                seat=row["seat"],
            )
            for row in csv.DictReader(f)
        )


def load_places() -> dict[str, Place]:
    """Every kabupaten/kota by code, from data/seats.csv (read once)."""
    return {p.code: p for p in _load(SEATS_CSV)}


def distance_km(a: Place, b: Place) -> float:
    """Great-circle (haversine) distance between two seats."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlam = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def road_days(km: float) -> int:
    """Days of a road trip of `km` as the crow flies, on one land."""
    if km <= SAME_DAY_ROAD_KM:
        return 0
    return 1 if km <= ONE_DAY_ROAD_KM else 2


@dataclass(frozen=True)
class Access:
    hub: Place  # the airport city the place flies from
    days: int  # 0 or 1: what the leg between hub and place adds to a flight day
    remote: bool  # no airport city on the place's land: every trip goes through the hub


def access(place: Place, places: Mapping[str, Place] | None = None) -> Access:
    """The airport city a place flies from, and the days its leg adds to a flight."""
    if place.is_airport_city:
        return Access(place, 0, remote=False)
    airports = [p for p in (places or load_places()).values() if p.is_airport_city]
    on_land = [p for p in airports if p.road_land == place.road_land]
    if on_land:
        hub = min(on_land, key=lambda p: (distance_km(place, p), p.code))
        days = 0 if distance_km(place, hub) <= AIRPORT_REACH_KM else 1
        return Access(hub, days, remote=False)
    # No airport on the land: a connecting flight or boat from the province's airport.
    in_province = [p for p in airports if p.province == place.province] or airports
    if not in_province:
        raise ValueError("no airport city among the places")
    hub = min(in_province, key=lambda p: (distance_km(place, p), p.code))
    return Access(hub, 1, remote=True)


def _days(a: Place, b: Place, access_a: Access, access_b: Access) -> int:
    """The quickest of: road on one land, a flight between the two hubs, or (for a remote
    end) its connecting leg plus the trip from its hub."""
    if a.code == b.code:
        return 0
    options = []
    if a.road_land == b.road_land:
        options.append(road_days(distance_km(a, b)))
    if access_a.hub.code != access_b.hub.code:
        options.append(access_a.days + 1 + access_b.days)
    if access_a.remote:
        hub = access_a.hub
        options.append(1 + _days(hub, b, Access(hub, 0, remote=False), access_b))
    if access_b.remote:
        hub = access_b.hub
        options.append(_days(a, hub, access_a, Access(hub, 0, remote=False)) + 1)
    return min(options)


def travel_days(a: Place, b: Place, places: Mapping[str, Place] | None = None) -> int:
    """Whole days of travel one way from `a` to `b` (the same both ways); 0 = same day.

    `places` is where airport cities are looked for; all regions when not given.
    """
    return _days(a, b, access(a, places), access(b, places))


def travel_matrix(
    codes: Iterable[str], places: Mapping[str, Place] | None = None
) -> dict[tuple[str, str], int]:
    """Days for every ordered pair of the given region codes, (a, a) included as 0."""
    every = places if places is not None else load_places()
    chosen = list(dict.fromkeys(codes))
    missing = [c for c in chosen if c not in every]
    if missing:
        raise KeyError(f"no seat for region(s): {', '.join(missing)}")
    accesses = {c: access(every[c], every) for c in chosen}
    return {
        (a, b): _days(every[a], every[b], accesses[a], accesses[b]) for a in chosen for b in chosen
    }
