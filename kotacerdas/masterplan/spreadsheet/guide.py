"""The Petunjuk (guide) sheet: every column explained in Indonesian and English."""

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from kotacerdas.masterplan.spreadsheet import layout

STEPS = [
    (
        "Isi satu baris per program di sheet Program, dengan kode program pilihan Anda (mis. P01).",
        "Fill one row per program in the Program sheet, with a program key you choose (e.g. P01).",
    ),
    (
        "Isi anggaran di sheet Anggaran: satu baris per program, tahun dan sumber dana.",
        "Fill the budget in the Anggaran sheet: one row per program, year and funding source.",
    ),
    (
        "Isi indikator output dan outcome di sheet Indikator, dengan target per tahun di "
        "kolom tahun.",
        "Fill the output and outcome indicators in the Indikator sheet, with a target per "
        "year in the year columns.",
    ),
    (
        "Baris contoh (kode CONTOH, huruf abu-abu) tidak pernah diimpor; boleh dihapus.",
        "Example rows (key CONTOH, grey) are never imported; you may delete them.",
    ),
    (
        "Impor memeriksa setiap baris. Jika ada kesalahan, tidak ada yang disimpan dan "
        "setiap kesalahan disebut dengan sheet, nomor baris dan kolomnya.",
        "The import checks every row. If anything is wrong nothing is saved, and each "
        "error names its sheet, row number and column.",
    ),
    (
        "Baris dengan ID platform mengganti program itu beserta anggaran dan indikatornya; "
        "program yang tidak ada di berkas tidak diubah.",
        "A row with a platform ID replaces that program with its budget and indicators; "
        "programs not in the file are left as they are.",
    ),
    (
        "Untuk menyalin program ke masterplan lain, kosongkan kolom ID platform.",
        "To copy programs into another masterplan, empty the Platform ID column.",
    ),
    (
        "Sheet Daftar memuat kode elemen, dan pada hasil ekspor juga OPD, tujuan RPJMD dan "
        "masalah daerah ini.",
        "The Daftar sheet lists the element codes and, in an export, the region's OPDs, "
        "RPJMD goals and problems.",
    ),
    (
        "Batas: berkas 5 MB, 2000 program.",
        "Limits: a 5 MB file, 2000 programs.",
    ),
]

VALUES = [
    ("Horizon", ", ".join(layout.HORIZON_WORDS.values())),
    ("Sumber dana / Funding source", ", ".join(layout.SOURCE_WORDS.values())),
    ("Jenis indikator / Indicator kind", ", ".join(layout.KIND_WORDS.values())),
]


def write_guide(sheet: Worksheet, years: Sequence[int], plan_label: str) -> None:
    sheet.title = layout.GUIDE_SHEET
    bold = Font(bold=True)
    title = "Program masterplan kota cerdas / Smart-city masterplan programs"
    sheet.append([f"{title}: {plan_label}" if plan_label else title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    # The steps share columns E-F with the column explanations below, the wide ones.
    sheet.append(["Langkah / Step", None, None, None, "Petunjuk", "How to fill"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for number, (indonesian, english) in enumerate(STEPS, start=1):
        sheet.append([number, None, None, None, indonesian, english])
    sheet.append([])
    sheet.append(["Sheet", "Kolom", "Column", "Wajib / Required", "Penjelasan", "Explanation"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for spec in (layout.PROGRAM, layout.BUDGET, layout.INDICATOR):
        for column in spec.columns:
            sheet.append(
                [
                    spec.name,
                    column.label,
                    column.english,
                    "ya / yes" if column.required else "tidak / no",
                    column.help_id,
                    column.help_en,
                ]
            )
    years_text = f"{years[0]} … {years[-1]}"
    sheet.append(
        [layout.INDICATOR.name, years_text, years_text, "tidak / no", *layout.YEAR_COLUMN_HELP]
    )
    sheet.append([])
    sheet.append(["Nilai yang diterima / Allowed values"])
    sheet[f"A{sheet.max_row}"].font = bold
    for name, values in VALUES:
        sheet.append([name, values])
    for letter, width in zip("ABCDEF", (12, 24, 24, 14, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
