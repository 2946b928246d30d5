from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kotacerdas.program import services
from kotacerdas.program.models import Agreement, SelectionDecision, SelectionRun
from tests import files
from tests.program.conftest import submitted

MINISTRY = services.SignatoryInput("Semuel A. Pangerapan", "Direktur Jenderal Aptika", "ministry")
REGENT = services.SignatoryInput("Wihaji", "Bupati Batang", "region")


@pytest.fixture
def published(users, cohort, batang):  # type: ignore[no-untyped-def]
    """A published selection in which Batang is selected."""
    application = submitted(users["coordinator"], cohort, batang)
    run = SelectionRun.objects.create(
        cohort=cohort,
        run_by=users["program_office"],
        rules={},
        status="optimal",
        objective=Decimal("3.5"),
        greedy_objective=Decimal("3.5"),
        solve_seconds=0.01,
        published=True,
    )
    SelectionDecision.objects.create(
        run=run,
        application=application,
        optimiser_selected=True,
        in_top_n=True,
        selected=True,
        rank=1,
        score=Decimal("3.5"),
        reason="selected",
    )
    return application


def test_agreement_goes_from_draft_to_archived_recording_each_step(users, published) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    with pytest.raises(PermissionDenied):
        services.draft_agreements(users["coordinator"], published.cohort)
    [agreement] = services.draft_agreements(office, published.cohort)
    assert services.draft_agreements(office, published.cohort) == []  # idempotent
    with pytest.raises(ValidationError, match="cannot become"):
        services.receive_originals(office, agreement, received_on=date.today())
    signed_on = timezone.localdate() - timedelta(days=3)
    services.sign(
        office,
        agreement,
        number="26/KOMINFO/HK.03.02/05/2023",
        signed_on=signed_on,
        mode="virtual",
        signatories=[MINISTRY, REGENT],
    )
    services.send_originals(
        users["coordinator"],
        agreement,
        courier="Pos Indonesia",
        tracking_number="P2305001234",
        sent_on=signed_on + timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="before they were sent"):
        services.receive_originals(office, agreement, received_on=signed_on)
    services.receive_originals(office, agreement, received_on=signed_on + timedelta(days=2))
    services.archive(office, agreement)
    agreement.refresh_from_db()
    assert agreement.status == "archived"
    steps = list(agreement.steps.values_list("status", "by__username"))
    assert steps == [
        ("draft", "office"),
        ("signed", "office"),
        ("sent", "coord"),
        ("received", "office"),
        ("archived", "office"),
    ]


def test_signing_needs_both_sides_and_a_real_date(users, published) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    [agreement] = services.draft_agreements(office, published.cohort)
    with pytest.raises(ValidationError, match="ministry and one for the region"):
        services.sign(
            office,
            agreement,
            number="1/X/2023",
            signed_on=date.today(),
            mode="virtual",
            signatories=[MINISTRY],
        )
    with pytest.raises(ValidationError, match="future"):
        services.sign(
            office,
            agreement,
            number="1/X/2023",
            mode="virtual",
            signed_on=timezone.localdate() + timedelta(days=1),
            signatories=[MINISTRY, REGENT],
        )
    with pytest.raises(ValidationError, match="PDF"):
        services.sign(
            office,
            agreement,
            number="1/X/2023",
            signed_on=date.today(),
            mode="virtual",
            signatories=[MINISTRY, REGENT],
            scan=SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n0000"),
        )
    agreement.refresh_from_db()
    assert agreement.status == "draft" and agreement.number is None


def test_signing_day_in_bulk_and_overdue_originals(
    users, cohort, published, make_user, batanghari
) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    other = submitted(users["other_coordinator"], cohort, batanghari)
    SelectionDecision.objects.create(
        run=published.decisions.get().run,
        application=other,
        optimiser_selected=True,
        in_top_n=True,
        selected=True,
        rank=2,
        score=Decimal("3.1"),
        reason="selected",
    )
    agreements = services.draft_agreements(office, cohort)
    day = timezone.localdate() - timedelta(days=40)
    signed = services.sign_in_bulk(
        office,
        agreements,
        signed_on=day,
        mode="virtual",
        number_pattern="{n}/KOMINFO/HK.03.02/05/2023",
        ministry_signatory=MINISTRY,
    )
    assert sorted(a.number for a in signed) == [
        "1/KOMINFO/HK.03.02/05/2023",
        "2/KOMINFO/HK.03.02/05/2023",
    ]
    assert all(a.signatories.filter(side="region").exists() for a in signed)
    late = services.overdue(Agreement.objects.all())
    assert late.count() == 2
    services.send_originals(office, signed[0], courier="JNE", tracking_number="JN1", sent_on=day)
    services.receive_originals(office, signed[0], received_on=day + timedelta(days=5))
    assert list(services.overdue(Agreement.objects.all())) == [signed[1]]


def test_agreement_api_flow_and_scoping(users, published) -> None:  # type: ignore[no-untyped-def]
    office = Client()
    office.force_login(users["program_office"])
    drafted = office.post(f"/api/v1/cohorts/{published.cohort.year}/agreements")
    assert drafted.status_code == 201
    agreement_id = drafted.json()[0]["id"]
    signed = office.post(
        f"/api/v1/agreements/{agreement_id}/sign",
        {
            "number": "26/KOMINFO/HK.03.02/05/2023",
            "signed_on": str(timezone.localdate()),
            "mode": "virtual",
            "signatories": [
                {"name": "Dirjen Aptika", "position": "Direktur Jenderal", "side": "ministry"},
                {"name": "Bupati Batang", "position": "Bupati", "side": "region"},
            ],
        },
        content_type="application/json",
    )
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    received_early = office.post(
        f"/api/v1/agreements/{agreement_id}/receive",
        {"received_on": str(timezone.localdate())},
        content_type="application/json",
    )
    assert received_early.status_code == 422
    region = Client()
    region.force_login(users["coordinator"])
    assert region.get("/api/v1/agreements").json()[0]["id"] == agreement_id
    outsider = Client()
    outsider.force_login(users["other_coordinator"])
    assert outsider.get(f"/api/v1/agreements/{agreement_id}").status_code == 404
    assert outsider.get("/api/v1/agreements").json() == []


def test_scans_are_pdf_only_and_follow_the_signing(users, published) -> None:  # type: ignore[no-untyped-def]
    office = Client()
    office.force_login(users["program_office"])
    [agreement] = services.draft_agreements(users["program_office"], published.cohort)
    url = f"/api/v1/agreements/{agreement.pk}/scan"
    early = office.post(url, {"file": SimpleUploadedFile("nk.pdf", files.PDF)})
    assert early.status_code == 422 and early.json()["error"]["fields"][0]["field"] == "scan"
    services.sign(
        users["program_office"],
        agreement,
        number="9/KOMINFO/2023",
        signed_on=timezone.localdate(),
        mode="in_person",
        signatories=[MINISTRY, REGENT],
    )
    image = office.post(url, {"file": SimpleUploadedFile("nk.pdf", b"\xff\xd8\xff\xe0 jpeg")})
    assert image.status_code == 422
    assert office.post(url, {"file": SimpleUploadedFile("nk.pdf", files.PDF)}).status_code == 200
    agreement.refresh_from_db()
    assert agreement.scan.name.endswith(".pdf")
