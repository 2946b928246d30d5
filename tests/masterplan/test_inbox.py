"""The masterplan's items in the work inbox (kotacerdas/masterplan/inbox.py): reviews and
answered comments for mentors, the change request, checker errors, reviewers' comments
and the deadline for the region, the OPD's own share for its officer, overdue
masterplans for the office."""

from typing import Any

from kotacerdas.core.inbox import inbox
from kotacerdas.core.roles import Role
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import Masterplan
from tests.masterplan import conftest_workflow
from tests.masterplan.conftest import program_input
from tests.site import inbox_data as data

clean_plan = conftest_workflow.clean_plan
dinkes = conftest_workflow.dinkes


def kinds(user: Any) -> list[str]:
    return [item.kind for item in inbox(user).items]


def test_a_review_goes_back_and_forth_through_the_inboxes(users, clean_plan, make_user) -> None:  # type: ignore[no-untyped-def]
    plan, mentor, coordinator = clean_plan, users["mentor"], users["coordinator"]
    # A complete draft: nothing for the coordinator, nothing for the mentor yet.
    assert kinds(coordinator) == [] and kinds(mentor) == []
    version = services.submit(coordinator, plan)
    [item] = inbox(mentor).items
    assert item.kind == "masterplan_to_review" and item.region == "Kabupaten Batang"
    assert item.url == f"/masterplans/{plan.pk}/review/" and item.since == version.created_at
    # A mentor not assigned to Batang has nothing; nor has the coordinator while it waits.
    assert kinds(make_user("mentor-lain", Role.MENTOR)) == []
    assert kinds(coordinator) == []

    note = services.request_changes(mentor, plan, "Tambahkan target tahun 2030.")
    assert kinds(mentor) == []
    [request] = inbox(coordinator).items
    assert request.kind == "changes_requested"
    assert request.detail == "Tambahkan target tahun 2030."
    assert request.url == f"/masterplans/{plan.pk}/review/#thread-{note.pk}"
    assert request.since == note.created_at

    # The region answers: the mentor finds the answer.
    reply = services.add_comment(coordinator, plan, "Sudah kami tambahkan.", parent=note)
    [answered] = inbox(mentor).items
    assert answered.kind == "comment_answered"
    assert answered.title == "Kabupaten Batang answered your comment on The masterplan as a whole"
    assert answered.detail == "Sudah kami tambahkan." and answered.since == reply.created_at
    assert kinds(coordinator) == ["changes_requested"]
    # The mentor answers back, or resolves: off the mentor's list again.
    services.add_comment(mentor, plan, "Terima kasih, lanjutkan.", parent=note)
    assert kinds(mentor) == []
    assert kinds(coordinator) == ["changes_requested"]  # the note, with its last word
    services.resolve_comment(mentor, note)
    assert kinds(coordinator) == ["changes_requested"]
    # A new thread the region starts waits for the mentor too.
    services.add_comment(coordinator, plan, "Mohon arahan untuk anggaran.", section="budget")
    [started] = inbox(mentor).items
    assert started.title == "Kabupaten Batang commented on Budget"
    services.submit(coordinator, plan)
    services.approve(mentor, plan)
    assert kinds(coordinator) == []


def test_checker_errors_and_reviewers_comments_reach_the_opd_that_owns_them(
    users, plan, dinkes, make_opd
) -> None:  # type: ignore[no-untyped-def]
    coordinator, officer, mentor = users["coordinator"], users["opd_officer"], users["mentor"]
    bappeda = make_opd(plan.region, "Bappeda Batang").pk
    own = services.save_program(officer, plan, program_input(dinkes, budget=[]))
    other = services.save_program(
        coordinator, plan, program_input(bappeda, name="Satu Data", budget=[])
    )
    problem = services.save_finding(
        officer, plan, services.FindingInput("problem", "Antrean panjang", dinkes)
    )
    services.save_finding(
        coordinator, plan, services.FindingInput("problem", "Data tersebar", bappeda)
    )
    mine = inbox(officer).items
    assert {i.kind for i in mine} == {"checker_error"}
    assert {i.url for i in mine} == {
        f"/masterplans/{plan.pk}/programs/{own.pk}/",
        f"/masterplans/{plan.pk}/findings/#problem-{problem.pk}",
    }
    assert any("Puskesmas Digital" in i.title for i in mine)
    assert not any("Satu Data" in i.title for i in mine)
    # The coordinator sees every error, the other OPD's program's too.
    errors = [i for i in inbox(coordinator).items if i.kind == "checker_error"]
    assert f"/masterplans/{plan.pk}/programs/{other.pk}/" in {i.url for i in errors}
    assert len(errors) > len(mine)

    # A mentor's comment on the OPD's program reaches its officer; on another's, not.
    thread = services.add_comment(mentor, plan, "Indikatornya?", program=own)
    services.add_comment(mentor, plan, "Siapa pengampunya?", program=other)
    services.add_comment(mentor, plan, "Lengkapi profil.", section="profile")
    comments = [i for i in inbox(officer).items if i.kind == "comment_to_answer"]
    assert [(i.title, i.url) for i in comments] == [
        (
            "A reviewer commented on Puskesmas Digital",
            f"/masterplans/{plan.pk}/review/#thread-{thread.pk}",
        )
    ]
    assert len([i for i in inbox(coordinator).items if i.kind == "comment_to_answer"]) == 3
    # Answered by the officer: it waits for the mentor now, not the region.
    services.add_comment(officer, plan, "Sudah ditambah.", parent=thread)
    assert "comment_to_answer" not in kinds(officer)
    assert kinds(mentor) == ["comment_answered"]
    # Submitted, the plan cannot change: no checker errors to fix.
    Masterplan.objects.filter(pk=plan.pk).update(status="submitted")
    assert kinds(officer) == []
    # Another region's coordinator sees nothing of Batang's.
    assert kinds(users["other_coordinator"]) == []


def test_deadlines_of_the_masterplan(users, plan, batang, batanghari) -> None:  # type: ignore[no-untyped-def]
    office, coordinator = users["program_office"], users["coordinator"]
    cohort = data.cohort(office)
    data.select(
        office,
        cohort,
        [
            data.apply(coordinator, cohort, batang),
            data.apply(users["other_coordinator"], cohort, batanghari),
        ],
    )
    phase = data.phase(cohort, "masterplan", ends_in=7)
    [due] = [i for i in inbox(coordinator).items if i.kind == "masterplan_deadline"]
    assert due.kind == "masterplan_deadline" and due.url == f"/masterplans/{plan.pk}/"
    assert due.due is not None and due.due.date() == phase.ends_on
    [theirs] = [
        i for i in inbox(users["other_coordinator"]).items if i.kind == "masterplan_deadline"
    ]
    assert theirs.title == "The masterplan is due and not started yet"
    assert theirs.url == "/masterplans/"
    assert "masterplan_overdue" not in kinds(office)
    # Past the deadline: the office finds both; the coordinator still has it.
    phase.ends_on = data.today() - data.timedelta(days=3)
    phase.save()
    overdue = [i for i in inbox(office).items if i.kind == "masterplan_overdue"]
    assert sorted(i.region for i in overdue) == ["Kabupaten Batang", "Kabupaten Batanghari"]
    [late] = [i for i in inbox(coordinator).items if i.kind == "masterplan_deadline"]
    assert late.title == "The masterplan's deadline has passed and it is not approved yet"
    # Submitted: the mentor has it; nothing for the region to do about the deadline.
    Masterplan.objects.filter(pk=plan.pk).update(status="submitted")
    assert "masterplan_deadline" not in kinds(coordinator)
    # Approved: done.
    Masterplan.objects.filter(pk=plan.pk).update(status="approved")
    overdue = [i for i in inbox(office).items if i.kind == "masterplan_overdue"]
    assert [i.region for i in overdue] == ["Kabupaten Batanghari"]
    assert "masterplan_deadline" not in kinds(coordinator)
