"""The masterplan as the document a Bupati signs as the annex of a Peraturan Bupati: a
cover without workflow status, a foreword, chapter I with its legal basis, the chapters
BAB I..VIII in the customary order, a signature page, a roadmap that names its programs,
type that reads in print, a real table of contents and the PDF's font in the DOCX, and a
draft watermark until the masterplan is approved. The coordinator writes the new texts on
the introduction page and through the API."""

import datetime
import io
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import docx
import pytest
from django.db import transaction
from django.utils import translation

from kotacerdas.masterplan import documents, services
from kotacerdas.masterplan.documents import charts, content, labels
from kotacerdas.masterplan.legal_basis import NATIONAL_REGULATIONS, default_legal_basis
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus
from kotacerdas.regions.models import Region
from kotacerdas.seed.synthetic import build_synthetic_masterplan
from tests.masterplan.pages import client_as, page_url

HEAD = "Drs. H. Ahmad Santoso, M.Si."
DECREE = "12 Tahun 2025"
BAB = re.compile(r"^BAB (I|II|III|IV|V|VI|VII|VIII) ")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


@dataclass(frozen=True)
class Documents:
    draft_pdf: bytes
    draft_docx: bytes
    draft_summary: bytes
    legalised_pdf: bytes
    legalised_docx: bytes
    approved_pdf: bytes
    program_names: list[str]
    sizes: list[float]  # font sizes (pt) used in the draft PDF's program pages


def _texts(data: bytes, layout: bool = True) -> list[str]:
    """The text of each page (pdftotext, poppler-utils)."""
    command = ["/usr/bin/pdftotext", *(["-layout"] if layout else []), "-", "-"]
    out = subprocess.run(command, input=data, capture_output=True, check=True, timeout=60)  # noqa: S603
    return out.stdout.decode().split("\f")[:-1]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _program_font_sizes(data: bytes) -> list[float]:
    """Sizes of the type on the pages of the programs chapter (pdftotext -bbox-layout
    gives words with their boxes; a word's height is about its size)."""
    out = subprocess.run(
        ["/usr/bin/pdftotext", "-bbox", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    pages = out.split("<page ")[1:]
    sizes = []
    for page in pages:
        if not re.search(r">6\.\d+\.\d+\.\d+<", page):  # a program's number
            continue
        for top, bottom in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page):
            sizes.append(float(bottom) - float(top))
    return sizes


@pytest.fixture(scope="module")
def rendered(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Documents]:
    with django_db_blocker.unblock(), transaction.atomic():
        plan = build_synthetic_masterplan(Region.objects.get(pk="33.25"), programs=12, seed=4)
        Masterplan.objects.filter(pk=plan.pk).update(
            head_name=HEAD,
            foreword="Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa.",
            background="Kabupaten Batang tumbuh pesat bersama Kawasan Industri Terpadu Batang.",
        )
        plan.refresh_from_db()
        draft_pdf = documents.render(plan, fmt="pdf").data
        draft_docx = documents.render(plan, fmt="docx").data
        draft_summary = documents.render(plan, fmt="pdf", summary=True).data
        Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.APPROVED)
        approved_pdf = documents.render(plan, fmt="pdf").data
        Masterplan.objects.filter(pk=plan.pk).update(
            status=MasterplanStatus.LEGALISED,
            legal_number=DECREE,
            legal_date=datetime.date(2025, 3, 3),
        )
        legalised_pdf = documents.render(plan, fmt="pdf").data
        legalised_docx = documents.render(plan, fmt="docx").data
        names = list(plan.programs.values_list("name", flat=True))
        yield Documents(
            draft_pdf,
            draft_docx,
            draft_summary,
            legalised_pdf,
            legalised_docx,
            approved_pdf,
            names,
            _program_font_sizes(draft_pdf),
        )
        transaction.set_rollback(True)


# The PDF ------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_draft_carries_a_watermark_and_its_cover_no_status(rendered: Documents) -> None:
    pages = _texts(rendered.draft_pdf)
    assert all("DRAF" in page.split() for page in pages), "every page says DRAF"
    cover = _flat(pages[0])
    assert "MASTERPLAN SMART CITY" in cover and "KABUPATEN BATANG" in cover
    assert "Tahun 2024–2033" in cover and "Provinsi" in cover
    assert "LAMPIRAN PERATURAN BUPATI BATANG NOMOR … TENTANG" in cover
    for workflow in ("Status", "Draf ", "Dibuat", "Diproduksi", str(datetime.date.today().year)):
        assert workflow not in cover.replace("DRAF", ""), workflow
    summary = _texts(rendered.draft_summary)
    assert all("DRAF" in page.split() for page in summary)
    assert "Draf" not in _flat(summary[0])


@pytest.mark.slow
def test_the_status_and_date_are_in_the_files_properties(rendered: Documents) -> None:
    info = subprocess.run(
        ["/usr/bin/pdfinfo", "-"], input=rendered.draft_pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Status: Draf. Dibuat pada" in info
    properties = docx.Document(io.BytesIO(rendered.draft_docx)).core_properties
    assert properties.content_status == "Draf"
    assert properties.comments.startswith("Status: Draf. Dibuat pada")
    assert properties.created is not None


@pytest.mark.slow
def test_an_approved_or_legalised_masterplan_has_no_watermark(rendered: Documents) -> None:
    for data in (rendered.approved_pdf, rendered.legalised_pdf):
        assert not any("DRAF" in page.split() for page in _texts(data))


@pytest.mark.slow
def test_the_signature_page_names_the_head_and_the_decree(rendered: Documents) -> None:
    pages = [_flat(page) for page in _texts(rendered.legalised_pdf)]
    last = pages[-1]
    assert last.startswith("BAB VIII Penutup")
    assert (
        "Ditetapkan dengan Peraturan Bupati Batang Nomor 12 Tahun 2025 tanggal 3 Maret 2025" in last
    )
    assert "BUPATI BATANG," in last and HEAD in last
    assert f"NOMOR {DECREE.upper()} TENTANG" in pages[0]
    draft_last = _flat(_texts(rendered.draft_pdf)[-1])
    assert "Peraturan Bupati Batang Nomor … tanggal …" in draft_last and HEAD in draft_last


@pytest.mark.slow
def test_the_chapters_come_in_the_customary_order(rendered: Documents) -> None:
    pages = [_flat(page) for page in _texts(rendered.draft_pdf)]
    foreword = next(i for i, page in enumerate(pages) if page.startswith("Kata Pengantar"))
    contents = next(i for i, page in enumerate(pages) if page.startswith("Daftar isi"))
    assert 0 < foreword < contents
    assert "Puji syukur" in pages[foreword] and HEAD in pages[foreword]
    starts = [(i, m.group(0)) for i, page in enumerate(pages) if (m := BAB.match(page))]
    assert [numeral.split()[1] for _i, numeral in starts] == ROMAN
    assert all(contents < i for i, _n in starts)
    titles = [_flat(pages[i])[:40] for i, _n in starts]
    expected = [
        "BAB I Pendahuluan",
        "BAB II Gambaran Umum Daerah",
        "BAB III Analisis Kondisi Daerah",
        "BAB IV Visi, Misi dan Sasaran",
        "BAB V Strategi Pengembangan Smart City",
        "BAB VI Program dan Rencana Aksi",
        "BAB VII Rencana Implementasi",
        "BAB VIII Penutup",
    ]
    assert [t[: len(e)] for t, e in zip(titles, expected, strict=True)] == expected
    introduction = pages[starts[0][0]]
    for section in ("1.1 Latar Belakang", "1.2 Dasar Hukum", "1.3 Maksud dan Tujuan"):
        assert section in introduction
    assert "Kawasan Industri Terpadu Batang" in introduction
    text = " ".join(pages)
    assert "1.4 Ruang Lingkup" in text
    assert "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah" in text
    assert "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis" in text


@pytest.mark.slow
def test_program_pages_are_legible_in_print(rendered: Documents) -> None:
    sizes = rendered.sizes
    assert len(sizes) > 200
    # A word's box is about 1.12 times its type size: text of 8.5 pt and more (9 pt in
    # the program blocks, 8.5 pt in the budget tables); only the footers are smaller.
    small = [s for s in sizes if s < 8.5 * 1.1]
    assert len(small) / len(sizes) < 0.05, sorted(small)[:20]


def test_the_roadmap_names_each_program_beside_its_bar(batang: Region) -> None:
    plan = build_synthetic_masterplan(batang, programs=60, seed=6)
    with translation.override("id"):
        gathered = content.gather(plan)
    pages = charts.roadmap_pages(gathered.dimensions)
    assert len(pages) >= 2 and all(len(rows) <= charts.ROADMAP_ROWS for rows in pages)
    figure = charts.roadmap_figure(pages[0], gathered.first_year, gathered.last_year)
    shown = [tick.get_text() for tick in figure.axes[0].get_yticklabels()]
    named = [label for label, program in pages[0] if program is not None]
    assert shown == [label for label, _program in pages[0]]
    first = gathered.dimensions[0].programs[0]
    assert named[0] == f"{first.number} {first.name}"
    labelled = {p.name for rows in pages for _label, p in rows if p is not None}
    assert labelled == {p.name for p in gathered.programs}
    drawn = charts.draw_all(gathered)
    assert len(drawn.roadmaps) == len(pages) and drawn.roadmap.startswith(b"\x89PNG")


# The DOCX -----------------------------------------------------------------------------


def _xml(data: bytes, part: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode()


@pytest.mark.slow
def test_the_docx_has_a_real_table_of_contents_field(rendered: Documents) -> None:
    body = _xml(rendered.draft_docx, "word/document.xml")
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", body)
    assert any(i.strip().startswith("TOC ") for i in instructions)
    assert 'w:fldCharType="begin"' in body and 'w:fldCharType="end"' in body
    assert "Table of Contents" in body  # the block Word and LibreOffice know as contents
    assert '<w:updateFields w:val="true"/>' in _xml(rendered.draft_docx, "word/settings.xml")
    for heading in ("Kata Pengantar", "BAB I Pendahuluan", "1.2 Dasar Hukum", "BAB VIII Penutup"):
        assert heading in body


@pytest.mark.slow
def test_the_docx_is_in_the_pdfs_font(rendered: Documents) -> None:
    styles = _xml(rendered.draft_docx, "word/styles.xml")
    fonts = set(re.findall(r'w:ascii="([^"]+)"', styles))
    assert fonts == {"Liberation Sans"}
    assert "asciiTheme" not in styles


@pytest.mark.slow
def test_the_docx_lists_the_legal_basis_and_signature(rendered: Documents) -> None:
    document = docx.Document(io.BytesIO(rendered.legalised_docx))
    text = "\n".join(p.text for p in document.paragraphs)
    for regulation in NATIONAL_REGULATIONS:
        assert regulation in text
    assert "1.\tPasal 18 ayat (6)" in text
    assert f"{HEAD}" in text and "BUPATI BATANG," in text
    assert f"Peraturan Bupati Batang Nomor {DECREE} tanggal 3 Maret 2025" in text
    cover = "\n".join(p.text for p in document.paragraphs[:20])
    assert "Draf" not in cover and "Status" not in cover


@pytest.mark.slow
def test_a_draft_docx_carries_a_watermark_until_approval(rendered: Documents) -> None:
    def headers(data: bytes) -> str:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.startswith("word/header")]
            return "".join(archive.read(n).decode() for n in names)

    draft = headers(rendered.draft_docx)
    assert draft.count('string="DRAF"') == 2  # the cover's header and the others'
    assert "DRAF" not in headers(rendered.legalised_docx)


@pytest.mark.slow
def test_numbers_of_programs_do_not_wrap_in_the_docx(rendered: Documents) -> None:
    document = docx.Document(io.BytesIO(rendered.draft_docx))
    numbered = [t for t in document.tables if t.rows and t.rows[0].cells[0].text in ("No.", "No")]
    assert numbered
    for table in numbered:
        grid = table._tbl.tblGrid.xpath("./w:gridCol/@w:w")
        assert int(grid[0]) >= int(1.4 * 567)  # room for "6.12.3.14" at 8-9 pt
        rows = table._tbl.xpath("./w:tr[position() > 1][not(w:tc/w:tcPr/w:gridSpan)]")
        assert rows and all(row.xpath("./w:tc[1]/w:tcPr/w:noWrap") for row in rows)


# Editing the texts ----------------------------------------------------------------------


def test_a_new_masterplan_starts_with_the_national_legal_basis(plan: Masterplan) -> None:
    assert plan.legal_basis == default_legal_basis()
    assert plan.legal_basis.splitlines()[0].startswith("Pasal 18 ayat (6)")
    assert "Peraturan Pemerintah Nomor 95" not in plan.legal_basis  # SPBE is a Perpres


def test_the_coordinator_edits_the_introduction_on_its_page(plan: Masterplan, users: Any) -> None:
    url = page_url(plan, "introduction")
    coordinator = client_as(users["coordinator"])
    page = coordinator.get(url).content.decode()
    assert "Undang-Undang Nomor 25 Tahun 2004" in page and 'name="legal_basis"' in page
    data = {
        "foreword": "Puji syukur.",
        "background": "Latar.",
        "legal_basis": "Perda Kabupaten Batang Nomor 5 Tahun 2021 tentang RPJMD\n"
        + plan.legal_basis,
        "purpose": "Maksud.",
        "scope": "Ruang lingkup.",
        "head_name": HEAD,
        "head_title": "Bupati Batang",
    }
    response = coordinator.post(url, data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.legal_basis.startswith("Perda Kabupaten Batang Nomor 5 Tahun 2021")
    assert plan.head_name == HEAD and plan.foreword == "Puji syukur."
    # Readers see the texts, without a form; others do not see the page at all.
    officer = client_as(users["opd_officer"]).get(url).content.decode()
    assert "Perda Kabupaten Batang Nomor 5" in officer and 'name="legal_basis"' not in officer
    assert client_as(users["opd_officer"]).post(url, data).status_code == 403
    assert client_as(users["other_coordinator"]).get(url).status_code == 404


def test_the_page_refuses_what_cannot_be_printed(plan: Masterplan, users: Any) -> None:
    url = page_url(plan, "introduction")
    response = client_as(users["coordinator"]).post(
        url, {"legal_basis": "x" * 20_001, "head_name": "A" * 201}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_legal_basis"' in body and "is-invalid" in body
    plan.refresh_from_db()
    assert plan.legal_basis == default_legal_basis() and plan.head_name == ""


def test_the_api_edits_the_legal_basis_and_names_bad_fields(plan: Masterplan, users: Any) -> None:
    client = client_as(users["coordinator"])
    url = f"/api/v1/masterplans/{plan.pk}/overview"
    assert client.get(url).json()["legal_basis"] == default_legal_basis()
    response = client.patch(
        url,
        {"legal_basis": "UU 23/2014\nPerpres 95/2018", "head_title": "Bupati Batang"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["legal_basis"] == "UU 23/2014\nPerpres 95/2018"
    for field, value in (("head_name", "Ahmad\nSantoso"), ("legal_basis", "x" * 20_001)):
        bad = client.patch(url, {field: value}, content_type="application/json")
        assert bad.status_code == 422
        assert field in {f["field"] for f in bad.json()["error"]["fields"]}
    plan.refresh_from_db()
    assert plan.head_title == "Bupati Batang" and plan.head_name == ""
    other = client_as(users["other_coordinator"])
    refused = other.patch(url, {"legal_basis": ""}, content_type="application/json")
    assert refused.status_code == 404
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service
        services.update_overview(users["opd_officer"], plan, legal_basis="")


def test_head_title_defaults_to_the_regions_head(batang: Region) -> None:
    plan = build_synthetic_masterplan(batang, programs=6, seed=1)
    with translation.override("id"):
        gathered = content.gather(plan)
        assert labels.head_title(gathered) == "Bupati Batang"
        assert labels.regulation(gathered) == "Peraturan Bupati Batang"
        gathered.region_kind, gathered.region = "kota", "Kota Semarang"
        assert labels.head_title(gathered) == "Wali Kota Semarang"
