"""Moving visits and sessions (refused with the reason), pinning, confirming, holding
sessions with attendance and signing a stage off."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kotacerdas.accounts.models import Notification
from kotacerdas.bimtek import services, workdays
from kotacerdas.bimtek.models import Attendance, SessionStatus, VisitStatus
from kotacerdas.bimtek.services import AttendeeInput
from kotacerdas.core.localtime import zone
from tests import files
from tests.bimtek.factories import guidance_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return guidance_world()


def _messages(error: ValidationError) -> str:
    return " ".join(m for messages in error.message_dict.values() for m in messages)


def _hold_stage(world, code=None, stage=1):
    mentor = world.mentors[0]
    opd = world.opds[code or world.code][0]
    for session in world.sessions(code, stage):
        services.mark_held(mentor, session, attendees=[AttendeeInput("Siti", opd, "Kabid")])


# Moving a visit -------------------------------------------------------------------------


def test_a_visit_moved_onto_a_holiday_is_refused_with_the_holidays_name(world):
    visit = world.visit(stage=2)
    with pytest.raises(ValidationError) as refused:
        services.move_visit(world.office, visit, starts_on=date(2027, 8, 16))
    assert "Proklamasi Kemerdekaan" in _messages(refused.value)


def test_a_double_booked_mentor_is_refused_naming_the_clashing_visit(world):
    pekalongan = world.regions[1].code
    visit = world.visit(pekalongan, 2)
    with pytest.raises(ValidationError) as refused:
        services.move_visit(
            world.office, visit, starts_on=visit.starts_on, mentors=[world.mentors[0]]
        )
    assert "mentors" in refused.value.message_dict
    text = _messages(refused.value)
    assert "already in Kabupaten Batang, Stage II" in text


def test_unavailability_is_reported_not_fixed_and_blocks_a_move(world):
    mentor = world.mentors[0]
    visit = world.visit(stage=3)
    period = services.add_unavailability(
        world.office, mentor, starts_on=visit.starts_on, ends_on=visit.starts_on, reason="Sakit"
    )
    assert [v.pk for v in period.clashing_visits] == [visit.pk]
    visit.refresh_from_db()
    assert visit.starts_on == world.starts[3] and mentor in visit.mentors.all()
    assert Notification.objects.filter(recipient=world.office).exists() is False  # the actor
    services.add_unavailability(mentor, mentor, starts_on=visit.ends_on, ends_on=visit.ends_on)
    assert Notification.objects.filter(recipient=world.office, kind="change_request").count() == 1
    with pytest.raises(ValidationError) as refused:
        services.move_visit(world.office, visit, starts_on=visit.starts_on)
    assert "unavailable" in _messages(refused.value) and "Sakit" in _messages(refused.value)


def test_blackout_gap_and_deadline_are_refused(world):
    visit = world.visit(stage=4)
    later = workdays.working_run(visit.starts_on + timedelta(days=7), 3)
    services.add_blackout(
        world.coordinators[world.code],
        world.region,
        starts_on=later,
        ends_on=later,
        reason="Pilkada",
    )
    with pytest.raises(ValidationError) as refused:
        services.move_visit(world.office, visit, starts_on=later)
    assert "cannot receive guidance" in _messages(refused.value)
    assert "Pilkada" in _messages(refused.value)
    too_soon = workdays.working_run(world.starts[3] + timedelta(days=5), 3)
    with pytest.raises(ValidationError) as refused:
        services.move_visit(world.office, visit, starts_on=too_soon)
    assert "Stage IV must start 21 to 42 days after Stage III" in _messages(refused.value)
    after = workdays.working_run(world.deadline + timedelta(days=1), 3)
    with pytest.raises(ValidationError) as refused:
        services.move_visit(world.office, visit, starts_on=after)
    assert "after the masterplan deadline" in _messages(refused.value)


def test_a_held_visit_does_not_move(world):
    _hold_stage(world)
    visit = world.visit(stage=1)
    with pytest.raises(ValidationError, match="was held"):
        services.move_visit(world.office, visit, starts_on=visit.starts_on + timedelta(days=1))


def test_a_visit_moves_with_its_sessions_pinned_and_announced(world):
    visit = world.visit(stage=4)
    before = {s.pk: (s.starts_at, s.sequence) for s in world.sessions(stage=4)}
    later = workdays.working_run(visit.starts_on + timedelta(days=7), 3)
    Notification.objects.all().delete()
    moved = services.move_visit(world.office, visit, starts_on=later)
    assert moved.pinned and moved.starts_on == later
    assert moved.ends_on == later + (visit.ends_on - visit.starts_on)
    shift = later - visit.starts_on
    for session in world.sessions(stage=4):
        starts_at, sequence = before[session.pk]
        local_before = timezone.localtime(starts_at, zone(world.region))
        local_after = timezone.localtime(session.starts_at, zone(world.region))
        assert local_after.date() == local_before.date() + shift
        assert local_after.time() == local_before.time()
        assert session.sequence == sequence + 1 and session.confirmed_at is None
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert {world.mentors[0].pk, world.coordinators[world.code].pk, world.deputy.pk} <= told
    with pytest.raises(PermissionDenied):
        services.move_visit(world.coordinators[world.code], visit, starts_on=later)


# Moving a session -----------------------------------------------------------------------


def test_a_session_moves_in_the_regions_zone_and_is_stored_in_utc(world):
    makassar = world.regions[2]
    coordinator = world.coordinators[makassar.code]
    visit = world.visit(makassar.code, 3)
    session = world.sessions(makassar.code, 3)[-1]
    day = visit.starts_on + timedelta(days=1)
    moved = services.move_session(
        coordinator, session, starts_at=datetime(day.year, day.month, day.day, 14, 0)
    )
    # 14:00 WITA is 06:00 UTC.
    assert moved.starts_at.utcoffset() == timedelta(0)
    assert (moved.starts_at.hour, moved.starts_at.minute) == (6, 0)
    assert moved.sequence == session.sequence + 1 and moved.pinned
    assert moved.confirmed_at is not None  # moved by the region: confirmed
    other = world.sessions(makassar.code, 3)[0]
    with pytest.raises(ValidationError, match="overlap"):
        services.move_session(
            coordinator, other, starts_at=datetime(day.year, day.month, day.day, 14, 30)
        )
    outside = visit.ends_on + timedelta(days=1)
    with pytest.raises(ValidationError, match="choose a day within it"):
        services.move_session(
            coordinator, other, starts_at=datetime(outside.year, outside.month, outside.day, 9)
        )
    with pytest.raises(PermissionDenied):
        services.move_session(world.coordinators[world.code], other, starts_at=moved.starts_at)


def test_a_held_session_never_changes(world):
    _hold_stage(world)
    session = world.sessions(stage=1)[0]
    with pytest.raises(ValidationError, match="held"):
        services.move_session(
            world.office, session, starts_at=session.starts_at + timedelta(hours=1)
        )


def test_confirming_sessions(world):
    coordinator = world.coordinators[world.code]
    visit = world.visit(stage=2)
    assert services.confirm_sessions(coordinator, visit) == len(world.sessions(stage=2))
    assert services.confirm_sessions(world.deputy, visit) == 0
    with pytest.raises(PermissionDenied):
        services.confirm_sessions(world.coordinators[world.regions[1].code], visit)


# Holding sessions and signing a stage off -----------------------------------------------


def test_held_needs_attendance_of_the_regions_opds_and_a_day_that_has_come(world):
    mentor = world.mentors[0]
    session = world.sessions(stage=1)[0]
    with pytest.raises(ValidationError) as refused:
        services.mark_held(mentor, session, attendees=[])
    assert "attendees" in refused.value.message_dict
    foreign = world.opds[world.regions[1].code][0]
    with pytest.raises(ValidationError) as refused:
        services.mark_held(mentor, session, attendees=[AttendeeInput("Ani", foreign)])
    assert "attendees.0.opd" in refused.value.message_dict
    future = world.sessions(stage=2)[0]
    with pytest.raises(ValidationError, match="once its day has come"):
        services.mark_held(mentor, future, attendees=[AttendeeInput("Ani")])
    with pytest.raises(PermissionDenied):
        services.mark_held(world.mentors[1], session, attendees=[AttendeeInput("Ani")])
    held = services.mark_held(
        mentor,
        session,
        attendees=[AttendeeInput("Ani", world.opds[world.code][0]), AttendeeInput("Budi")],
        record="Notulen",
        output_file=SimpleUploadedFile("hasil.pdf", files.PDF, content_type="application/pdf"),
    )
    assert held.status == SessionStatus.HELD and held.held_at is not None
    assert held.output_file.name.endswith(".pdf")
    assert Attendance.objects.filter(session=session).count() == 2
    services.mark_held(mentor, session, attendees=[AttendeeInput("Cici")])
    assert list(Attendance.objects.filter(session=session).values_list("name", flat=True)) == [
        "Cici"
    ]


def test_an_output_file_is_checked_by_its_content(world):
    session = world.sessions(stage=1)[0]
    fake = SimpleUploadedFile("hasil.pdf", b"just text", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.mark_held(
            world.mentors[0], session, attendees=[AttendeeInput("Ani")], output_file=fake
        )
    assert "output_file" in refused.value.message_dict
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_a_stage_is_signed_off_only_when_every_session_is_held(world):
    mentor = world.mentors[0]
    visit = world.visit(stage=1)
    first = world.sessions(stage=1)[0]
    services.mark_held(mentor, first, attendees=[AttendeeInput("Ani")])
    with pytest.raises(ValidationError, match="Not held yet"):
        services.complete_visit(mentor, visit)
    # Stage II cannot be signed off (or held) before stage I is.
    with pytest.raises(ValidationError, match="not complete yet"):
        services.complete_visit(mentor, world.visit(stage=2))
    _hold_stage(world)
    Notification.objects.all().delete()
    done = services.complete_visit(mentor, visit, notes="Lancar")
    assert done.status == VisitStatus.COMPLETE and done.completed_by == mentor
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert world.coordinators[world.code].pk in told and world.deputy.pk in told
    with pytest.raises(ValidationError, match="signed off"):
        services.mark_held(mentor, first, attendees=[AttendeeInput("Ani")])
    with pytest.raises(ValidationError, match="already signed off"):
        services.complete_visit(mentor, visit)


def test_pinning_is_the_offices(world):
    visit = world.visit(stage=3)
    assert services.set_pinned(world.office, visit, True).pinned
    with pytest.raises(PermissionDenied):
        services.set_pinned(world.mentors[0], visit, False)


def test_a_visit_moved_with_an_empty_team_is_refused(world):
    visit = world.visit(stage=3)
    with pytest.raises(ValidationError) as refused:
        services.move_visit(world.office, visit, starts_on=visit.starts_on, mentors=[])
    assert refused.value.message_dict["mentors"] == ["A visit needs at least one mentor."]
    assert list(world.visit(stage=3).mentors.all()) == [world.mentors[0]]


def test_a_session_is_moved_within_working_hours_only(world):
    makassar = world.regions[2]
    coordinator = world.coordinators[makassar.code]
    visit = world.visit(makassar.code, 3)
    session = world.sessions(makassar.code, 3)[-1]  # an hour long
    day = visit.starts_on + timedelta(days=1)
    for hour, minute in ((3, 0), (6, 59), (17, 30)):
        with pytest.raises(ValidationError) as refused:
            services.move_session(
                coordinator, session, starts_at=datetime(day.year, day.month, day.day, hour, minute)
            )
        text = " ".join(refused.value.message_dict["starts_at"])
        assert "between 07:00 and 18:00 WITA" in text
    # An hour from 17:00 WITA ends at 18:00: allowed.
    moved = services.move_session(
        coordinator, session, starts_at=datetime(day.year, day.month, day.day, 17)
    )
    assert timezone.localtime(moved.starts_at, zone(makassar)).hour == 17
