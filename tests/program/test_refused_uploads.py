"""A refused upload shows only the error and saves nothing: no row, no file."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.program import services
from kotacerdas.program.models import Commitment, RegionalBody
from tests import files

PDF = files.PDF


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _coordinator(users) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_refused_commitment_scan_is_not_reported_as_recorded(users) -> None:  # type: ignore[no-untyped-def]
    opd = users["opd_officer"].opd
    page = _coordinator(users).post(
        f"/program/opds/{opd.pk}/commitment/",
        {
            "signed_by": "Kepala Dinkes",
            "signed_on": "2023-08-01",
            "scan": SimpleUploadedFile("komitmen.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Only PDF or image files" in html or "Upload the scan as a PDF" in html
    assert "Recorded" not in html and "Tercatat" not in html
    assert not Commitment.objects.filter(opd=opd).exists()
    assert _stored_files() == []


def test_refused_scan_keeps_the_earlier_commitment_as_it_was(users) -> None:  # type: ignore[no-untyped-def]
    opd = users["opd_officer"].opd
    services.record_commitment(
        users["coordinator"], opd, signed_by="Kepala Lama", signed_on=date(2023, 8, 1)
    )
    page = _coordinator(users).post(
        f"/program/opds/{opd.pk}/commitment/",
        {
            "signed_by": "Kepala Baru",
            "signed_on": "2023-09-01",
            "scan": SimpleUploadedFile("k.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        },
    )
    html = page.content.decode()
    assert "Kepala Baru" not in html.split("<form", 1)[0]  # the summary above the form
    stored = Commitment.objects.get(opd=opd)
    assert stored.signed_by == "Kepala Lama" and not stored.scan
    assert _stored_files() == []


def test_commitment_invalid_after_the_scan_check_stores_no_file(users) -> None:  # type: ignore[no-untyped-def]
    opd = users["opd_officer"].opd
    with pytest.raises(ValidationError):
        services.record_commitment(
            users["coordinator"],
            opd,
            signed_by="x" * 400,  # longer than the column
            signed_on=date(2023, 8, 1),
            scan=SimpleUploadedFile("k.pdf", PDF),
        )
    assert _stored_files() == []


def test_decree_invalid_after_the_file_check_stores_no_file(users, batang) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.save_body(
            users["coordinator"],
            batang,
            kind="council",
            decree_number="x" * 200,  # longer than the column
            decree_date=date(2020, 1, 2),
            decree_file=SimpleUploadedFile("sk.pdf", PDF),
        )
    assert not RegionalBody.objects.exists()
    assert _stored_files() == []


def test_refused_agreement_scan_leaves_the_agreement_unsigned_on_the_page(  # type: ignore[no-untyped-def]
    users, cohort, batang
) -> None:
    from kotacerdas.program.models import Agreement
    from tests.program.conftest import submitted

    agreement = Agreement.objects.create(
        application=submitted(users["coordinator"], cohort, batang)
    )
    office = Client()
    office.force_login(users["program_office"])
    office.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = office.post(
        f"/program/agreements/{agreement.pk}/",
        {
            "step": "sign",
            "number": "26/KOMINFO/HK.03.02/05/2023",
            "signed_on": "2023-07-06",
            "mode": "virtual",
            "ministry_name": "Semuel",
            "ministry_position": "Dirjen Aptika",
            "region_name": "Wihaji",
            "region_position": "Bupati Batang",
            "scan": SimpleUploadedFile("nota.pdf", b"<html>not a pdf</html>"),
        },
    )
    html = page.content.decode()
    assert "Only PDF or image files" in html
    assert '<strong data-testid="agreement-status">Draft</strong>' in html
    assert "26/KOMINFO/HK.03.02/05/2023 ·" not in html
    stored = Agreement.objects.get(pk=agreement.pk)
    assert stored.status == "draft" and not stored.number and not stored.scan
    assert _stored_files() == []
