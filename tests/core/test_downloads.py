"""The one helper every download goes through: type, safe name, nosniff."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from kotacerdas.core.downloads import ascii_filename, safe_filename, serve_file
from kotacerdas.core.models import Job
from tests import files

PDF = files.PDF


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\SK Dewan.pdf", "SK Dewan.pdf"),
        ('a"b\r\nc.pdf', "a_b c.pdf"),
        ("", "download"),
        ("...", "download"),
        ("Nota Kesepakatan · Sarolangun.pdf", "Nota Kesepakatan · Sarolangun.pdf"),
    ],
)
def test_safe_filename_drops_paths_and_control_characters(raw, expected) -> None:  # type: ignore[no-untyped-def]
    assert safe_filename(raw) == expected


def test_long_names_keep_their_extension() -> None:
    name = safe_filename("x" * 400 + ".pdf")
    assert len(name) <= 150 and name.endswith(".pdf")


def test_ascii_fallback() -> None:
    assert ascii_filename("Bukti ✓ Dinas Kominfo — Sarolangun.pdf") == (
        "Bukti_Dinas Kominfo_Sarolangun.pdf"
    )
    assert ascii_filename("✓✓.pdf") == "download.pdf"


def _job_with_file(name: str, data: bytes) -> Job:
    job = Job.objects.create(kind="test")
    job.result_file.save(name, ContentFile(data))
    return job


@pytest.mark.django_db
def test_serve_file_sets_type_disposition_and_nosniff() -> None:
    job = _job_with_file("x.pdf", PDF)
    response = serve_file(job.result_file, "SK Tim Pelaksana — Batang")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('inline; filename="SK Tim Pelaksana_Batang.pdf"')
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "SK Tim Pelaksana — Batang.pdf"
    assert b"".join(response.streaming_content) == PDF  # type: ignore[arg-type]


@pytest.mark.django_db
def test_other_types_are_always_attachments() -> None:
    job = _job_with_file("page.html", b"<script>alert(1)</script>")
    response = serve_file(job.result_file, "page.html", inline=True)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "text/html"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_missing_file_is_404() -> None:
    job = Job.objects.create(kind="test")
    with pytest.raises(Http404):
        serve_file(job.result_file, "none.pdf")
    job.result_file.name = "jobs/gone.pdf"
    with pytest.raises(Http404):
        serve_file(job.result_file, "gone.pdf")


@pytest.mark.django_db
def test_job_download_is_for_its_requester_and_the_office(users) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    job = Job.objects.create(kind="regions_export", requested_by=users["coordinator"])
    job.result_file.save("regions-x.csv", ContentFile(b"code,name\n"))
    url = f"/jobs/{job.pk}/download/"
    for role, expected in [
        ("coordinator", 200),
        ("program_office", 200),
        ("other_coordinator", 404),
        ("assessor", 404),
    ]:
        client = Client()
        client.force_login(users[role])
        response = client.get(url)
        assert response.status_code == expected, role
    assert Client().get(url).status_code == 302
    client = Client()
    client.force_login(users["coordinator"])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="regions-x.csv"')
    assert "filename*=UTF-8''regions-x.csv" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
