"""Uploaded files open, for exactly the people who see the object they belong to.

Evidence of an application, an agreement's scan, a council's decree and an OPD's
commitment scan: every role against every download (the cross-region role matrix),
the headers a browser needs, the URL the API gives and the link on the page; and
MEDIA_URL serves nothing.
"""

from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import Agreement, AssessorAssignment
from tests import files
from tests.openapi import assert_matches_schema
from tests.program.conftest import answer_all
from tests.world import sign_the_paperwork

PDF = files.PDF
PNG = files.PNG

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
# Who sees Batang's private records (agreements, bodies, OPDs): the region's people, the
# staff assigned to it and the office.
REGION_VIEWERS = {"program_office", "assessor", "mentor", "coordinator", "opd_officer"}
# Who sees an application: the region, the assessors assigned to it and the office.
APPLICATION_VIEWERS = {"program_office", "assessor", "coordinator", "opd_officer"}


def _pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def people(users, make_user):  # type: ignore[no-untyped-def]
    return {**users, "unassigned_assessor": make_user("asesor-lain", Role.ASSESSOR)}


@pytest.fixture
def files(users, cohort, batang):  # type: ignore[no-untyped-def]
    """Batang's application with evidence, its signed agreement with a scan, its
    council with a decree and an OPD's commitment with a scan."""
    coordinator, office = users["coordinator"], users["program_office"]
    application = services.start_application(coordinator, cohort, batang)
    answer_all(coordinator, application)
    evidence = services.add_evidence(
        coordinator,
        application,
        "kebijakan",
        SimpleUploadedFile("Perbup SPBE — Batang.pdf", PDF, content_type="application/pdf"),
    )
    photo = services.add_evidence(
        coordinator, application, "tik", SimpleUploadedFile("ruang server.png", PNG)
    )
    services.submit_application(coordinator, application)
    AssessorAssignment.objects.create(application=application, assessor=users["assessor"])
    opd = users["opd_officer"].opd
    agreement = sign_the_paperwork(office, coordinator, application, opd)
    return {
        "evidence": f"/program/applications/{application.pk}/evidence/{evidence.pk}/",
        "photo": f"/program/applications/{application.pk}/evidence/{photo.pk}/",
        "agreement": f"/program/agreements/{agreement.pk}/scan/",
        "decree": "/program/regions/33.25/bodies/council/decree/",
        "commitment": f"/program/opds/{opd.pk}/commitment/scan/",
        "application_id": application.pk,
        "agreement_id": agreement.pk,
        "opd_id": opd.pk,
    }


def _client(people, role: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("evidence", APPLICATION_VIEWERS),
        ("photo", APPLICATION_VIEWERS),
        ("agreement", REGION_VIEWERS),
        ("decree", REGION_VIEWERS),
        ("commitment", REGION_VIEWERS),
    ],
)
def test_download_role_matrix(people, files, role, kind, allowed) -> None:  # type: ignore[no-untyped-def]
    response = _client(people, role).get(files[kind])
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in allowed:
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body == (PNG if kind == "photo" else PDF)
    else:
        # An outsider does not learn that the file, or its object, exists.
        assert response.status_code == 404


def test_download_headers_name_and_type(people, files) -> None:  # type: ignore[no-untyped-def]
    client = _client(people, "assessor")
    evidence = client.get(files["evidence"])
    assert evidence["Content-Type"] == "application/pdf"
    assert evidence["X-Content-Type-Options"] == "nosniff"
    disposition = evidence["Content-Disposition"]
    assert disposition.startswith('inline; filename="Perbup SPBE_Batang.pdf"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Perbup SPBE — Batang.pdf"
    photo = client.get(files["photo"])
    assert photo["Content-Type"] == "image/png"
    assert 'filename="ruang server.png"' in photo["Content-Disposition"]
    agreement = client.get(files["agreement"])
    assert agreement["Content-Type"] == "application/pdf"
    assert "Kabupaten Batang" in unquote(agreement["Content-Disposition"])


def test_bearer_token_opens_a_download_from_the_api(people, files) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.accounts.services import create_token

    raw = create_token(people["assessor"], "Unduh bukti")[1]
    response = Client().get(files["evidence"], HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_media_url_serves_nothing(people, files) -> None:  # type: ignore[no-untyped-def]
    agreement = Agreement.objects.get(pk=files["agreement_id"])
    assert agreement.scan.name
    office = _client(people, "program_office")
    assert office.get(f"/media/{agreement.scan.name}").status_code == 404


def test_api_gives_each_files_download_url(people, files) -> None:  # type: ignore[no-untyped-def]
    client = _client(people, "coordinator")
    application = client.get(f"/api/v1/applications/{files['application_id']}")
    assert application.status_code == 200
    assert_matches_schema(application)
    urls = {
        e["original_name"]: e["url"]
        for answer in application.json()["answers"]
        for e in answer["evidence"]
    }
    assert urls == {
        "Perbup SPBE — Batang.pdf": files["evidence"],
        "ruang server.png": files["photo"],
    }
    agreement = client.get(f"/api/v1/agreements/{files['agreement_id']}")
    assert_matches_schema(agreement)
    assert agreement.json()["scan_url"] == files["agreement"]
    bodies = client.get("/api/v1/regions/33.25/bodies")
    assert_matches_schema(bodies)
    assert bodies.json()[0]["decree_url"] == files["decree"]
    commitment = client.put(
        f"/api/v1/opds/{files['opd_id']}/commitment",
        {"signed_by": "Kepala Dinkes", "signed_on": "2023-08-02"},
        content_type="application/json",
    )
    assert_matches_schema(commitment)
    assert commitment.json()["scan_url"] == files["commitment"]
    for url in (files["evidence"], files["agreement"], files["decree"], files["commitment"]):
        assert client.get(url).status_code == 200


def test_pages_link_to_the_files(people, files) -> None:  # type: ignore[no-untyped-def]
    coordinator = _client(people, "coordinator")
    application = coordinator.get(f"/program/applications/{files['application_id']}/").content
    assert f'href="{files["evidence"]}"'.encode() in application
    assessor = _client(people, "assessor")
    assignment = AssessorAssignment.objects.get(assessor=people["assessor"])
    scoring = assessor.get(f"/program/assignments/{assignment.pk}/").content
    assert f'href="{files["evidence"]}"'.encode() in scoring
    assert f'href="{files["photo"]}"'.encode() in scoring
    agreement = coordinator.get(f"/program/agreements/{files['agreement_id']}/").content
    assert f'href="{files["agreement"]}"'.encode() in agreement
    council = coordinator.get("/program/regions/33.25/bodies/council/").content
    assert f'href="{files["decree"]}"'.encode() in council
    commitment = coordinator.get(f"/program/opds/{files['opd_id']}/commitment/").content
    assert f'href="{files["commitment"]}"'.encode() in commitment
    opd_page = coordinator.get(f"/regions/opds/{files['opd_id']}/").content
    assert f'href="{files["commitment"]}"'.encode() in opd_page
