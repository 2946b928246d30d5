"""The program's items in the work inbox (kotacerdas/program/inbox.py): what each role
finds, and what takes it away again."""

from datetime import timedelta
from typing import Any

from kotacerdas.core.inbox import inbox
from kotacerdas.core.roles import Role
from kotacerdas.program import services
from kotacerdas.program.models import Agreement, Cohort, Interview
from kotacerdas.program.services.agreements import ORIGINALS_DUE_DAYS
from tests.site import inbox_data as data


def kinds(user: Any) -> list[tuple[str, str]]:
    return [(item.kind, item.region) for item in inbox(user).items]


def test_an_assessor_finds_applications_to_score_and_interviews_to_record(
    users, batang, make_user
) -> None:  # type: ignore[no-untyped-def]
    office, assessor = users["program_office"], users["assessor"]
    cohort = data.cohort(office)
    application = data.apply(users["coordinator"], cohort, batang)
    assert kinds(assessor) == []
    assignment = services.assign_assessor(office, application, assessor)
    [item] = inbox(assessor).items
    assert item.kind == "application_to_score"
    assert item.url == f"/program/assignments/{assignment.pk}/"
    assert item.region == "Kabupaten Batang" and item.since == assignment.created_at
    assert "Kabupaten Batang" in item.title and cohort.name in item.title
    # Under assessment, the interview waits too, with the assessment phase's end as due.
    Cohort.objects.filter(pk=cohort.pk).update(status="assessment")
    end = data.phase(cohort, "assessment", ends_in=5)
    items = {item.kind: item for item in inbox(assessor).items}
    assert set(items) == {"application_to_score", "interview_to_record"}
    assert items["interview_to_record"].url.endswith("#h-interview")
    assert items["interview_to_record"].due is not None
    assert items["interview_to_record"].due.date() == end.ends_on
    # Another assessor, not assigned, has nothing.
    assert kinds(make_user("asesor-lain", Role.ASSESSOR)) == []
    # Recording the interview and submitting the scores clear both.
    Interview.objects.create(application=application, held_at=data.timezone.now(), attendees="X")
    data.score(office, assessor, application, 3, submit=True)
    assert kinds(assessor) == []


def test_the_office_finds_applications_short_of_assessors_and_disagreements(
    users, batang, batanghari, make_user
) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    cohort = data.cohort(office)
    mine = data.apply(users["coordinator"], cohort, batang)
    theirs = data.apply(users["other_coordinator"], cohort, batanghari)
    second = make_user("asesor-dua", Role.ASSESSOR)
    data.score(office, users["assessor"], mine, 3)
    data.score(office, second, mine, 4)
    services.assign_assessor(office, theirs, users["assessor"])
    items = {(item.kind, item.region): item for item in inbox(office).items}
    assert set(items) == {("application_without_assessors", "Kabupaten Batanghari")}
    assert "1 of 2" in items["application_without_assessors", "Kabupaten Batanghari"].title
    # Scores two points apart on a criterion: a disagreement to look at.
    data.score(office, second, mine, 5)
    disagreeing = [i for i in inbox(office).items if i.kind == "assessors_disagree"]
    assert [i.url for i in disagreeing] == [f"/program/applications/{mine.pk}/"]
    # Once the result is published, assessment work no longer waits.
    Cohort.objects.filter(pk=cohort.pk).update(status="published")
    assert kinds(office) == []


def overdue(office: Any) -> list[str]:
    return [i.url for i in inbox(office).items if i.kind == "agreement_overdue"]


def test_the_office_finds_overdue_agreements(users, batang, batanghari) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    cohort = data.cohort(office)
    signed = data.agreement(
        data.apply(users["coordinator"], cohort, batang),
        status="signed",
        number="1/A",
        signed_on=data.today() - timedelta(days=ORIGINALS_DUE_DAYS + 5),
    )
    draft = data.agreement(data.apply(users["other_coordinator"], cohort, batanghari))
    assert overdue(office) == [f"/program/agreements/{signed.pk}/"]
    # A draft is overdue once the agreement phase ended.
    data.phase(cohort, "agreement", ends_in=-1)
    assert overdue(office) == [
        f"/program/agreements/{signed.pk}/",
        f"/program/agreements/{draft.pk}/",
    ]
    Agreement.objects.filter(pk=signed.pk).update(status="received")
    Agreement.objects.filter(pk=draft.pk).update(status="signed", signed_on=data.today())
    assert overdue(office) == []


def test_a_coordinator_finds_commitments_agreement_steps_and_deadlines(
    users, batang, make_opd
) -> None:  # type: ignore[no-untyped-def]
    office, coordinator = users["program_office"], users["coordinator"]
    cohort = data.cohort(office, 2024)
    application = data.apply(coordinator, cohort, batang)
    make_opd(batang, "Dinas Arsip Batang")
    make_opd(batang, "Bappeda Batang")
    # Nothing before the region is selected: commitments come with the program.
    assert kinds(coordinator) == []
    data.select(office, cohort, [application])
    data.phase(cohort, "agreement", ends_in=10)
    found = {item.kind: item for item in inbox(coordinator).items}
    assert set(found) == {"commitments_missing", "deadline"}
    assert found["commitments_missing"].title == "3 of 3 OPDs have not signed their commitment"
    assert found["commitments_missing"].url == "/regions/33.25/workspace/#h-opds"
    # The agreement phase ends within 14 days and no agreement is drafted: a deadline.
    assert found["deadline"].title == "Agreement signing of Gerakan Menuju Smart City 2024 ends"
    assert found["deadline"].due is not None
    services.record_commitment(
        coordinator, users["opd_officer"].opd, signed_by="Kepala", signed_on=data.today()
    )
    found = {item.kind: item for item in inbox(coordinator).items}
    assert found["commitments_missing"].title.startswith("2 of 3")
    # Drafted, the agreement's step carries the phase's end instead.
    agreement = data.agreement(application)
    found = {item.kind: item for item in inbox(coordinator).items}
    assert "deadline" not in found
    assert found["agreement_step"].url == f"/program/agreements/{agreement.pk}/"
    assert found["agreement_step"].due is not None
    # Signed: the originals go by post within ORIGINALS_DUE_DAYS.
    signed_on = data.today() - timedelta(days=3)
    Agreement.objects.filter(pk=agreement.pk).update(
        status="signed", signed_on=signed_on, number="7/B"
    )
    step = next(i for i in inbox(coordinator).items if i.kind == "agreement_step")
    assert "7/B" in step.title and step.due is not None
    assert step.due.date() == signed_on + timedelta(days=ORIGINALS_DUE_DAYS)
    Agreement.objects.filter(pk=agreement.pk).update(status="sent")
    # Guidance stages: within 14 days only.
    data.phase(cohort, "guidance_1", ends_in=13)
    data.phase(cohort, "guidance_2", ends_in=40)
    deadlines = [i.title for i in inbox(coordinator).items if i.kind == "deadline"]
    assert deadlines == ["Guidance stage I of Gerakan Menuju Smart City 2024 ends"]
    # Another cohort's applications close within 14 days and Batang has not applied.
    data.cohort(office, 2025, deadline_days=5)
    deadlines = {i.url for i in inbox(coordinator).items if i.kind == "deadline"}
    assert deadlines == {"/program/2024/", "/program/2025/"}
    # Other regions' people see none of it: Batanghari only the two cohorts it may apply to.
    theirs = inbox(users["other_coordinator"]).items
    assert {(i.kind, i.region, i.url) for i in theirs} == {
        ("deadline", "Kabupaten Batanghari", "/program/2024/"),
        ("deadline", "Kabupaten Batanghari", "/program/2025/"),
    }
    assert kinds(users["opd_officer"]) == []
