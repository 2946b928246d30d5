"""Review comments: threads on sections and programs, replies, resolving and reopening,
who may do what, bounded queries, and the same over the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import ReviewComment
from tests.masterplan import conftest_workflow
from tests.masterplan.conftest_workflow import program_data
from tests.openapi import assert_matches_schema
from tests.queries import assert_queries

# Shared fixtures (pytest finds fixtures by module attribute).
dinkes = conftest_workflow.dinkes
outsider_mentor = conftest_workflow.outsider_mentor

JSON = "application/json"


@pytest.fixture
def program(users, plan, dinkes):  # type: ignore[no-untyped-def]
    return services.save_program(users["coordinator"], plan, program_data(dinkes, "living"))


def test_threads_gather_replies_and_follow_their_section(users, plan, program) -> None:  # type: ignore[no-untyped-def]
    mentor, coordinator, officer = users["mentor"], users["coordinator"], users["opd_officer"]
    thread = services.add_comment(mentor, plan, "Target 2025 terlalu rendah.", program=program)
    assert thread.section == f"program-{program.pk}" and thread.program == program
    reply = services.add_comment(coordinator, plan, "Akan kami naikkan.", parent=thread)
    # A reply to a reply joins the same thread, on the same section.
    services.add_comment(officer, plan, "Dinkes setuju.", parent=reply, section="profile")
    services.add_comment(officer, plan, "Data BPS 2023 sudah masuk.", section="profile")
    by_section = services.add_comment(
        mentor, plan, "Lihat program ini", section=f"program-{program.pk}"
    )
    assert by_section.program == program

    threads = services.comment_threads(plan)
    assert [t.body for t in threads] == [
        "Target 2025 terlalu rendah.",
        "Data BPS 2023 sudah masuk.",
        "Lihat program ini",
    ]
    assert [(r.author, r.body) for r in threads[0].replies.all()] == [
        (coordinator, "Akan kami naikkan."),
        (officer, "Dinkes setuju."),
    ]
    assert all(r.section == thread.section for r in threads[0].replies.all())
    assert [t.body for t in services.comment_threads(plan, section="profile")] == [
        "Data BPS 2023 sudah masuk."
    ]
    assert services.open_thread_count(plan) == 3


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"body": "   "}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"body": "ok", "section": "Not An Anchor!"}, "section"),
        ({"body": "ok", "section": "program-999999"}, "section"),
    ],
)
def test_bad_comments_are_refused(users, plan, kwargs, field) -> None:  # type: ignore[no-untyped-def]
    body = kwargs.pop("body")
    with pytest.raises(ValidationError) as error:
        services.add_comment(users["mentor"], plan, body, **kwargs)
    assert field in error.value.message_dict
    assert not ReviewComment.objects.exists()


def test_threads_and_programs_of_another_masterplan_are_refused(  # type: ignore[no-untyped-def]
    users, plan, program, batanghari, make_opd
) -> None:
    office = users["program_office"]
    other_plan = services.start_masterplan(office, batanghari, 2024)
    other_opd = make_opd(batanghari, "Dinkes Batanghari")
    other_program = services.save_program(office, other_plan, program_data(other_opd.pk, "living"))
    foreign_thread = services.add_comment(office, other_plan, "Catatan lain")
    with pytest.raises(ValidationError) as error:
        services.add_comment(office, plan, "Balasan", parent=foreign_thread)
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_comment(office, plan, "Tentang program", program=other_program)
    assert "program" in error.value.message_dict
    assert not plan.comments.exists()


def test_only_reviewers_and_the_regions_people_comment(users, plan, outsider_mentor) -> None:  # type: ignore[no-untyped-def]
    for person in (
        users["other_coordinator"],
        outsider_mentor,
        users["assessor"],
        users["no_role"],
    ):
        with pytest.raises(PermissionDenied):
            services.add_comment(person, plan, "Halo")
    for person in ("mentor", "program_office", "coordinator", "opd_officer"):
        services.add_comment(users[person], plan, f"Dari {person}")
    assert plan.comments.count() == 4


def test_resolving_and_reopening_threads(users, plan) -> None:  # type: ignore[no-untyped-def]
    mentor, coordinator, officer = users["mentor"], users["coordinator"], users["opd_officer"]
    thread = services.add_comment(mentor, plan, "Lengkapi profil wilayah.", section="profile")
    reply = services.add_comment(officer, plan, "Sedang dilengkapi.", parent=thread)
    own = services.add_comment(officer, plan, "Pertanyaan Dinkes", section="findings")

    with pytest.raises(PermissionDenied):
        services.resolve_comment(officer, thread)  # neither its author nor a reviewer
    with pytest.raises(ValidationError, match="resolve or reopen the whole thread"):
        services.resolve_comment(coordinator, reply)
    resolved = services.resolve_comment(coordinator, thread)
    assert resolved.resolved_by == coordinator and resolved.resolved_at is not None
    assert services.open_thread_count(plan) == 1
    services.resolve_comment(coordinator, thread)  # a second click changes nothing
    assert ReviewComment.objects.get(pk=thread.pk).resolved_by == coordinator

    reopened = services.reopen_comment(mentor, thread)
    assert reopened.resolved_at is None and reopened.resolved_by is None
    assert services.open_thread_count(plan) == 2
    services.resolve_comment(officer, own)  # the author resolves their own thread
    with pytest.raises(PermissionDenied):
        services.reopen_comment(users["other_coordinator"], own)
    assert services.open_thread_count(plan) == 1


def test_comment_threads_take_two_queries_however_many(  # type: ignore[no-untyped-def]
    users, plan, program
) -> None:
    people = [users["mentor"], users["coordinator"], users["opd_officer"]]
    for n in range(8):
        thread = services.add_comment(people[n % 3], plan, f"Utas {n}", program=program)
        for m in range(3):
            services.add_comment(people[m], plan, f"Balasan {n}.{m}", parent=thread)
        if n % 2:
            services.resolve_comment(users["mentor"], thread)
    with assert_queries("service masterplan.services.comment_threads (8 threads)"):
        threads = services.comment_threads(plan)
        shown = [
            (
                t.author.username,
                t.program.name,
                t.resolved_by and t.resolved_by.username,
                *(r.author.username for r in t.replies.all()),
            )
            for t in threads
        ]
    assert len(shown) == 8 and all(len(row) == 6 for row in shown)


# Over the API -----------------------------------------------------------------------------


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_comments_over_api(users, plan, program, outsider_mentor) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{plan.pk}/comments"
    mentor, coordinator = _as(users["mentor"]), _as(users["coordinator"])

    started = mentor.post(
        url, {"body": "Target terlalu rendah", "program": program.pk}, content_type=JSON
    )
    assert started.status_code == 201, started.content
    assert_matches_schema(started)
    thread = started.json()
    assert thread["section"] == f"program-{program.pk}" and thread["author"] == "mentor"

    replied = coordinator.post(
        url, {"body": "Sudah dinaikkan", "parent": thread["id"]}, content_type=JSON
    )
    assert replied.status_code == 201 and replied.json()["parent"] == thread["id"]

    blank = coordinator.post(url, {"body": " "}, content_type=JSON)
    assert blank.status_code == 422 and blank.json()["error"]["fields"][0]["field"] == "body"
    no_parent = coordinator.post(url, {"body": "x", "parent": 999999}, content_type=JSON)
    assert no_parent.status_code == 422
    assert no_parent.json()["error"]["fields"][0]["field"] == "parent"
    no_program = coordinator.post(url, {"body": "x", "program": 999999}, content_type=JSON)
    assert no_program.json()["error"]["fields"][0]["field"] == "program"
    unknown_field = coordinator.post(url, {"body": "x", "colour": "red"}, content_type=JSON)
    assert unknown_field.status_code == 422

    assert _as(users["other_coordinator"]).get(url).status_code == 404
    assert _as(outsider_mentor).post(url, {"body": "x"}, content_type=JSON).status_code == 404
    assert _as(users["assessor"]).post(url, {"body": "x"}, content_type=JSON).status_code == 403

    listed = _as(users["opd_officer"]).get(url)
    assert listed.status_code == 200
    assert_matches_schema(listed)
    (only,) = listed.json()
    assert [r["body"] for r in only["replies"]] == ["Sudah dinaikkan"]
    assert coordinator.get(f"{url}?section=profile").json() == []

    resolve = f"/api/v1/comments/{thread['id']}/resolve"
    assert _as(users["opd_officer"]).post(resolve).status_code == 403
    assert _as(users["other_coordinator"]).post(resolve).status_code == 404
    resolved = coordinator.post(resolve)
    assert resolved.status_code == 200
    assert_matches_schema(resolved)
    assert resolved.json()["resolved_by"] == "coord"
    reply_resolve = coordinator.post(f"/api/v1/comments/{replied.json()['id']}/resolve")
    assert reply_resolve.status_code == 422
    reopened = mentor.post(f"/api/v1/comments/{thread['id']}/reopen")
    assert reopened.status_code == 200 and reopened.json()["resolved_at"] is None
    assert coordinator.post("/api/v1/comments/999999/reopen").status_code == 404
