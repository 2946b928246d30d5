"""The masterplan's files open for those who see the plan: the signed Perbup/Perwali
(whose API URL used to be a /media/ link answering 404) and the generated documents."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from kotacerdas.core.models import Job
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import tasks
from tests import files

PDF = files.PDF
DOCX = b"PK\x03\x04 a docx"
ROLES = [
    "program_office",
    "assessor",
    "unassigned_assessor",
    "mentor",
    "coordinator",
    "opd_officer",
    "other_coordinator",
    "no_role",
    "anonymous",
]
VIEWERS = {"program_office", "assessor", "mentor", "coordinator", "opd_officer"}


@pytest.fixture
def people(users, make_user):  # type: ignore[no-untyped-def]
    return {**users, "unassigned_assessor": make_user("asesor-lain", Role.ASSESSOR)}


@pytest.fixture
def legalised(plan):  # type: ignore[no-untyped-def]
    plan.legal_number = "12 Tahun 2025"
    plan.legal_file.save("perbup.pdf", ContentFile(PDF), save=False)
    plan.save()
    return plan


@pytest.fixture
def document(users, plan):  # type: ignore[no-untyped-def]
    job = Job.objects.create(
        kind=tasks.MASTERPLAN_DOCUMENT,
        requested_by=users["coordinator"],
        params={"masterplan_id": plan.pk, "fmt": "docx"},
        status="succeeded",
    )
    job.result_file.save(f"{job.pk}/masterplan-batang.docx", ContentFile(DOCX))
    return job


def _client(people, role: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_legal_document_role_matrix(people, legalised, document, role) -> None:  # type: ignore[no-untyped-def]
    client = _client(people, role)
    for url, content in (
        (f"/masterplans/{legalised.pk}/perbup.pdf", PDF),
        (f"/masterplans/{legalised.pk}/documents/{document.pk}/", DOCX),
    ):
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302
        elif role in VIEWERS:
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == content
            assert response["X-Content-Type-Options"] == "nosniff"
        else:
            assert response.status_code == 404


def test_legal_document_headers_and_api_url(people, legalised) -> None:  # type: ignore[no-untyped-def]
    client = _client(people, "coordinator")
    state = client.get(f"/api/v1/masterplans/{legalised.pk}/workflow")
    url = state.json()["legal_file"]
    assert url == f"/masterplans/{legalised.pk}/perbup.pdf"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = unquote(response["Content-Disposition"])
    assert "12 Tahun 2025" in disposition and "Batang" in disposition
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_generated_document_is_a_named_attachment(people, document) -> None:  # type: ignore[no-untyped-def]
    plan_id = document.params["masterplan_id"]
    response = _client(people, "mentor").get(f"/masterplans/{plan_id}/documents/{document.pk}/")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith(
        'attachment; filename="masterplan-batang.docx"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_links_files_to_their_download_routes_never_to_media(
    users, legalised, document
) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.seed.accounts import program_office_group

    office = users["program_office"]
    office.is_staff = True
    office.save()
    office.groups.add(program_office_group())
    client = _client(users, "program_office")
    for url, download in [
        (f"/admin/masterplan/masterplan/{legalised.pk}/change/", f"/masterplans/{legalised.pk}/"),
        (f"/admin/core/job/{document.pk}/change/", f"/jobs/{document.pk}/download/"),
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        body = page.content.decode()
        assert "/media/" not in body, url
        assert download in body, url
        assert 'type="file"' not in body, url
