"""The masterplan programs workbook: its sheets, columns and accepted words.

The layout is a file format that officials fill in, documented in docs/masterplan-xlsx.md.
Its sheet names and headers are fixed Indonesian identifiers (English headers are accepted
too on import), and the guide sheet is written in both languages side by side, so these
texts are deliberately not translated per request."""

import re
from dataclasses import dataclass

from kotacerdas.masterplan.models import FundingSource, Horizon, IndicatorKind

MAX_PROGRAMS = 2000
MAX_BUDGET_ROWS = 30_000
MAX_INDICATOR_ROWS = 20_000
EXAMPLE_KEY = "CONTOH"  # rows with this program key are examples and are skipped


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the Indonesian header, as written by the template
    english: str  # the English header, also accepted on import
    required: bool
    help_id: str
    help_en: str
    width: int = 16


@dataclass(frozen=True)
class Sheet:
    name: str
    english: str
    columns: tuple[Column, ...]
    max_rows: int


KEY = Column(
    "key",
    "Kode program",
    "Program key",
    True,
    "Kode singkat pilihan Anda, unik dalam berkas (mis. P01). Menghubungkan baris di sheet "
    "Anggaran dan Indikator dengan programnya.",
    "A short code you choose, unique in the file (e.g. P01). It ties the rows of the "
    "Anggaran and Indikator sheets to their program.",
    12,
)

PROGRAM = Sheet(
    "Program",
    "Programs",
    (
        KEY,
        Column(
            "id",
            "ID platform",
            "Platform ID",
            False,
            "Diisi oleh ekspor. Kosongkan untuk program baru. Jika diisi, program itu "
            "(beserta anggaran dan indikatornya) diganti dengan isi berkas ini.",
            "Filled by the export. Leave empty for a new program. When set, that program "
            "(with its budget and indicators) is replaced by what this file says.",
            11,
        ),
        Column(
            "name",
            "Nama program",
            "Name",
            True,
            "3 sampai 200 karakter.",
            "3 to 200 characters.",
            36,
        ),
        Column("description", "Deskripsi", "Description", False, "Bebas.", "Free text.", 40),
        Column(
            "element",
            "Elemen",
            "Element",
            True,
            "Kode elemen dimensi dari sheet Daftar (mis. health); nama elemen juga diterima.",
            "A dimension element code from the Daftar sheet (e.g. health); its name is "
            "accepted too.",
            20,
        ),
        Column(
            "lead_opd",
            "OPD pengampu",
            "Lead OPD",
            True,
            "Nama atau singkatan OPD daerah ini, seperti di daftar OPD platform.",
            "The name or abbreviation of one of the region's OPDs, as in the platform's OPD list.",
            30,
        ),
        Column(
            "supporting_opds",
            "OPD pendukung",
            "Supporting OPDs",
            False,
            "Nama atau singkatan OPD, dipisah titik koma (;).",
            "Names or abbreviations of OPDs, separated by semicolons (;).",
            30,
        ),
        Column(
            "horizon",
            "Horizon",
            "Horizon",
            True,
            "quick win (hasil dalam 1 tahun), pendek (1 tahun), menengah (≤ 5 tahun), "
            "panjang (≤ 10 tahun).",
            "quick win (results within 1 year), pendek = short (1 year), menengah = medium "
            "(≤ 5 years), panjang = long (≤ 10 years).",
            12,
        ),
        Column(
            "start_year",
            "Tahun mulai",
            "Start year",
            True,
            "Tahun di dalam periode masterplan.",
            "A year within the masterplan's period.",
            11,
        ),
        Column(
            "end_year",
            "Tahun selesai",
            "End year",
            True,
            "Tidak sebelum tahun mulai; rentangnya sesuai horizon.",
            "Not before the start year; the span fits the horizon.",
            11,
        ),
        Column(
            "quick_win_reason",
            "Alasan quick win",
            "Quick-win reason",
            False,
            "Untuk quick win: mengapa hasilnya terlihat dalam satu tahun.",
            "For a quick win: why its results show within a year.",
            30,
        ),
        Column(
            "goals",
            "Tujuan RPJMD",
            "RPJMD goals",
            False,
            "Kode tujuan RPJMD yang dilayani, dipisah titik koma (mis. T1; T3).",
            "Codes of the RPJMD goals it serves, separated by semicolons (e.g. T1; T3).",
            14,
        ),
        Column(
            "problems",
            "Masalah yang ditangani",
            "Problems addressed",
            False,
            "Judul masalah yang tercatat di masterplan, satu per baris dalam sel atau "
            "dipisah titik koma.",
            "Titles of problems recorded in the masterplan, one per line in the cell or "
            "separated by semicolons.",
            36,
        ),
    ),
    MAX_PROGRAMS,
)

BUDGET = Sheet(
    "Anggaran",
    "Budget",
    (
        KEY,
        Column(
            "year", "Tahun", "Year", True, "Tahun di dalam program.", "A year of the program.", 10
        ),
        Column(
            "source",
            "Sumber dana",
            "Funding source",
            True,
            "APBD, APBN, DAK, KPBU, CSR atau Lainnya.",
            "APBD, APBN, DAK, KPBU (PPP), CSR or Lainnya (other).",
            14,
        ),
        Column(
            "amount",
            "Jumlah (Rp)",
            "Amount (Rp)",
            True,
            "Rupiah utuh, tidak negatif, tanpa desimal (mis. 250000000).",
            "Whole Rupiah, not negative, no decimals (e.g. 250000000).",
            18,
        ),
    ),
    MAX_BUDGET_ROWS,
)

INDICATOR = Sheet(
    "Indikator",
    "Indicators",
    (
        KEY,
        Column("kind", "Jenis", "Kind", True, "output atau outcome.", "output or outcome.", 10),
        Column(
            "name",
            "Nama indikator",
            "Indicator",
            True,
            "2 sampai 200 karakter; satu kali per program.",
            "2 to 200 characters; once per program.",
            36,
        ),
        Column(
            "unit", "Satuan", "Unit", True, "Mis. %, unit, orang.", "E.g. %, units, people.", 10
        ),
        Column(
            "baseline_year",
            "Tahun baseline",
            "Baseline year",
            False,
            "Tahun nilai awal (biasanya sebelum program mulai).",
            "The year of the starting value (usually before the program starts).",
            11,
        ),
        Column(
            "baseline_value",
            "Nilai baseline",
            "Baseline value",
            False,
            "Angka; koma atau titik desimal, paling banyak 3 desimal.",
            "A number; decimal comma or point, at most 3 decimals.",
            11,
        ),
    ),
    MAX_INDICATOR_ROWS,
)

# The Indikator sheet continues with one column per year, headed by the year: the target.
YEAR_COLUMN_HELP = (
    "Satu kolom per tahun (judulnya tahun itu, mis. 2025): target indikator pada tahun "
    "tersebut. Isi hanya tahun-tahun program.",
    "One column per year (headed by that year, e.g. 2025): the indicator's target in that "
    "year. Fill only the program's years.",
)
YEAR_HEADER = re.compile(r"^(?:target|tahun|year)?\s*(\d{4})$", re.IGNORECASE)

GUIDE_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"

HORIZON_WORDS: dict[str, str] = {
    Horizon.QUICK_WIN: "quick win",
    Horizon.SHORT: "pendek",
    Horizon.MEDIUM: "menengah",
    Horizon.LONG: "panjang",
}
SOURCE_WORDS: dict[str, str] = {
    FundingSource.APBD: "APBD",
    FundingSource.APBN: "APBN",
    FundingSource.DAK: "DAK",
    FundingSource.KPBU: "KPBU",
    FundingSource.CSR: "CSR",
    FundingSource.OTHER: "Lainnya",
}
KIND_WORDS: dict[str, str] = {IndicatorKind.OUTPUT: "output", IndicatorKind.OUTCOME: "outcome"}


def word(text: object) -> str:
    """A cell's text for comparing: lower case, single spaces, `_` and `-` as spaces."""
    return " ".join(str(text).replace("_", " ").replace("-", " ").lower().split())


def _aliases(words: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    found = {word(value): str(key) for key, value in words.items()}
    found.update({word(key): str(key) for key in words})
    found.update({word(alias): value for alias, value in extra.items()})
    return found


HORIZONS = _aliases(
    HORIZON_WORDS,
    {
        "quickwin": Horizon.QUICK_WIN,
        "jangka pendek": Horizon.SHORT,
        "short term": Horizon.SHORT,
        "jangka menengah": Horizon.MEDIUM,
        "medium term": Horizon.MEDIUM,
        "jangka panjang": Horizon.LONG,
        "long term": Horizon.LONG,
    },
)
SOURCES = _aliases(
    SOURCE_WORDS,
    {
        "lain lain": FundingSource.OTHER,
        "lain": FundingSource.OTHER,
        "other": FundingSource.OTHER,
        "ppp": FundingSource.KPBU,
        "kpbu/ppp": FundingSource.KPBU,
    },
)
KINDS = _aliases(KIND_WORDS, {"keluaran": IndicatorKind.OUTPUT, "hasil": IndicatorKind.OUTCOME})


def header_keys(sheet: Sheet) -> dict[str, str]:
    """Accepted headers (Indonesian, English, or the key itself) -> column key."""
    accepted: dict[str, str] = {}
    for column in sheet.columns:
        for text in (column.label, column.english, column.key):
            accepted[word(text.rstrip("*"))] = column.key
    return accepted
