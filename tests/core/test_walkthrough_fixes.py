"""Problems found walking the demo after issue 10: the region CSV in the asker's language,
a scan's download name, the favicon, the demo's worker line."""

import csv
import io
import logging
import sys

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from kotacerdas.core.downloads import serve_file
from kotacerdas.core.models import Job
from kotacerdas.core.supervisor import Supervisor
from kotacerdas.regions.models import Region
from kotacerdas.regions.tasks import EXPORT_REGIONS
from tests import files

PDF = files.PDF


def _export(user, language: str, capture) -> tuple[Job, list[list[str]]]:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    with capture(execute=True):
        response = client.post("/regions/export/", {"q": "33.25"})
    assert response.status_code in (200, 302)
    job = Job.objects.filter(kind=EXPORT_REGIONS).latest("created_at")
    rows = list(csv.reader(io.StringIO(job.result_file.read().decode("utf-8-sig"))))
    return job, rows


def test_the_region_csv_speaks_indonesian_to_who_asked_in_indonesian(  # type: ignore[no-untyped-def]
    users, batang, django_capture_on_commit_callbacks
) -> None:
    job, rows = _export(users["coordinator"], "id", django_capture_on_commit_callbacks)
    assert rows[0] == [
        "Kode wilayah",
        "Nama",
        "Jenis",
        "Kode provinsi",
        "Provinsi",
        "Kelompok pulau",
        "Zona waktu",
    ]
    assert rows[1] == ["33.25", batang.name, "Kabupaten", "33", batang.province.name, "Jawa", "WIB"]
    today = timezone.localdate().strftime("%Y%m%d")
    assert job.result_file.name.rsplit("/", 1)[-1] == f"wilayah-{today}.csv"
    client = Client()
    client.force_login(users["coordinator"])
    response = client.get(f"/jobs/{job.pk}/download/")
    assert f'filename="wilayah-{today}.csv"' in response["Content-Disposition"]


def test_the_region_csv_in_english_names_labels_and_keeps_codes(  # type: ignore[no-untyped-def]
    users, batang, django_capture_on_commit_callbacks
) -> None:
    Region.objects.filter(pk=batang.pk).update(
        island_group="maluku", timezone="Asia/Jayapura", name="=cmd|' /C calc'!A0"
    )
    job, rows = _export(users["coordinator"], "en", django_capture_on_commit_callbacks)
    assert rows[0] == [
        "Region code",
        "Name",
        "Type",
        "Province code",
        "Province",
        "Island group",
        "Time zone",
    ]
    assert rows[1][0] == "33.25" and rows[1][3] == "33"
    assert rows[1][1] == "'=cmd|' /C calc'!A0"  # the formula guard holds
    assert rows[1][2] == "Regency (kabupaten)"
    assert rows[1][5:] == ["Maluku", "WIT"]
    today = timezone.localdate().strftime("%Y%m%d")
    assert job.result_file.name.endswith(f"/regions-{today}.csv")


@pytest.mark.django_db
def test_a_scan_stored_without_extension_downloads_with_one() -> None:
    job = Job.objects.create(kind="test")
    job.result_file.save("scan", ContentFile(PDF))
    response = serve_file(job.result_file, "scan", content_type="application/pdf")
    assert response["Content-Disposition"].startswith('inline; filename="scan.pdf"')
    assert "filename*=UTF-8''scan.pdf" in response["Content-Disposition"]
    response = serve_file(job.result_file, "foto", content_type="image/jpeg")
    assert 'filename="foto.jpg"' in response["Content-Disposition"]
    # A name with its own extension keeps it.
    response = serve_file(job.result_file, "Nota.pdf", content_type="application/pdf")
    assert 'filename="Nota.pdf"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_favicon() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(".svg")
    assert "favicon" in response["Location"]


def test_the_worker_start_is_told_once(caplog) -> None:  # type: ignore[no-untyped-def]
    """The demo command says the worker started; the supervisor logs only restarts."""
    caplog.set_level(logging.INFO, logger="kotacerdas.core.supervisor")
    worker = Supervisor([sys.executable, "-c", "import time; time.sleep(30)"], "Worker")
    worker.start()
    try:
        assert not [r for r in caplog.records if "started" in r.getMessage()]
    finally:
        worker.stop()


def test_the_indonesian_catalogue_names_roles_one_way() -> None:
    """The mentor is "tenaga ahli" and the program office "Komite Pelaksana" everywhere."""
    import re
    from pathlib import Path

    from django.utils import translation

    import kotacerdas

    catalogue = Path(kotacerdas.__file__).parent / "locale/id/LC_MESSAGES/django.po"
    text = catalogue.read_text(encoding="utf-8")
    translated = " ".join(
        "".join(re.findall(r'"(.*)"', block))
        for block in re.findall(r'^msgstr[^\n]*\n(?:"[^\n]*\n)*', text, re.M)
    )
    # The role codes a person types in an import file stay as they are.
    words = re.sub(r"assessor, mentor,\s*coordinator", "", translated)
    words = re.sub(r"%\(\w+\)[sd]", "", words)  # placeholders such as %(mentor)s are no words
    assert not re.search(r"\bmentor", words, re.I)
    assert not re.search(r"kantor\s+program", words, re.I)
    with translation.override("id"):
        assert translation.gettext("Program office") == "Komite Pelaksana"
        submitted = translation.gettext(
            "Submitting freezes this state as a new version and sends it to the mentors. "
            "The checker must find no errors first."
        )
    assert "tenaga ahli" in submitted
    assert "setelah pemeriksa tidak menemukan kesalahan" in submitted
