"""Who guidance tells: sessions set or moved, a stage signed off, a run finished, an
unavailability that clashes; and the daily reminders."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kotacerdas.accounts.models import Notification
from kotacerdas.bimtek import notifications, services
from kotacerdas.bimtek.models import GuidanceSession
from kotacerdas.bimtek.services import AttendeeInput
from tests.bimtek.factories import guidance_world

pytestmark = pytest.mark.django_db


def _told(**filters):
    return set(Notification.objects.filter(**filters).values_list("recipient", flat=True))


def test_a_moved_session_tells_the_mentors_and_the_region_not_the_actor():
    world = guidance_world()
    coordinator = world.coordinators[world.code]
    Notification.objects.all().delete()
    session = world.sessions(stage=3)[-1]
    visit = world.visit(stage=3)
    services.move_session(
        coordinator,
        session,
        starts_at=timezone.make_aware(
            timezone.datetime.combine(visit.ends_on, timezone.datetime.min.time())
        )
        + timedelta(hours=10),  # 10:00 WIB (the platform's zone, Batang's too)
    )
    told = _told()
    assert world.mentors[0].pk in told and world.deputy.pk in told
    assert coordinator.pk not in told
    note = Notification.objects.filter(recipient=world.mentors[0]).get()
    assert "dipindahkan" in note.message  # in the mentor's language
    assert note.url.endswith(f"/sessions/{session.pk}/")


def test_a_stage_signed_off_tells_the_coordinators():
    world = guidance_world()
    mentor = world.mentors[0]
    for session in world.sessions(stage=1):
        services.mark_held(mentor, session, attendees=[AttendeeInput("Ani")])
    Notification.objects.all().delete()
    services.complete_visit(mentor, world.visit(stage=1))
    assert _told(kind="approval") == {world.coordinators[world.code].pk, world.deputy.pk}


def test_daily_reminders_are_sent_once_a_day():
    world = guidance_world()
    mentor = world.mentors[0]
    Notification.objects.all().delete()
    # A stage II session of Batang moved to tomorrow's region-local morning.
    visit = world.visit(stage=2)
    session = world.sessions(stage=2)[0]
    tomorrow = timezone.localdate() + timedelta(days=1)
    GuidanceSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.make_aware(
            timezone.datetime.combine(tomorrow, timezone.datetime.min.time())
        )
        + timedelta(hours=9)
    )
    assert visit.pk
    today = timezone.localdate()
    made = notifications.remind_daily(today)
    assert made >= 3
    mine = Notification.objects.filter(recipient=mentor)
    assert any("dalam 3 hari ke depan" in n.message for n in mine)
    assert any("belum dicatat daftar hadirnya" in n.message for n in mine)  # stage I, past
    assert world.coordinators[world.code].pk in _told(kind="deadline")
    assert notifications.remind_daily(today) == 0  # once a day


def test_the_attendance_reminder_counts_open_stages_only():
    world = guidance_world()
    mentor = world.mentors[0]
    Notification.objects.all().delete()
    # A stage II session in the past while stage I is not signed off: not to record yet.
    later = world.sessions(stage=2)[0]
    GuidanceSession.objects.filter(pk=later.pk).update(starts_at=timezone.now() - timedelta(days=1))
    notifications.remind_daily(timezone.localdate())
    note = Notification.objects.get(recipient=mentor, key__startswith="bimtek-attendance:")
    assert note.message.startswith(f"{len(world.sessions(stage=1))} ")
