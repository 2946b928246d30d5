"""Guidance items in the work inbox: a mentor's sessions to hold, attendance to record
and stages to sign off; a coordinator's sessions to confirm and OPD groups to form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kotacerdas.bimtek import services
from kotacerdas.bimtek.inbox import _coordinator, _mentor
from kotacerdas.bimtek.models import GuidanceSession
from kotacerdas.bimtek.services import AttendeeInput
from kotacerdas.core.inbox import inbox
from tests.bimtek.factories import guidance_world

pytestmark = pytest.mark.django_db


def _kinds(user):
    return [item.kind for item in inbox(user).items]


def test_a_mentor_records_attendance_then_signs_the_stage_off(django_assert_max_num_queries):
    world = guidance_world()
    with django_assert_max_num_queries(3):  # one query per kind
        list(_mentor(world.mentors[0]))
    mentor = world.mentors[0]
    kinds = _kinds(mentor)
    assert len(inbox(mentor).items) >= len(kinds)
    stage_one = world.sessions(stage=1)
    assert kinds.count("attendance_to_record") == len(stage_one)
    # Stage II starts within two weeks of now in the world's plan, or later.
    soon = [i for i in inbox(mentor).items if i.kind == "session_to_hold"]
    assert all(i.url.startswith("/") for i in soon)
    for session in stage_one:
        services.mark_held(mentor, session, attendees=[AttendeeInput("Ani")])
    items = inbox(mentor).items
    assert "attendance_to_record" not in [i.kind for i in items]
    sign_off = [i for i in items if i.kind == "stage_to_sign_off"]
    assert len(sign_off) == 1
    assert sign_off[0].url == reverse("bimtek:visit", args=[world.visit(stage=1).pk])
    services.complete_visit(mentor, world.visit(stage=1))
    assert "stage_to_sign_off" not in _kinds(mentor)
    # Another mentor's inbox holds none of Batang's.
    assert "attendance_to_record" not in _kinds(world.mentors[1]) or all(
        "Batang" not in i.title for i in inbox(world.mentors[1]).items
    )


def test_a_coordinator_confirms_sessions_and_forms_groups(django_assert_max_num_queries):
    world = guidance_world()
    coordinator = world.coordinators[world.code]
    with django_assert_max_num_queries(2):  # one query per kind
        list(_coordinator(coordinator))
    items = list(inbox(coordinator).items)
    kinds = [i.kind for i in items]
    assert kinds.count("sessions_to_confirm") == 3  # stages II-IV lie ahead
    assert "groups_to_form" in kinds
    group_item = next(i for i in items if i.kind == "groups_to_form")
    assert group_item.url == reverse("bimtek:groups", args=[world.cohort.year, world.code])
    assert "sessions_to_confirm" in _kinds(world.deputy)
    services.confirm_sessions(coordinator, world.visit(stage=2))
    assert _kinds(coordinator).count("sessions_to_confirm") == 2
    services.save_group(
        coordinator, world.guidance[world.code], name="Semua", opds=world.opds[world.code]
    )
    assert "groups_to_form" not in _kinds(coordinator)
    # The OPD officer has none of these.
    assert not {"sessions_to_confirm", "groups_to_form"} & set(_kinds(world.officer))


def test_sessions_of_a_stage_not_open_yet_are_not_listed():
    """A stage opens only when the previous one is signed off: its sessions are neither
    to hold nor to record before."""
    world = guidance_world()
    mentor = world.mentors[0]
    stage_one = world.sessions(stage=1)
    past, soon = world.sessions(stage=2)[:2]
    now = timezone.now()
    GuidanceSession.objects.filter(pk=past.pk).update(starts_at=now - timedelta(days=1))
    GuidanceSession.objects.filter(pk=soon.pk).update(starts_at=now + timedelta(days=2))
    urls = {i.kind: set() for i in inbox(mentor).items}
    for item in inbox(mentor).items:
        urls[item.kind].add(item.url)
    session_url = reverse("bimtek:session", args=[past.pk])
    assert session_url not in urls.get("attendance_to_record", set())
    assert reverse("bimtek:session", args=[soon.pk]) not in urls.get("session_to_hold", set())
    assert _kinds(mentor).count("attendance_to_record") == len(stage_one)
    for session in stage_one:
        services.mark_held(mentor, session, attendees=[AttendeeInput("Ani")])
    services.complete_visit(mentor, world.visit(stage=1))
    items = inbox(mentor).items
    assert session_url in {i.url for i in items if i.kind == "attendance_to_record"}
    assert reverse("bimtek:session", args=[soon.pk]) in {
        i.url for i in items if i.kind == "session_to_hold"
    }
