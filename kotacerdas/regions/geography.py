"""Rules that follow from a Kemendagri code (DOMAIN.md, "Regions"). Pure: no Django."""

from dataclasses import dataclass

# First digit of a province code -> island group. Kepulauan Riau (21) is
# numbered with Sumatera.
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

# Provinces whose zone differs from their island group's.
_WITA_IN_KALIMANTAN = {"63", "64", "65"}


@dataclass(frozen=True)
class Zone:
    name: str  # IANA
    abbreviation: str  # as Indonesians write it
    utc_offset_hours: int


WIB = Zone("Asia/Jakarta", "WIB", 7)
WITA = Zone("Asia/Makassar", "WITA", 8)
WIT = Zone("Asia/Jayapura", "WIT", 9)
ZONES = {zone.name: zone for zone in (WIB, WITA, WIT)}


def island_group_for(province_code: str) -> str:
    try:
        return ISLAND_GROUP_BY_DIGIT[province_code[0]]
    except (KeyError, IndexError):
        raise ValueError(f"not a province code: {province_code!r}") from None


def zone_for(province_code: str) -> Zone:
    group = island_group_for(province_code)
    if group in ("sumatera", "jawa"):
        return WIB
    if group == "kalimantan":
        return WITA if province_code in _WITA_IN_KALIMANTAN else WIB
    if group in ("maluku", "papua"):
        return WIT
    return WITA  # Bali & Nusa Tenggara, Sulawesi


def region_kind_for(region_code: str) -> str:
    """`PP.KK`: KK 01-69 is a kabupaten, 71-99 a kota."""
    try:
        number = int(region_code.split(".")[1])
    except (IndexError, ValueError):
        raise ValueError(f"not a kabupaten/kota code: {region_code!r}") from None
    return "kota" if number >= 71 else "kabupaten"
