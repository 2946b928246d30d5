"""Schedule runs: starting one (the job that builds the problem, solves it and stores the
answer), applying its plan, and what is refused."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kotacerdas.accounts.models import Notification
from kotacerdas.bimtek import services
from kotacerdas.bimtek.models import GuidanceVisit, RunStatus, ScheduleRun, SessionStatus
from kotacerdas.bimtek.services import AttendeeInput
from kotacerdas.core.models import Job, JobStatus
from tests.bimtek.factories import guidance_world, hand_plan

pytestmark = pytest.mark.django_db


def test_world_is_planned():
    world = guidance_world()
    assert world.run is not None and world.run.applied_at is not None
    visit = world.visit(stage=1)
    assert visit.starts_on == world.starts[1]
    assert list(visit.mentors.all()) == [world.mentors[0]]
    assert all(s.starts_at is not None and s.sequence == 1 for s in world.sessions(stage=2))
    assert GuidanceVisit.objects.filter(guidance__cohort=world.cohort).count() == 12
    guidance = world.guidance[world.code]
    assert list(guidance.team.all()) == [world.mentors[0]]
    assert world.region in world.mentors[0].assigned_regions.all()
    # The coordinator, the deputy and the mentor heard of the plan.
    told = set(Notification.objects.filter(kind="assignment").values_list("recipient", flat=True))
    assert {world.coordinators[world.code].pk, world.deputy.pk, world.mentors[0].pk} <= told


def _run(world, django_capture_on_commit_callbacks, **options):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.start_schedule_run(
            world.office, world.cohort, starts_on=world.starts[1], time_limit_s=5, **options
        )
    run.refresh_from_db()
    return run


def test_a_run_solves_in_the_background_and_stores_its_answer(
    django_capture_on_commit_callbacks,
):
    world = guidance_world(plan=False)
    run = _run(world, django_capture_on_commit_callbacks)
    assert run.ends_on == world.deadline  # the masterplan deadline by default
    assert run.status in (RunStatus.OPTIMAL, RunStatus.FEASIBLE), run.warnings
    assert run.job is not None and Job.objects.get(pk=run.job_id).status == JobStatus.SUCCEEDED
    assert len(run.plan) == 12 and not run.unplaced
    first = run.plan[0]
    assert isinstance(first["start"], str) and isinstance(first["sessions"][0]["day"], str)
    assert run.figures["visits"] == 12 and run.greedy_figures
    # The person who started it is told.
    assert Notification.objects.filter(recipient=world.office, kind="result").count() == 1
    applied = services.apply_run(world.office, run)
    assert applied.applied_at is not None
    for visit in GuidanceVisit.objects.filter(guidance__cohort=world.cohort):
        assert visit.starts_on is not None and visit.mentors.count() == 1


def test_replanning_keeps_held_sessions_and_moves_around_an_ill_mentor(
    django_capture_on_commit_callbacks,
):
    world = guidance_world()
    mentor = world.mentors[0]
    stage_one = world.sessions(stage=1)
    for session in stage_one:
        services.mark_held(
            mentor, session, attendees=[AttendeeInput("Budi", world.opds[world.code][0])]
        )
    held = {s.pk: s.starts_at for s in stage_one}
    stage_three = world.visit(stage=3)
    period = services.add_unavailability(
        mentor, mentor, starts_on=stage_three.starts_on, ends_on=stage_three.ends_on, reason="Sakit"
    )
    assert [v.pk for v in period.clashing_visits] == [stage_three.pk]
    stage_three.refresh_from_db()
    assert stage_three.starts_on == world.starts[3]  # reported, not silently moved
    run = _run(world, django_capture_on_commit_callbacks)
    assert run.status in (RunStatus.OPTIMAL, RunStatus.FEASIBLE), (run.warnings, run.unplaced)
    services.apply_run(world.office, run)
    for session in world.sessions(stage=1):
        assert session.status == SessionStatus.HELD and session.starts_at == held[session.pk]
    stage_three.refresh_from_db()
    clear = stage_three.ends_on < period.starts_on or stage_three.starts_on > period.ends_on
    assert clear or mentor not in stage_three.mentors.all()


def test_a_failing_solver_fails_the_run_with_a_message(
    django_capture_on_commit_callbacks, monkeypatch
):
    from kotacerdas.bimtek import scheduling

    def broken(problem, progress=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(scheduling, "solve", broken)
    world = guidance_world(plan=False)
    run = _run(world, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.FAILED
    assert run.warnings and "boom" not in run.warnings[0]
    assert Job.objects.get(pk=run.job_id).status == JobStatus.FAILED
    with pytest.raises(ValidationError, match="not finished"):
        services.apply_run(world.office, run)


def test_only_the_office_plans(django_capture_on_commit_callbacks):
    world = guidance_world(plan=False)
    for person in (world.coordinators[world.code], world.mentors[0]):
        with pytest.raises(PermissionDenied):
            services.start_schedule_run(person, world.cohort, starts_on=world.starts[1])
    with pytest.raises(ValidationError) as refused:
        services.start_schedule_run(
            world.office,
            world.cohort,
            starts_on=world.starts[1],
            ends_on=world.starts[1] - timedelta(days=1),
        )
    assert "ends_on" in refused.value.message_dict


def _stored_run(world, **fields):
    return ScheduleRun.objects.create(
        cohort=world.cohort,
        requested_by=world.office,
        starts_on=world.starts[1],
        ends_on=world.deadline,
        status=RunStatus.FEASIBLE,
        plan=hand_plan(world),
        **fields,
    )


def test_apply_refuses_what_changed_since_and_runs_applied_or_superseded():
    world = guidance_world()
    with pytest.raises(ValidationError, match="applied"):
        services.apply_run(world.office, world.run)  # applied already
    older = _stored_run(world)
    newer = _stored_run(world)
    services.apply_run(world.office, newer)
    with pytest.raises(ValidationError, match="newer run"):
        services.apply_run(world.office, older)
    # A visit pinned elsewhere after the run started: refused, with the region named.
    run = _stored_run(world)
    visit = world.visit(stage=4)
    services.move_visit(world.office, visit, starts_on=_later(visit.starts_on))
    with pytest.raises(ValidationError, match="Batang"):
        services.apply_run(world.office, run)
    with pytest.raises(PermissionDenied):
        services.apply_run(world.coordinators[world.code], _stored_run(world))


def _later(day):
    from kotacerdas.bimtek import workdays

    return workdays.working_run(day + timedelta(days=7), 3)


def test_a_partial_plan_clears_the_visits_it_could_not_place():
    """Visits a plan leaves out lose their dates, team and session times (so no stage
    stays out of order and no mentor double-booked); held and pinned ones stay."""
    world = guidance_world()
    pekalongan = world.regions[1].code
    pinned = world.visit(pekalongan, 4)
    services.set_pinned(world.office, pinned, True)
    left_out = {(world.code, 3), (world.code, 4), (pekalongan, 4)}
    plan = [row for row in hand_plan(world) if (row["region"], row["stage"]) not in left_out]
    run = _stored_run(world)
    ScheduleRun.objects.filter(pk=run.pk).update(plan=plan)
    run.refresh_from_db()
    assert services.unplaced_on_apply(run) == 2  # Batang III and IV; the pinned one stays
    before = {n: world.visit(stage=n) for n in (3, 4)}
    sessions_before = {s.pk: s.sequence for n in (3, 4) for s in world.sessions(stage=n)}
    Notification.objects.all().delete()
    services.apply_run(world.office, run)
    for number, old in before.items():
        visit = world.visit(stage=number)
        assert (visit.starts_on, visit.ends_on) == (None, None)
        assert visit.sequence == old.sequence + 1
        assert not visit.mentors.exists()
        for session in world.sessions(stage=number):
            assert session.starts_at is None and not session.pinned
            assert session.sequence == sessions_before[session.pk] + 1
    kept = world.visit(pekalongan, 4)
    assert (kept.starts_on, kept.ends_on) == (pinned.starts_on, pinned.ends_on)
    assert kept.mentors.exists()
    assert world.visit(stage=2).starts_on == world.starts[2]  # placed: as planned
    told = Notification.objects.filter(message__contains="Tahap III")
    assert {world.mentors[0].pk, world.coordinators[world.code].pk} <= set(
        told.values_list("recipient", flat=True)
    )
