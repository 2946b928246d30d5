from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kotacerdas.program import services
from kotacerdas.program.models import Application, Evidence
from kotacerdas.program.uploads import MAX_UPLOAD_BYTES
from tests import files
from tests.program.conftest import answer_all, submitted

PDF = files.PDF
PNG = files.PNG


def test_region_applies_saves_a_draft_and_submits(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    application = services.start_application(coordinator, cohort, batang)
    services.save_answers(
        coordinator, application, [services.AnswerInput("tik", 4, "Fiber ke 15 kecamatan")]
    )
    with pytest.raises(ValidationError, match="Kebijakan smart city"):
        services.submit_application(coordinator, application)
    answer_all(coordinator, application)
    services.save_indicators(coordinator, application, [("ipm", Decimal("70.12"), 2022)])
    services.submit_application(coordinator, application)
    application.refresh_from_db()
    assert application.status == "submitted" and application.submitted_by == coordinator
    with pytest.raises(ValidationError, match="read-only"):
        services.save_answers(coordinator, application, [services.AnswerInput("tik", 5, "x")])


def test_second_application_gets_a_clear_message(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    services.start_application(users["coordinator"], cohort, batang)
    with pytest.raises(ValidationError, match="already applied"):
        services.start_application(users["coordinator"], cohort, batang)
    assert Application.objects.filter(region=batang).count() == 1


def test_only_the_region_itself_applies(users, cohort, batang, batanghari) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.start_application(users["coordinator"], cohort, batanghari)
    with pytest.raises(PermissionDenied):
        services.start_application(users["opd_officer"], cohort, batang)


def test_deadline_passed_refuses_submission(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    application = services.start_application(users["coordinator"], cohort, batang)
    answer_all(users["coordinator"], application)
    cohort.application_deadline = timezone.now() - timedelta(minutes=1)
    cohort.save()
    with pytest.raises(ValidationError, match="deadline"):
        services.submit_application(users["coordinator"], application)


def test_program_office_reopens_with_a_reason(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    application = submitted(users["coordinator"], cohort, batang)
    with pytest.raises(ValidationError):
        services.reopen_application(users["program_office"], application, " ")
    with pytest.raises(PermissionDenied):
        services.reopen_application(users["coordinator"], application, "typo")
    services.reopen_application(users["program_office"], application, "Lampiran SK salah")
    services.save_answers(
        users["coordinator"], application, [services.AnswerInput("tik", 5, "Diperbaiki")]
    )


def test_evidence_is_checked_by_content(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    application = services.start_application(coordinator, cohort, batang)
    ok = services.add_evidence(coordinator, application, "tik", SimpleUploadedFile("peta.png", PNG))
    assert ok.content_type == "image/png"
    services.add_evidence(coordinator, application, "tik", SimpleUploadedFile("perbup", PDF))
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(ValidationError, match="PDF or image"):
        services.add_evidence(coordinator, application, "tik", fake)
    big = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError, match="10 MB"):
        services.add_evidence(coordinator, application, "tik", big)
    assert Evidence.objects.count() == 2
