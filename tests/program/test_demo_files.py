"""The demo's applications, agreements, decrees and commitments carry real files, which
open through their download routes as documents and photos."""

import io

import pikepdf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from kotacerdas.core.roles import Role
from kotacerdas.program.models import Agreement, AssessorAssignment, Commitment, Evidence
from kotacerdas.program.uploads import check_pdf
from kotacerdas.seed.accounts import SEED_REGIONS
from kotacerdas.seed.program import NEW_ASSESSOR, load_program_demo
from kotacerdas.seed.program_files import photo, simple_pdf


def test_simple_pdf_is_a_real_pdf_with_its_text() -> None:
    data = simple_pdf("NOTA KESEPAKATAN", ["Nomor: 1/KOMINFO (uji) \\ é — ✓"], footer="x")
    check_pdf(SimpleUploadedFile("x.pdf", data))
    document = pikepdf.open(io.BytesIO(data))
    assert len(document.pages) == 1
    content = document.pages[0].Contents.read_bytes()
    assert b"NOTA KESEPAKATAN" in content and b"\\(uji\\)" in content


def test_photo_is_a_jpeg() -> None:
    made = photo("Command center Kabupaten Batang", seed=1)
    assert made is not None
    data, extension, content_type = made
    assert (extension, content_type) == (".jpg", "image/jpeg")
    assert Image.open(io.BytesIO(data)).size == (640, 400)


def test_demo_files_open_for_the_assessor_and_the_region(make_user, make_opd, batang) -> None:  # type: ignore[no-untyped-def]
    office = make_user("demo-office", Role.PROGRAM_OFFICE)
    make_opd(batang, "Dinas Komunikasi dan Informatika", abbreviation="Diskominfo")
    load_program_demo(office, SEED_REGIONS)
    client = Client()
    client.force_login(office)

    # The new assessor's unscored work shows evidence that opens: documents and a photo.
    assessor = Client()
    assessor.force_login(
        AssessorAssignment.objects.filter(assessor__username=NEW_ASSESSOR)[0].assessor
    )
    assignment = AssessorAssignment.objects.filter(
        assessor__username=NEW_ASSESSOR, submitted_at=None
    ).first()
    assert assignment is not None
    page = assessor.get(f"/program/assignments/{assignment.pk}/").content.decode()
    files = Evidence.objects.filter(answer__application=assignment.application)
    assert {f.content_type for f in files} == {"application/pdf", "image/jpeg"}
    for evidence in files:
        url = f"/program/applications/{assignment.application_id}/evidence/{evidence.pk}/"
        assert f'href="{url}"' in page
        body = b"".join(assessor.get(url).streaming_content)
        if evidence.content_type == "application/pdf":
            assert len(pikepdf.open(io.BytesIO(body)).pages) == 1
        else:
            assert Image.open(io.BytesIO(body)).format == "JPEG"

    batang_agreement = Agreement.objects.get(application__region_id="33.25")
    scan = client.get(f"/program/agreements/{batang_agreement.pk}/scan/")
    assert scan.status_code == 200 and b"".join(scan.streaming_content).startswith(b"%PDF-")
    decree = client.get("/program/regions/33.25/bodies/council/decree/")
    assert decree.status_code == 200
    commitment = Commitment.objects.filter(opd__region=batang).first()
    assert commitment is not None
    assert commitment.scan
    opened = client.get(f"/program/opds/{commitment.opd_id}/commitment/scan/")
    assert opened.status_code == 200
