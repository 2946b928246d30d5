"""Who the program tells what: assignments, reopened applications, published results,
signed agreements, and the deadline reminders (7 days and 1 day before, once each)."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from kotacerdas.accounts.models import Notification, NotificationKind
from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import (
    Agreement,
    Application,
    ApplicationStatus,
    AssessorAssignment,
    CohortPhase,
)
from kotacerdas.program.notifications import Reminder, remind_deadlines, reminder_for
from kotacerdas.regions.models import Region
from tests.program.conftest import submitted


def told(user: Any) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def test_an_assessor_is_told_of_an_assignment_in_their_language(
    users: dict[str, Any],
    cohort: Any,
    batang: Any,
    assessors: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    office = users["program_office"]
    english = assessors["73"]
    english.language = "en"
    english.save()
    application = submitted(users["coordinator"], cohort, batang)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.assign_assessor(office, application, assessors["31"])
        second = services.assign_assessor(office, application, english)
    [indonesian] = told(assessors["31"])
    assert indonesian.kind == NotificationKind.ASSIGNMENT and indonesian.actor == office
    assert indonesian.message == (
        "Anda ditugaskan menilai pendaftaran Kabupaten Batang pada Gerakan Menuju Smart City 2023."
    )
    assert indonesian.url == f"/program/assignments/{first.pk}/"
    [in_english] = told(english)
    assert in_english.message.startswith("You are assigned to assess the application of")
    assert in_english.url == f"/program/assignments/{second.pk}/"
    assert told(office) == []
    assert sorted(m.to[0] for m in mail.outbox) == [
        "asesor-31@example.org",
        "asesor-73@example.org",
    ]
    assert f"/program/assignments/{first.pk}/" in next(
        m.body for m in mail.outbox if m.to == ["asesor-31@example.org"]
    )


def test_a_bulk_assignment_tells_each_assessor_once_with_their_count(
    users: dict[str, Any], cohort: Any, batang: Any, batanghari: Any, assessors: dict[str, Any]
) -> None:
    submitted(users["coordinator"], cohort, batang)
    submitted(users["other_coordinator"], cohort, batanghari)
    created = services.bulk_assign(users["program_office"], cohort, list(assessors.values()))
    for assessor in assessors.values():
        count = sum(1 for a in created if a.assessor_id == assessor.pk)
        notes = told(assessor)
        assert len(notes) == (1 if count else 0)
        if count:
            assert notes[0].message.startswith(f"Anda ditugaskan menilai {count} pendaftaran")
    assert Notification.objects.filter(recipient=users["program_office"]).count() == 0


def test_a_reopened_application_is_a_change_request_for_the_coordinators(
    users: dict[str, Any], cohort: Any, batang: Any, make_user: Any
) -> None:
    deputy = make_user("deputy", Role.REGION_COORDINATOR, region=batang, deputy=True)
    application = submitted(users["coordinator"], cohort, batang)
    services.reopen_application(users["program_office"], application, "Lengkapi bukti TIK.")
    for person in (users["coordinator"], deputy):
        [note] = told(person)
        assert note.kind == NotificationKind.CHANGE_REQUEST
        assert note.message.endswith("diperbaiki: Lengkapi bukti TIK.")
        assert note.url == f"/program/applications/{application.pk}/"
    assert told(users["other_coordinator"]) == [] and told(users["opd_officer"]) == []


FIELD = [("33.25", "4.100"), ("15.04", "3.200")]


@pytest.fixture
def published(users: dict[str, Any], cohort: Any) -> Any:
    """Batang selected, Batanghari not, the result published."""
    for code, score in FIELD:
        Application.objects.create(
            cohort=cohort,
            region=Region.objects.get(pk=code),
            status=ApplicationStatus.SUBMITTED,
            score=Decimal(score),
        )
    cohort.quota = 1
    cohort.status = "assessment"
    cohort.save()
    run = services.run_selection(users["program_office"], cohort)
    services.publish_selection(users["program_office"], run)
    return cohort


def test_each_region_that_applied_learns_its_result(users: dict[str, Any], published: Any) -> None:
    [selected] = told(users["coordinator"])
    assert selected.kind == NotificationKind.RESULT
    assert selected.message.endswith("Kabupaten Batang terpilih.")
    assert selected.url == f"/program/{published.year}/result/"
    [not_selected] = told(users["other_coordinator"])
    assert not_selected.message.endswith("Kabupaten Batanghari belum terpilih kali ini.")
    assert told(users["program_office"]) == [] and told(users["assessor"]) == []


def test_a_signed_agreement_tells_the_coordinators(users: dict[str, Any], published: Any) -> None:
    [agreement] = services.draft_agreements(users["program_office"], published)
    services.sign(
        users["program_office"],
        agreement,
        number="26/KOMINFO/2023",
        signed_on=timezone.localdate(),
        mode="virtual",
        signatories=[
            services.SignatoryInput("Semuel", "Dirjen Aptika", "ministry"),
            services.SignatoryInput("Wihaji", "Bupati Batang", "region"),
        ],
    )
    note = told(users["coordinator"])[-1]
    assert note.kind == NotificationKind.APPROVAL
    assert note.message.startswith("Nota kesepakatan 26/KOMINFO/2023 dengan Kabupaten Batang")
    assert note.url == f"/program/agreements/{agreement.pk}/"
    assert told(users["other_coordinator"])[-1].kind == NotificationKind.RESULT


# Deadlines ------------------------------------------------------------------------------

TODAY = datetime.date(2026, 5, 4)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def test_reminder_tiers() -> None:
    assert reminder_for(days(8), TODAY) is None
    assert reminder_for(days(7), TODAY) == Reminder(7, 7)
    assert reminder_for(days(2), TODAY) == Reminder(7, 2)
    assert reminder_for(days(1), TODAY) == Reminder(1, 1)
    assert reminder_for(days(0), TODAY) == Reminder(1, 0)
    assert reminder_for(days(-1), TODAY) is None


def phase(cohort: Any, kind: str, ends_in: int) -> CohortPhase:
    return CohortPhase.objects.create(
        cohort=cohort, kind=kind, starts_on=days(-30), ends_on=days(ends_in)
    )


def test_phase_deadlines_remind_the_people_responsible_once_per_tier(
    users: dict[str, Any], published: Any, assessors: dict[str, Any]
) -> None:
    coordinator, other = users["coordinator"], users["other_coordinator"]
    english = assessors["73"]
    english.language = "en"
    english.save()
    batang_application = published.applications.get(region_id="33.25")
    AssessorAssignment.objects.create(application=batang_application, assessor=english)
    AssessorAssignment.objects.create(
        application=batang_application, assessor=assessors["31"], submitted_at=timezone.now()
    )
    assessment = phase(published, "assessment", 7)
    guidance = phase(published, "guidance_1", 1)
    phase(published, "agreement", 3)
    phase(published, "selection", 2)  # the office's business: no reminder
    phase(published, "guidance_2", 10)  # too far yet
    Notification.objects.all().delete()

    assert remind_deadlines(TODAY) == 3
    [assessor_note] = told(english)
    assert assessor_note.kind == NotificationKind.DEADLINE
    assert assessor_note.message == (
        "The assessment of Gerakan Menuju Smart City 2023 ends on 11 May 2026 (in 7 days): "
        "submit the scores of every application assigned to you."
    )
    assert assessor_note.key == f"deadline:cohort-phase:{assessment.pk}:2026-05-11:7"
    assert told(assessors["31"]) == []  # scores submitted
    messages = [n.message for n in told(coordinator)]
    assert messages == [
        "Bimtek tahap I Gerakan Menuju Smart City 2023 berakhir pada 5 Mei 2026 (besok).",
        "Nota kesepakatan Gerakan Menuju Smart City 2023 ditandatangani paling lambat "
        "7 Mei 2026 (3 hari lagi); milik daerah Anda belum ditandatangani.",
    ]
    assert told(other) == []  # not selected
    assert told(users["program_office"]) == []

    # The same day again, or the next: nothing twice.
    assert remind_deadlines(TODAY) == 0
    assert remind_deadlines(days(1)) == 0
    # Six days on: the assessment's 1-day reminder and the second guidance stage's
    # 7-day one (4 days left); the agreement's deadline has passed.
    assert remind_deadlines(days(6)) == 2
    assert told(english)[-1].message.endswith(
        "(tomorrow): submit the scores of every application assigned to you."
    )
    assert told(english)[-1].key.endswith(":1")
    # A deadline moved is reminded again.
    guidance.ends_on = days(8)
    guidance.save()
    assert remind_deadlines(days(1)) == 1
    assert (
        Notification.objects.filter(key__startswith=f"deadline:cohort-phase:{guidance.pk}:").count()
        == 2
    )


def test_an_unsigned_agreement_is_reminded_a_signed_one_not(
    users: dict[str, Any], published: Any
) -> None:
    phase(published, "agreement", 5)
    [agreement] = services.draft_agreements(users["program_office"], published)
    Agreement.objects.filter(pk=agreement.pk).update(status="signed")
    Notification.objects.all().delete()
    assert remind_deadlines(TODAY) == 0


def test_the_application_deadline_reminds_regions_not_submitted_yet(
    users: dict[str, Any], cohort: Any, batang: Any, batanghari: Any
) -> None:
    submitted(users["coordinator"], cohort, batang)
    draft = services.start_application(users["other_coordinator"], cohort, batanghari)
    closes = timezone.localtime(cohort.application_deadline).date()
    assert remind_deadlines(closes - datetime.timedelta(days=9)) == 0
    assert remind_deadlines(closes - datetime.timedelta(days=6)) == 1
    [note] = told(users["other_coordinator"])
    assert note.message.startswith(
        "Pendaftaran Kabupaten Batanghari pada Gerakan Menuju Smart City 2023 belum dikirim"
    )
    assert note.url == f"/program/applications/{draft.pk}/"
    assert told(users["coordinator"]) == []


def test_the_originals_of_a_signed_agreement_are_reminded_before_they_are_due(
    users: dict[str, Any], published: Any
) -> None:
    [agreement] = services.draft_agreements(users["program_office"], published)
    today = timezone.localdate()
    services.sign(
        users["program_office"],
        agreement,
        number="26/KOMINFO/2023",
        signed_on=today - datetime.timedelta(days=29),
        mode="virtual",
        signatories=[
            services.SignatoryInput("Semuel", "Dirjen Aptika", "ministry"),
            services.SignatoryInput("Wihaji", "Bupati Batang", "region"),
        ],
    )
    Notification.objects.all().delete()
    assert remind_deadlines(today) == 1
    [note] = told(users["coordinator"])
    assert "(besok): kirimkan lewat pos." in note.message
    assert note.key == (
        f"deadline:agreement-originals:{agreement.pk}:"
        f"{(today + datetime.timedelta(days=1)).isoformat()}:1"
    )
    # Sent: no more reminders.
    Agreement.objects.filter(pk=agreement.pk).update(status="sent")
    Notification.objects.all().delete()
    assert remind_deadlines(today) == 0
