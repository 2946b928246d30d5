"""Who the masterplan workflow tells what: a submission its mentors, changes requested
and an approval the coordinators, a legalisation the mentors, a reply the others in the
thread; and the masterplan deadline's reminders."""

import datetime
from decimal import Decimal
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.accounts.models import Notification, NotificationKind
from kotacerdas.masterplan import services
from kotacerdas.masterplan.notifications import remind_deadlines
from kotacerdas.program.models import (
    Application,
    ApplicationStatus,
    CohortPhase,
    SelectionDecision,
    SelectionRun,
)
from kotacerdas.program.services import create_cohort
from tests.masterplan import conftest_workflow
from tests.masterplan.conftest_workflow import tiny_pdf

# Shared fixtures (pytest finds fixtures by module attribute).
clean_plan = conftest_workflow.clean_plan
dinkes = conftest_workflow.dinkes
outsider_mentor = conftest_workflow.outsider_mentor


def told(user: Any) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def test_the_review_cycle_tells_each_side(
    users: dict[str, Any],
    clean_plan: Any,
    outsider_mentor: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    coordinator, mentor, officer = users["coordinator"], users["mentor"], users["opd_officer"]
    mentor.first_name, mentor.last_name, mentor.language = "Rina", "Mentor", "en"
    mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(coordinator, clean_plan)
    [submitted] = told(mentor)
    assert submitted.kind == NotificationKind.ASSIGNMENT
    assert submitted.message == (
        "Kabupaten Batang submitted its masterplan (version 1) for your review."
    )
    assert submitted.url == f"/masterplans/{clean_plan.pk}/review/"
    assert told(outsider_mentor) == [] and told(coordinator) == []
    assert [m.to for m in mail.outbox] == [["mentor@example.org"]]

    with django_capture_on_commit_callbacks(execute=True):
        note = services.request_changes(mentor, clean_plan, "Tambahkan indikator dampak.")
    [changes] = told(coordinator)
    assert changes.kind == NotificationKind.CHANGE_REQUEST
    assert changes.message == (
        "Rina Mentor meminta perbaikan masterplan Kabupaten Batang: Tambahkan indikator dampak."
    )
    assert changes.url == f"/masterplans/{clean_plan.pk}/review/#thread-{note.pk}"
    assert told(officer) == [] and len(told(mentor)) == 1
    email = mail.outbox[-1]
    assert email.to == ["coord@example.org"] and "Tambahkan indikator dampak." in email.body

    services.submit(coordinator, clean_plan)
    services.approve(mentor, clean_plan)
    approved = told(coordinator)[-1]
    assert approved.kind == NotificationKind.APPROVAL
    assert approved.message.startswith("Rina Mentor menyetujui masterplan Kabupaten Batang.")

    document = SimpleUploadedFile("perbup.pdf", tiny_pdf())
    services.legalise(
        coordinator,
        clean_plan,
        number="12 Tahun 2025",
        date=datetime.date(2025, 3, 1),
        document=document,
    )
    legalised = told(mentor)[-1]
    assert legalised.message == "The masterplan of Kabupaten Batang is legalised (12 Tahun 2025)."
    assert len(told(coordinator)) == 2  # changes requested, approved: never their own acts


def test_a_reply_tells_the_others_in_the_thread(
    users: dict[str, Any], clean_plan: Any, make_user: Any
) -> None:
    coordinator, mentor, officer = users["coordinator"], users["mentor"], users["opd_officer"]
    thread = services.add_comment(mentor, clean_plan, "Data profil 2022?", section="profile")
    assert Notification.objects.count() == 0  # a new thread is no reply
    services.add_comment(coordinator, clean_plan, "Sudah kami perbarui.", parent=thread)
    [reply] = told(mentor)
    assert reply.kind == NotificationKind.COMMENT
    assert reply.message.endswith(
        "membalas diskusi pada masterplan Kabupaten Batang: Sudah kami perbarui."
    )
    assert reply.url == f"/masterplans/{clean_plan.pk}/review/#thread-{thread.pk}"
    assert told(coordinator) == [] and told(officer) == []

    reply_to_reply = services.add_comment(officer, clean_plan, "Tabel 3 juga.", parent=thread)
    assert reply_to_reply.parent_id == thread.pk
    assert len(told(mentor)) == 2 and len(told(coordinator)) == 1 and told(officer) == []
    # Someone who left is not told.
    coordinator.is_active = False
    coordinator.save()
    services.add_comment(mentor, clean_plan, "Terima kasih.", parent=thread)
    assert len(told(officer)) == 1 and len(told(coordinator)) == 1 and len(told(mentor)) == 2


def test_the_masterplan_deadline_reminds_selected_regions_not_approved(
    users: dict[str, Any], clean_plan: Any, batang: Any, batanghari: Any, make_user: Any
) -> None:
    from django.utils import timezone

    cohort = create_cohort(
        users["program_office"],
        year=2024,
        name="GMSC 2024",
        quota=2,
        application_deadline=timezone.now() + datetime.timedelta(days=10),
    )
    run = SelectionRun.objects.create(
        cohort=cohort,
        rules={},
        status="optimal",
        objective=Decimal(1),
        greedy_objective=Decimal(1),
        solve_seconds=0.1,
        published=True,
    )
    for region in (batang, batanghari):
        application = Application.objects.create(
            cohort=cohort, region=region, status=ApplicationStatus.SUBMITTED
        )
        SelectionDecision.objects.create(
            run=run,
            application=application,
            optimiser_selected=True,
            in_top_n=True,
            selected=True,
            reason="selected",
        )
    today = datetime.date(2026, 5, 4)
    phase = CohortPhase.objects.create(
        cohort=cohort,
        kind="masterplan",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=today + datetime.timedelta(days=7),
    )
    assert remind_deadlines(today) == 2
    [batang_note] = told(users["coordinator"])
    assert batang_note.kind == NotificationKind.DEADLINE
    assert batang_note.message == (
        "Masterplan Kabupaten Batang harus selesai pada 11 Mei 2026 (7 hari lagi) dan belum "
        "disetujui."
    )
    assert batang_note.url == f"/masterplans/{clean_plan.pk}/"
    assert batang_note.key == f"deadline:masterplan:{phase.pk}:2026-05-11:7"
    [batanghari_note] = told(users["other_coordinator"])
    assert batanghari_note.url == "/masterplans/"  # no masterplan yet
    assert remind_deadlines(today) == 0
    # Approved in the meantime: no 1-day reminder for Batang.
    clean_plan.status = "approved"
    clean_plan.save()
    assert remind_deadlines(today + datetime.timedelta(days=6)) == 1
    assert len(told(users["coordinator"])) == 1
    assert told(users["other_coordinator"])[-1].message.endswith("(besok) dan belum disetujui.")
