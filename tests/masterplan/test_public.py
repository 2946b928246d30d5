"""The masterplan's public record (issue 12): anyone reads a region's masterplan status on
its public page; once legalised, the Perbup/Perwali's number and date, and downloads its
signed PDF without logging in. A plan not legalised shows nothing of its content and its
PDF route answers 404, even when a file is stored."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan, MasterplanStatus
from tests.masterplan.conftest_workflow import tiny_pdf

PERBUP = tiny_pdf("Peraturan Bupati Batang Nomor 12 Tahun 2025")


def english() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def legalise(coordinator, plan: Masterplan) -> Masterplan:  # type: ignore[no-untyped-def]
    """Through the service, from an approved plan (the review is tested elsewhere)."""
    Masterplan.objects.filter(pk=plan.pk).update(status=MasterplanStatus.APPROVED)
    plan.refresh_from_db()
    return services.legalise(
        coordinator,
        plan,
        number="12 Tahun 2025",
        date=date(2025, 3, 14),
        document=SimpleUploadedFile("scan 12.pdf", PERBUP, content_type="application/pdf"),
    )


def test_anyone_downloads_a_legalised_masterplan_from_the_region_page(users, plan) -> None:  # type: ignore[no-untyped-def]
    legalise(users["coordinator"], plan)
    client = english()
    page = client.get("/regions/33.25/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "2024–2033" in body and "Legalised" in body
    assert "Legalised by Perbup/Perwali 12 Tahun 2025 of 14 March 2025." in body
    link = f"/masterplans/{plan.pk}/legalised.pdf"
    assert f'href="{link}"' in body
    pdf = client.get(link)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content) == PERBUP
    disposition = pdf["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert (
        'filename="Masterplan Smart City Kabupaten Batang 2024-2033 - Perbup 12 Tahun 2025.pdf"'
        in disposition
    )
    assert pdf["X-Content-Type-Options"] == "nosniff"
    # The signed-in see the same public page and file.
    client.force_login(users["no_role"])
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    "status",
    [
        MasterplanStatus.DRAFT,
        MasterplanStatus.SUBMITTED,
        MasterplanStatus.CHANGES_REQUESTED,
        MasterplanStatus.APPROVED,
    ],
)
def test_a_plan_not_legalised_shows_its_status_only_and_no_pdf(users, plan, status) -> None:  # type: ignore[no-untyped-def]
    # A file stored before legalisation (a draft upload, an admin's slip) stays private.
    plan.legal_number = "99 Tahun 2099"
    plan.legal_file.save("perbup.pdf", ContentFile(PERBUP), save=False)
    plan.vision = "Batang kota cerdas rahasia"
    plan.status = status
    plan.save()
    client = english()
    body = client.get("/regions/33.25/").content.decode()
    expected = {
        MasterplanStatus.DRAFT: "In preparation",
        MasterplanStatus.CHANGES_REQUESTED: "In preparation",
        MasterplanStatus.SUBMITTED: "Under review",
        MasterplanStatus.APPROVED: "Approved, awaiting legalisation",
    }[status]
    assert f"2024–2033</strong>: {expected}" in body
    for secret in ("99 Tahun 2099", "legalised.pdf", "perbup.pdf", "rahasia", "Changes requested"):
        assert secret not in body
    assert client.get(f"/masterplans/{plan.pk}/legalised.pdf").status_code == 404
    # The office sees it privately, but the public route stays closed to everyone.
    client.force_login(users["program_office"])
    assert client.get(f"/masterplans/{plan.pk}/legalised.pdf").status_code == 404


def test_no_plan_no_pdf(db, batang) -> None:  # type: ignore[no-untyped-def]
    assert english().get("/masterplans/999999/legalised.pdf").status_code == 404
    body = english().get("/regions/33.25/").content.decode()
    assert "No masterplan has been started yet." in body


def test_a_legalised_plan_whose_file_is_gone_is_a_404(users, plan) -> None:  # type: ignore[no-untyped-def]
    legalise(users["coordinator"], plan)
    plan.legal_file.storage.delete(plan.legal_file.name)
    assert english().get(f"/masterplans/{plan.pk}/legalised.pdf").status_code == 404
