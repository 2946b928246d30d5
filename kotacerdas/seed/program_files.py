"""Small real files for the demo: the PDFs and photos regions attach in real life.

An assessor trying the demo opens an application's evidence, an agreement's scan, a
council's decree or an OPD's commitment and sees a document, not a name. The PDFs are
written directly (one A4 page, standard fonts, a few hundred bytes to 2 KB) so that
making hundreds costs nothing; the photos are drawn with Pillow (which matplotlib, a
dependency, brings) and fall back to a PDF if it is missing.
"""

import io
import random
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.program.services.agreements import head_of_region

# Evidence per criterion of the demo rubric: (file name, title, body lines) or a photo.
EVIDENCE_DOCUMENTS = {
    "visi-misi": (
        "RPJMD {short} - Bab Visi dan Misi.pdf",
        "RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH",
        [
            "{region}",
            "",
            "BAB V - VISI, MISI, TUJUAN DAN SASARAN",
            "",
            "Visi: Terwujudnya {short} yang maju, sejahtera dan berdaya saing",
            "melalui tata kelola pemerintahan berbasis teknologi informasi.",
            "",
            "Misi 3: Mewujudkan pelayanan publik yang cepat, mudah dan terintegrasi",
            "melalui penerapan konsep kota cerdas (smart city).",
        ],
    ),
    "regulasi-spbe": (
        "Perbup SPBE {short}.pdf",
        "PERATURAN KEPALA DAERAH",
        [
            "{region}",
            "",
            "TENTANG",
            "PENYELENGGARAAN SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK",
            "",
            "Pasal 1",
            "Sistem Pemerintahan Berbasis Elektronik (SPBE) adalah penyelenggaraan",
            "pemerintahan yang memanfaatkan teknologi informasi dan komunikasi",
            "untuk memberikan layanan kepada pengguna SPBE.",
        ],
    ),
    "perencanaan": (
        "Laporan e-Planning {short} 2022.pdf",
        "LAPORAN PENERAPAN E-PLANNING",
        [
            "{region}, Tahun Anggaran 2022",
            "",
            "1. Seluruh OPD menyusun Renja melalui aplikasi e-planning.",
            "2. Musrenbang kecamatan diinput secara daring.",
            "3. Integrasi dengan e-budgeting sedang berjalan.",
        ],
    ),
}
PHOTO_CRITERION = "infrastruktur-tik"


def _pdf_text(text: str) -> str:
    """A PDF string literal in WinAnsi: escaped, with what it cannot hold replaced."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u00b7", "-")
    text = text.encode("cp1252", "replace").decode("cp1252")
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def simple_pdf(title: str, lines: Sequence[str], *, footer: str = "") -> bytes:
    """A valid one-page A4 PDF: a centred bold title and lines of text."""
    commands = ["BT", "/F2 13 Tf", "1 0 0 1 0 0 Tm"]
    y = 770
    width_estimate = len(title) * 13 * 0.55
    commands.append(f"1 0 0 1 {max(56, (595 - width_estimate) / 2):.0f} {y} Tm")
    commands.append(f"{_pdf_text(title)} Tj")
    commands.append("/F1 11 Tf")
    y -= 34
    for line in lines:
        commands.append(f"1 0 0 1 72 {y} Tm {_pdf_text(line)} Tj")
        y -= 16
    if footer:
        commands.append(f"/F1 8 Tf 1 0 0 1 72 40 Tm {_pdf_text(footer)} Tj")
    commands.append("ET")
    # A rule under the title, as on a letterhead.
    commands.append("0.5 w 72 757 m 523 757 l S")
    stream = "\n".join(commands).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def photo(caption: str, seed: int) -> tuple[bytes, str, str] | None:
    """A JPEG "photo" of a command centre with a caption: (data, extension, type), or
    None without Pillow."""
    try:
        from PIL import Image, ImageDraw, ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with matplotlib
        return None
    rng = random.Random(seed)
    width, height = 640, 400
    image = Image.new("RGB", (width, height), (58, 64, 74))
    draw = ImageDraw.Draw(image)
    for y in range(0, 250, 2):  # a wall lit from above
        shade = 90 - y // 5
        draw.rectangle([0, y, width, y + 2], fill=(shade, shade + 6, shade + 14))
    draw.rectangle([0, 250, width, height], fill=(92, 74, 60))  # the desk
    for row in range(2):
        for column in range(3):  # a video wall of dashboards
            x0, y0 = 70 + column * 170, 40 + row * 100
            draw.rectangle([x0, y0, x0 + 160, y0 + 92], fill=(20, 24, 30))
            for bar in range(6):
                h = rng.randint(10, 60)
                colour = rng.choice([(66, 165, 245), (102, 187, 106), (255, 202, 40)])
                draw.rectangle(
                    [x0 + 12 + bar * 24, y0 + 82 - h, x0 + 28 + bar * 24, y0 + 82], fill=colour
                )
    for seat in range(4):  # operators at their screens
        x = 90 + seat * 130
        draw.ellipse([x, 262, x + 40, 302], fill=(40, 36, 34))
        draw.rectangle([x - 20, 300, x + 60, 340], fill=(30, 30, 30))
    draw.rectangle([0, height - 44, width, height], fill=(0, 0, 0))
    try:
        font: Any = ImageFont.load_default(size=18)
    except TypeError:  # pragma: no cover - Pillow before 10.1
        font = ImageFont.load_default()
    draw.text((16, height - 34), caption, fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue(), ".jpg", "image/jpeg"


def _short(region: Any) -> str:
    for prefix in ("Kabupaten ", "Kota "):
        if region.name.startswith(prefix):
            return str(region.name[len(prefix) :])
    return str(region.name)


def attach_evidence(applications: Iterable[Any], *, photos: bool = True) -> int:
    """Demo evidence on applications recorded as history: documents for some criteria
    and (unless `photos` is false: a photo takes ~30 ms) a photo of the command centre.
    Returns the number of files."""
    from kotacerdas.program.models import ApplicationAnswer, Evidence

    count = 0
    for application in applications:
        region = application.region
        names = {"region": region.name, "short": _short(region)}
        answers = ApplicationAnswer.objects.filter(application=application).select_related(
            "criterion"
        )
        for answer in answers:
            code = answer.criterion.code
            if code in EVIDENCE_DOCUMENTS:
                name, title, lines = EVIDENCE_DOCUMENTS[code]
                data = simple_pdf(title, [line.format(**names) for line in lines])
                filename, content_type = name.format(**names), "application/pdf"
            elif code == PHOTO_CRITERION and photos:
                made = photo(f"Command center {region.name}", seed=application.pk)
                if made is None:
                    continue
                data, extension, content_type = made
                filename = f"Foto command center {names['short']}{extension}"
            else:
                continue
            evidence = Evidence(
                answer=answer,
                original_name=filename,
                content_type=content_type,
                size=len(data),
            )
            evidence.file.save(filename, ContentFile(data), save=False)
            evidence.save()
            count += 1
    return count


def agreement_scan(agreement: Any) -> SimpleUploadedFile:
    region = agreement.application.region
    lines = [
        "ANTARA",
        "KEMENTERIAN KOMUNIKASI DAN INFORMATIKA",
        "DAN",
        f"PEMERINTAH {region.name.upper()}",
        "",
        "TENTANG",
        "GERAKAN MENUJU SMART CITY",
        "",
        f"Nomor: {agreement.number or '-'}",
        "",
        "Para pihak sepakat untuk bekerja sama dalam penyusunan masterplan smart",
        "city dan pelaksanaan program quick win sesuai ketentuan yang berlaku.",
        "",
        "PIHAK PERTAMA                                        PIHAK KEDUA",
        *[f"{s.name}" for s in agreement.signatories.all()],
    ]
    data = simple_pdf("NOTA KESEPAKATAN", lines, footer="Pindaian dokumen asli")
    return SimpleUploadedFile(
        f"Nota Kesepakatan {_short(region)}.pdf", data, content_type="application/pdf"
    )


def decree_scan(region: Any, number: str, title: str) -> SimpleUploadedFile:
    data = simple_pdf(
        f"KEPUTUSAN {head_of_region(region).upper()}",
        [
            f"NOMOR {number}",
            "",
            "TENTANG",
            title.upper(),
            "",
            "Menimbang: bahwa dalam rangka percepatan pelaksanaan smart city perlu",
            "dibentuk dewan yang mengarahkan dan mengawasi pelaksanaannya;",
            "",
            "MEMUTUSKAN:",
            f"Menetapkan: {title}.",
        ],
        footer="Pindaian dokumen asli",
    )
    return SimpleUploadedFile(
        f"SK {number}.pdf".replace("/", "-"), data, content_type="application/pdf"
    )


def commitment_scan(opd: Any, signed_by: str) -> SimpleUploadedFile:
    data = simple_pdf(
        "SURAT PERNYATAAN KOMITMEN",
        [
            "Yang bertanda tangan di bawah ini:",
            f"Nama    : {signed_by}",
            f"Jabatan : Kepala {opd.name}",
            "",
            "menyatakan berkomitmen mendukung pelaksanaan Gerakan Menuju Smart City",
            f"di {opd.region.name}, termasuk penyediaan data dan program kegiatan.",
        ],
        footer="Pindaian dokumen asli",
    )
    name = f"Komitmen {opd.abbreviation or opd.name}.pdf"
    return SimpleUploadedFile(name, data, content_type="application/pdf")
