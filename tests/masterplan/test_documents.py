"""Masterplan documents: DOCX (python-docx, LibreOffice opens it) and PDF (WeasyPrint), the
executive summary, the background job, the API and its permissions.

The documents of one small synthetic masterplan (12 programs) are rendered once for the
module inside a transaction rolled back at the end; tests read the bytes."""

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.utils import translation

from kotacerdas.core.models import Job, JobStatus
from kotacerdas.core.money import format_rupiah, rupiah_in_words
from kotacerdas.masterplan import documents, services, tasks
from kotacerdas.masterplan.documents import content, labels
from kotacerdas.masterplan.documents.rows import lines
from kotacerdas.masterplan.models import Masterplan, Program
from kotacerdas.regions.models import Region
from kotacerdas.seed.synthetic import build_synthetic_masterplan
from tests.openapi import assert_matches_schema
from tests.queries import assert_queries

RUPIAH = re.compile(r"Rp\d{1,3}(?:\.\d{3})+")


@dataclass(frozen=True)
class Rendered:
    region: str
    program: str
    total: int
    headings_id: list[str]
    docx_id: bytes
    docx_en: bytes
    pdf_id: documents.Rendered
    summary_docx: bytes
    summary_pdf: documents.Rendered


@pytest.fixture(scope="module")
def rendered(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Rendered]:
    with django_db_blocker.unblock(), transaction.atomic():
        plan = build_synthetic_masterplan(Region.objects.get(pk="33.25"), programs=12, seed=1)
        with translation.override("id"):
            headings = [h.text for h in labels.chapters(content.gather(plan)) if h.level == 1]
        yield Rendered(
            region=plan.region.name,
            program=plan.programs.order_by("name").first().name,  # type: ignore[union-attr]
            total=services.check_masterplan(plan).budget.total,
            headings_id=headings,
            docx_id=documents.render(plan, fmt="docx").data,
            docx_en=documents.render(plan, fmt="docx", language="en").data,
            pdf_id=documents.render(plan, fmt="pdf"),
            summary_docx=documents.render(plan, fmt="docx", summary=True).data,
            summary_pdf=documents.render(plan, fmt="pdf", summary=True),
        )
        transaction.set_rollback(True)


def _docx_text(data: bytes) -> tuple[list[tuple[str, str]], str]:
    """(style, text) of each body paragraph, and all text including table cells."""
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return paragraphs, "\n".join([t for _s, t in paragraphs] + cells)


def _run(*command: str, timeout: int = 60) -> str:
    """A Debian tool (poppler-utils, LibreOffice) on files this test wrote."""
    return subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True, timeout=timeout
    ).stdout


def _pdf_text(path: Path) -> str:
    return _run("/usr/bin/pdftotext", "-layout", str(path), "-")


def _pdf_pages(path: Path) -> int:
    info = _run("/usr/bin/pdfinfo", str(path))
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def test_synthetic_masterplan_passes_the_checker_and_is_deterministic(batang: Region) -> None:
    def build() -> tuple[Masterplan, list[tuple[str, str, int, int]]]:
        plan = build_synthetic_masterplan(batang, programs=30, seed=7)
        shape = [
            (p.name, p.horizon, p.start_year, sum(b.amount for b in p.budget.all()))
            for p in plan.programs.prefetch_related("budget").order_by("pk")
        ]
        return plan, shape

    plan, first = build()
    report = services.check_masterplan(plan)
    assert report.can_submit and report.completeness == 100, report.findings
    programs = list(plan.programs.select_related("element__dimension"))
    assert len({p.element.dimension.code for p in programs}) == 6
    assert {p.horizon for p in programs} == {"quick_win", "short", "medium", "long"}
    long = next(p for p in programs if p.horizon == "long")
    assert (long.start_year, long.end_year) == (2024, 2033)
    assert sorted(t.year for t in long.indicators.first().targets.all()) == list(range(2024, 2034))  # type: ignore[union-attr]
    plan.delete()
    assert build()[1] == first
    with pytest.raises(ValueError, match="already has a masterplan"):
        build_synthetic_masterplan(batang, programs=30, seed=7)


def test_seed_national_adds_masterplans_of_realistic_size(db: Any) -> None:
    from kotacerdas.seed.national import seed_masterplans, seed_national

    seed_national(scale=0.02, seed=5)
    assert seed_masterplans(3, seed=5, scale=0.02) == 3
    plans = list(Masterplan.objects.order_by("region_id"))
    assert [p.programs.count() for p in plans] == [40, 40, 40]
    assert all(services.check_masterplan(p).can_submit for p in plans)
    # Deterministic and idempotent: the same seed picks the same regions, which are kept.
    assert seed_masterplans(3, seed=5, scale=0.02) == 0
    assert Masterplan.objects.count() == 3
    with pytest.raises(ValueError):
        seed_masterplans(-1)


@pytest.mark.slow
def test_docx_opens_with_headings_programs_and_the_total_in_words(rendered: Rendered) -> None:
    paragraphs, text = _docx_text(rendered.docx_id)
    assert rendered.region in text and "Masterplan Smart City" in text
    chapters = [t for style, t in paragraphs if style == "Heading 1"]
    assert chapters == rendered.headings_id
    # The contents list the chapters before Word or LibreOffice computes the field.
    body = docx.Document(io.BytesIO(rendered.docx_id)).element.body
    contents = body.xpath("./w:sdt//w:t/text()")
    assert all(title in contents for title in chapters)
    assert rendered.program in text
    assert format_rupiah(rendered.total) in text and RUPIAH.search(text)
    assert rupiah_in_words(rendered.total, "id") in text
    assert "Layanan publik" in text  # element names in the document's language
    document = docx.Document(io.BytesIO(rendered.docx_id))
    assert "TOC \\o" in document.element.xml
    assert len(document.tables) > 10
    # What a file manager or Word's properties show: the region, not the library.
    properties = document.core_properties
    assert properties.title == f"Masterplan Smart City {rendered.region} 2024–2033"
    assert properties.author == rendered.region and "python-docx" not in properties.comments
    summary = docx.Document(io.BytesIO(rendered.summary_docx)).core_properties
    assert summary.title == f"Ringkasan eksekutif: {properties.title}"


@pytest.mark.slow
def test_english_on_request(rendered: Rendered) -> None:
    paragraphs, text = _docx_text(rendered.docx_en)
    chapters = [t for style, t in paragraphs if style == "Heading 1"]
    assert chapters[:3] == [
        "Foreword",
        "Chapter I Introduction",
        "Chapter II Overview of the region",
    ]
    assert chapters[-1] == "Chapter VIII Closing"
    assert "Public service" in text and "Layanan publik" not in text
    assert rupiah_in_words(rendered.total, "en") in text


def _pictures_under_headings(data: bytes) -> list[str]:
    """For each picture in the document, the heading it comes under."""
    document = docx.Document(io.BytesIO(data))
    under, found = "", []
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name.startswith("Heading"):
            under = paragraph.text
        if paragraph._p.xpath(".//w:drawing"):
            found.append(under)
    return found


@pytest.mark.slow
def test_the_charts_are_pictures_in_their_places(rendered: Rendered) -> None:
    # Drawn in a child process while the text is written, then put where they belong.
    assert _pictures_under_headings(rendered.docx_en) == [
        "3.3 Readiness per pillar",
        "6.7 Budget summary",
        "6.8 10-year roadmap",
    ]
    assert len(docx.Document(io.BytesIO(rendered.summary_docx)).inline_shapes) == 3


@pytest.mark.slow
def test_weasyprint_pdf_has_the_expected_page_text(rendered: Rendered, tmp_path: Path) -> None:
    path = tmp_path / rendered.pdf_id.filename
    path.write_bytes(rendered.pdf_id.data)
    assert rendered.pdf_id.filename == "masterplan-batang-2024-2033.pdf"
    text = _pdf_text(path)
    flat = " ".join(text.split())
    assert rendered.region in text and rendered.program in flat
    assert all(title in flat for title in rendered.headings_id)
    assert format_rupiah(rendered.total) in text
    assert rupiah_in_words(rendered.total, "id") in flat
    assert _pdf_pages(path) == rendered.pdf_id.pages >= 8


@pytest.mark.slow
def test_summary_is_two_to_four_pages(rendered: Rendered, tmp_path: Path) -> None:
    assert 2 <= rendered.summary_pdf.pages <= 4  # type: ignore[operator]
    assert rendered.summary_pdf.filename == "masterplan-batang-2024-2033-ringkasan.pdf"
    path = tmp_path / "summary.pdf"
    path.write_bytes(rendered.summary_pdf.data)
    flat = " ".join(_pdf_text(path).split())
    assert format_rupiah(rendered.total) in flat and rupiah_in_words(rendered.total, "id") in flat


def test_the_summary_of_a_large_masterplan_stays_within_four_pages(batang: Region) -> None:
    plan = build_synthetic_masterplan(batang, programs=150)
    summary = documents.render(plan, fmt="pdf", summary=True, language="en")
    assert 2 <= summary.pages <= 4  # type: ignore[operator]
    assert summary.filename == "masterplan-batang-2024-2033-summary-en.pdf"


@pytest.mark.slow
def test_libreoffice_converts_the_docx_files(rendered: Rendered, tmp_path: Path) -> None:
    full, summary = tmp_path / "full.docx", tmp_path / "summary.docx"
    full.write_bytes(rendered.docx_id)
    summary.write_bytes(rendered.summary_docx)
    out = tmp_path / "out"
    _run(
        "/usr/bin/libreoffice",
        f"-env:UserInstallation=file://{tmp_path}/lo-profile",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(full),
        str(summary),
        timeout=300,
    )
    text = " ".join(_pdf_text(out / "full.pdf").split())
    assert rendered.region in text and rendered.program in text
    assert rupiah_in_words(rendered.total, "id") in text
    assert 2 <= _pdf_pages(out / "summary.pdf") <= 4


def test_gathering_reads_a_fixed_number_of_queries(
    batang: Region,
) -> None:
    plan = build_synthetic_masterplan(batang, programs=60)
    with assert_queries("service masterplan.documents.content.gather (60 programs)"):
        gathered = content.gather(plan)
    assert len(gathered.programs) == 60


@pytest.fixture
def small_plan(users: dict[str, Any], batang: Region) -> Masterplan:
    """Batang's masterplan of 12 programs, with an account per role (see `users`)."""
    return build_synthetic_masterplan(batang, programs=12, seed=3)


def test_the_job_reports_progress_and_saves_a_named_file(
    users: dict[str, Any], small_plan: Masterplan, django_capture_on_commit_callbacks: Any
) -> None:
    plan = small_plan
    job = Job.objects.create(
        kind=tasks.MASTERPLAN_DOCUMENT,
        requested_by=users["coordinator"],
        params={"masterplan_id": plan.pk, "fmt": "docx", "summary": False, "language": "id"},
    )
    seen: list[int] = []
    tasks.render_masterplan_document(job, lambda percent, message: seen.append(percent))
    assert seen == sorted(seen) and len(seen) >= 4 and seen[-1] == 90
    assert job.result_file.name == f"jobs/{job.pk}/masterplan-batang-2024-2033.docx"

    with django_capture_on_commit_callbacks(execute=True):
        queued = services.request_document(users["opd_officer"], plan, fmt="pdf", language="en")
    queued.refresh_from_db()
    assert queued.status == JobStatus.SUCCEEDED and queued.progress == 100
    assert queued.result_file.name.endswith("/masterplan-batang-2024-2033-en.pdf")
    assert queued.result_file.read()[:5] == b"%PDF-"
    assert list(services.documents_of(plan)) == [queued, job]


def test_the_job_says_which_document_it_made(
    users: dict[str, Any], small_plan: Masterplan, django_capture_on_commit_callbacks: Any
) -> None:
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        job = services.request_document(
            users["coordinator"], small_plan, fmt="pdf", summary=True, language="en"
        )
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.language == "id"
    assert job.message == ""  # done: no "saving..." left behind
    client = Client()
    client.force_login(users["coordinator"])
    client.cookies["django_language"] = "en"
    listed = client.get("/jobs/").content.decode()
    described = "Kabupaten Batang 2024–2033 · executive summary · PDF · English"
    assert described in listed
    assert f'href="/jobs/{job.pk}/download/"' in listed  # the result, straight from the list
    api = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert api["description"] == described


def test_a_failed_render_keeps_its_error(
    users: dict[str, Any], small_plan: Masterplan, django_capture_on_commit_callbacks: Any
) -> None:
    plan = small_plan
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_document(users["coordinator"], plan, fmt="docx")
        Masterplan.objects.filter(pk=plan.pk).delete()  # gone before the job runs
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and not job.result_file
    assert job.error == "The masterplan was deleted before its document was made."


def test_bad_format_or_language_is_refused_and_nothing_is_queued(
    users: dict[str, Any], small_plan: Masterplan
) -> None:
    plan = small_plan
    with pytest.raises(ValidationError) as error:
        services.request_document(users["coordinator"], plan, fmt="odt", language="fr")
    assert set(error.value.message_dict) == {"fmt", "language"}
    client = Client()
    client.force_login(users["coordinator"])
    url = f"/api/v1/masterplans/{plan.pk}/documents"
    for body, field in (({"fmt": "odt"}, "fmt"), ({"fmt": "pdf", "language": "fr"}, "language")):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422
        assert [f["field"] for f in response.json()["error"]["fields"]] == [field]
    assert not Job.objects.exists()


def test_only_those_who_see_the_masterplan_get_its_documents(
    users: dict[str, Any], small_plan: Masterplan
) -> None:
    plan = small_plan
    url = f"/api/v1/masterplans/{plan.pk}/documents"
    for role in ("other_coordinator", "no_role"):
        client = Client()
        client.force_login(users[role])
        response = client.post(url, {"fmt": "docx"}, content_type="application/json")
        assert response.status_code == 404, role
        assert client.get(url).status_code == 404
    assert Client().post(url, {"fmt": "docx"}, content_type="application/json").status_code == 401
    with pytest.raises(PermissionDenied):
        services.request_document(users["other_coordinator"], plan, fmt="docx")
    assert not Job.objects.exists()


def test_api_queues_a_document_and_lists_them(
    users: dict[str, Any], small_plan: Masterplan
) -> None:
    plan = small_plan
    url = f"/api/v1/masterplans/{plan.pk}/documents"
    for role in ("opd_officer", "mentor", "coordinator"):
        client = Client()
        client.force_login(users[role])
        response = client.post(
            url, {"fmt": "pdf", "summary": True, "language": "en"}, content_type="application/json"
        )
        assert response.status_code == 202, (role, response.content)
        assert_matches_schema(response)
        body = response.json()
        assert body["status"] == "queued" and body["fmt"] == "pdf" and body["summary"] is True
        assert body["links"]["job"] == f"/api/v1/jobs/{body['id']}"
    with assert_queries("api GET /api/v1/masterplans/{masterplan_id}/documents (3 documents)"):
        listed = client.get(url)
    assert listed.status_code == 200
    assert_matches_schema(listed)
    assert [item["id"] for item in listed.json()["items"]] == [
        str(job.pk) for job in services.documents_of(plan)
    ]
    assert listed.json()["count"] == 3
    assert Program.objects.filter(masterplan=plan).count() == 12


def test_list_marks_typed_in_a_text_are_not_doubled_by_the_documents() -> None:
    typed = (
        "1. Penetapan masterplan\n2) Pembentukan tim\n\n- Sosialisasi\n• Evaluasi\n2025: uji coba"
    )
    assert lines(typed) == [
        "Penetapan masterplan",
        "Pembentukan tim",
        "Sosialisasi",
        "Evaluasi",
        "2025: uji coba",
    ]
