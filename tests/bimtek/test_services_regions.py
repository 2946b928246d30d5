"""Stages, enrolment, priorities, blackouts, OPD groups and mentors' profiles."""

import itertools
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kotacerdas.accounts.models import Notification
from kotacerdas.bimtek import services
from kotacerdas.bimtek.models import (
    GuidanceRegion,
    GuidanceSession,
    GuidanceStage,
    GuidanceVisit,
    MentorProfile,
    SessionKind,
)
from kotacerdas.bimtek.services import AttendeeInput
from kotacerdas.core.localtime import zone
from kotacerdas.regions.models import OPD, Dimension, OPDKind, Region
from tests.bimtek.factories import guidance_world

pytestmark = pytest.mark.django_db


def test_stages_are_made_once_and_checked_per_field():
    world = guidance_world(plan=False)
    assert [s.number for s in services.ensure_stages(world.office, world.cohort)] == [1, 2, 3, 4]
    assert GuidanceStage.objects.filter(cohort=world.cohort).count() == 4
    stage = world.stages[0]
    assert "SWOT" in stage.expected_outputs
    with pytest.raises(ValidationError) as refused:
        services.save_stage(
            world.office,
            stage,
            expected_outputs="x",
            days_in_region=11,
            min_gap_days=30,
            max_gap_days=20,
        )
    assert {"days_in_region", "max_gap_days"} <= set(refused.value.message_dict)
    saved = services.save_stage(
        world.office,
        stage,
        expected_outputs="Analisis",
        days_in_region=2,
        min_gap_days=14,
        max_gap_days=35,
    )
    assert (saved.days_in_region, saved.min_gap_days) == (2, 14)
    with pytest.raises(PermissionDenied):
        services.ensure_stages(world.mentors[0], world.cohort)


def test_enrolment_is_idempotent_with_a_plenary_and_a_session_per_opd():
    world = guidance_world(plan=False)
    again = services.enrol_cohort_regions(world.office, world.cohort)
    assert len(again) == 3 and GuidanceRegion.objects.filter(cohort=world.cohort).count() == 3
    assert GuidanceVisit.objects.filter(guidance__cohort=world.cohort).count() == 12
    sessions = world.sessions(stage=1)
    assert sum(s.kind == SessionKind.PLENARY for s in sessions) == 1
    assert {s.title for s in sessions if s.kind == SessionKind.GROUP} == {
        opd.name for opd in world.opds[world.code]
    }
    # A new OPD gets its sessions on the next enrolment; nothing is duplicated.
    OPD.objects.create(region=world.region, name="Dinas Pariwisata Batang", kind=OPDKind.DINAS)
    services.enrol_cohort_regions(world.office, world.cohort)
    assert len(world.sessions(stage=1)) == len(sessions) + 1
    with pytest.raises(PermissionDenied):
        services.enrol_cohort_regions(world.coordinators[world.code], world.cohort)


def test_groups_replace_the_per_opd_sessions_and_held_ones_stay():
    world = guidance_world()
    coordinator = world.coordinators[world.code]
    guidance = world.guidance[world.code]
    health, schools, planning = world.opds[world.code]
    # Stage I is held for the health office's own session first.
    own = next(s for s in world.sessions(stage=1) if s.title == health.name)
    services.mark_held(world.mentors[0], own, attendees=[AttendeeInput("Ani", health)])
    group = services.save_group(
        coordinator, guidance, name="Layanan dasar", opds=[health, schools], session_minutes=90
    )
    for stage in (1, 2):
        titles = [s.title for s in world.sessions(stage=stage)]
        assert "Layanan dasar" in titles and schools.name not in titles
    assert health.name in [s.title for s in world.sessions(stage=1)]  # held: stays
    assert health.name not in [s.title for s in world.sessions(stage=2)]
    assert GuidanceSession.objects.get(group=group, visit__stage__number=2).duration_minutes == 90
    with pytest.raises(ValidationError, match="one group only"):
        services.save_group(coordinator, guidance, name="Lain", opds=[schools])
    foreign = world.opds[world.regions[1].code][0]
    with pytest.raises(ValidationError) as refused:
        services.save_group(coordinator, guidance, name="Asing", opds=[foreign])
    assert "opds" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.save_group(
            world.coordinators[world.regions[1].code], guidance, name="X", opds=[planning]
        )
    services.delete_group(coordinator, group)
    assert schools.name in [s.title for s in world.sessions(stage=2)]


def test_a_group_with_a_held_session_is_not_deleted():
    world = guidance_world()
    guidance = world.guidance[world.code]
    group = services.save_group(
        world.coordinators[world.code], guidance, name="Semua", opds=world.opds[world.code]
    )
    session = GuidanceSession.objects.get(group=group, visit__stage__number=1)
    services.set_pinned(world.office, world.visit(stage=1), True)
    day = world.visit(stage=1).starts_on
    services.move_session(
        world.office,
        session,
        starts_at=datetime(day.year, day.month, day.day, 13),
    )
    services.mark_held(world.mentors[0], session, attendees=[AttendeeInput("Ani")])
    with pytest.raises(ValidationError, match="was held"):
        services.delete_group(world.coordinators[world.code], group)


def test_priorities_and_blackouts_belong_to_the_region():
    world = guidance_world(plan=False)
    guidance = world.guidance[world.code]
    coordinator = world.coordinators[world.code]
    economy = Dimension.objects.get(code="economy")
    services.set_priorities(coordinator, guidance, [economy])
    assert list(guidance.priority_dimensions.all()) == [economy]
    with pytest.raises(PermissionDenied):
        services.set_priorities(world.mentors[0], guidance, [economy])
    blackout = services.add_blackout(
        coordinator, world.region, starts_on=date(2027, 2, 1), ends_on=date(2027, 2, 3)
    )
    with pytest.raises(ValidationError) as refused:
        services.add_blackout(
            coordinator, world.region, starts_on=date(2027, 2, 3), ends_on=date(2027, 2, 1)
        )
    assert "ends_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.add_blackout(
            coordinator, world.region, starts_on=date(1900, 1, 1), ends_on=date(1900, 1, 2)
        )
    with pytest.raises(PermissionDenied):
        services.remove_blackout(world.coordinators[world.regions[1].code], blackout)
    services.remove_blackout(coordinator, blackout)


def test_mentor_profiles_by_the_office_or_the_mentor():
    world = guidance_world(plan=False)
    mentor = world.mentors[1]
    home = Region.objects.get(pk="33.25")
    profile = services.save_mentor_profile(
        mentor, mentor, home_region=home, expertise=[], max_regions=3, max_travel_days_per_month=10
    )
    assert MentorProfile.objects.get(user=mentor).home_region == home and profile.max_regions == 3
    with pytest.raises(PermissionDenied):
        services.save_mentor_profile(
            world.mentors[0],
            mentor,
            home_region=home,
            expertise=[],
            max_regions=3,
            max_travel_days_per_month=10,
        )
    with pytest.raises(ValidationError):
        services.save_mentor_profile(
            world.office,
            world.coordinators[world.code],
            home_region=home,
            expertise=[],
            max_regions=3,
            max_travel_days_per_month=10,
        )
    with pytest.raises(ValidationError) as refused:
        services.save_mentor_profile(
            world.office,
            mentor,
            home_region=home,
            expertise=[],
            max_regions=0,
            max_travel_days_per_month=40,
        )
    assert {"max_regions", "max_travel_days_per_month"} <= set(refused.value.message_dict)
    period = services.add_unavailability(
        mentor, mentor, starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 2)
    )
    assert period.clashing_visits == []
    with pytest.raises(PermissionDenied):
        services.remove_unavailability(world.mentors[0], period)
    services.remove_unavailability(world.office, period)


def _own(world, opd, stage):
    return GuidanceSession.objects.get(visit=world.visit(stage=stage), opd=opd)


def _overlaps(sessions):
    timed = sorted((s.starts_at, s.duration_minutes) for s in sessions if s.starts_at)
    return any(
        start + timedelta(minutes=minutes) > following
        for (start, minutes), (following, _m) in itertools.pairwise(timed)
    )


def test_a_group_formed_in_a_scheduled_visit_takes_the_time_and_pin_it_replaces():
    world = guidance_world()
    coordinator = world.coordinators[world.code]
    guidance = world.guidance[world.code]
    health, schools, planning = world.opds[world.code]
    # Stage II: the schools' session pinned to day 2, 13:00 (the rest fills day 1).
    visit = world.visit(stage=2)
    day = visit.starts_on + timedelta(days=1)
    pinned = services.move_session(
        world.office, _own(world, schools, 2), starts_at=datetime(day.year, day.month, day.day, 13)
    )
    earliest = {n: min(_own(world, o, n).starts_at for o in (schools, planning)) for n in (3, 4)}
    Notification.objects.all().delete()
    group = services.save_group(
        coordinator, guidance, name="Layanan dasar", opds=[schools, planning, health]
    )
    session = GuidanceSession.objects.get(group=group, visit=visit)
    assert session.starts_at == pinned.starts_at and session.pinned  # the pin carried over
    for number in (3, 4):
        replacing = GuidanceSession.objects.get(group=group, visit__stage__number=number)
        assert replacing.starts_at is not None and not replacing.pinned
        assert replacing.starts_at <= earliest[number]
        assert not _overlaps(world.sessions(stage=number))
    # The visit's mentor and the deputy hear it; the coordinator acted.
    told = Notification.objects.filter(url=reverse("bimtek:visit", args=[visit.pk]))
    assert {world.mentors[0].pk, world.deputy.pk} <= set(told.values_list("recipient", flat=True))


def test_an_opd_leaving_a_group_gets_a_free_slot_in_scheduled_visits():
    world = guidance_world()
    coordinator = world.coordinators[world.code]
    guidance = world.guidance[world.code]
    health, schools, _planning = world.opds[world.code]
    group = services.save_group(coordinator, guidance, name="Layanan", opds=[health, schools])
    for number in (2, 3):
        replacing = GuidanceSession.objects.get(group=group, visit__stage__number=number)
        assert replacing.starts_at is not None  # the earliest time of health and schools
    services.save_group(coordinator, guidance, name="Layanan", opds=[health], group=group)
    for number in (2, 3):
        own = _own(world, schools, number)
        visit = world.visit(stage=number)
        assert own.starts_at is not None
        local = timezone.localtime(own.starts_at, zone(world.region))
        assert visit.starts_on <= local.date() <= visit.ends_on and 8 <= local.hour < 15
        assert not _overlaps(world.sessions(stage=number))
    services.delete_group(coordinator, group)
    assert all(_own(world, health, n).starts_at is not None for n in (2, 3, 4))
    assert not any(_overlaps(world.sessions(stage=n)) for n in (2, 3, 4))


def test_a_group_name_is_once_per_region_whatever_its_capitals():
    world = guidance_world(plan=False)
    coordinator = world.coordinators[world.code]
    guidance = world.guidance[world.code]
    health, schools, _planning = world.opds[world.code]
    group = services.save_group(coordinator, guidance, name="Layanan dasar", opds=[health])
    for same in ("Layanan dasar", "  layanan DASAR "):
        with pytest.raises(ValidationError) as refused:
            services.save_group(coordinator, guidance, name=same, opds=[schools])
        assert "name" in refused.value.message_dict
    # The group keeps its own name when changed; another region may use the name.
    services.save_group(
        coordinator, guidance, name="Layanan Dasar", opds=[health, schools], group=group
    )
    other = world.regions[1].code
    services.save_group(
        world.coordinators[other],
        world.guidance[other],
        name="Layanan dasar",
        opds=world.opds[other][:1],
    )


def test_a_blackout_over_planned_visits_reports_them_and_tells_the_office():
    world = guidance_world()
    coordinator = world.coordinators[world.code]
    stage_three = world.visit(stage=3)
    blackout = services.add_blackout(
        coordinator,
        world.region,
        starts_on=stage_three.starts_on,
        ends_on=stage_three.starts_on,
        reason="Pilkada",
    )
    assert [v.pk for v in blackout.clashing_visits] == [stage_three.pk]
    assert blackout.held_visits == []
    stage_three.refresh_from_db()
    assert stage_three.starts_on == world.starts[3]  # reported, not moved
    assert Notification.objects.filter(recipient=world.office, kind="change_request").count() == 1
    # A held visit in the days keeps its record and is said to.
    first = world.sessions(stage=1)[0]
    services.mark_held(world.mentors[0], first, attendees=[AttendeeInput("Ani")])
    stage_one = world.visit(stage=1)
    blackout = services.add_blackout(
        coordinator, world.region, starts_on=stage_one.starts_on, ends_on=stage_one.ends_on
    )
    assert blackout.clashing_visits == []
    assert [v.pk for v in blackout.held_visits] == [stage_one.pk]
    # Both: the office hears of the planned one, and that the held one keeps its record.
    stage_two = world.visit(stage=2)
    blackout = services.add_blackout(
        coordinator, world.region, starts_on=stage_one.starts_on, ends_on=stage_two.starts_on
    )
    assert [v.pk for v in blackout.clashing_visits] == [stage_two.pk]
    note = Notification.objects.filter(recipient=world.office).latest("pk")
    assert "1 kunjungan terjadwal" in note.message and "tetap tercatat" in note.message
