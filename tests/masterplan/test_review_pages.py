"""The review pages: comment threads, the workflow's buttons, versions and their
comparison; who may do what, bad input that saves nothing, and bounded queries."""

import datetime
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.accounts.models import User
from kotacerdas.masterplan import services
from kotacerdas.masterplan.models import (
    MasterplanStatus,
    MasterplanVersion,
    ReviewComment,
)
from tests.masterplan import conftest_workflow
from tests.masterplan.conftest_workflow import PNG, program_data, tiny_pdf
from tests.masterplan.pages import client_as
from tests.masterplan.pages import page_text as _text
from tests.masterplan.pages import page_url as _url
from tests.queries import assert_queries

# Shared fixtures (pytest finds fixtures by module attribute).
clean_plan = conftest_workflow.clean_plan
dinkes = conftest_workflow.dinkes

PAGES = ["review", "versions", "versions/compare"]


@pytest.fixture
def people(users, make_user) -> dict[str, User | None]:  # type: ignore[no-untyped-def]
    return {
        "office": users["program_office"],
        "mentor": users["mentor"],
        "unassigned_mentor": make_user("mentor-free", "mentor"),
        "coordinator": users["coordinator"],
        "other_coordinator": users["other_coordinator"],
        "officer": users["opd_officer"],
        "anonymous": None,
    }


def _as(user: User | None, language: str = "en") -> Client:
    return client_as(user, language)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_each_role_sees_the_review_pages_of_its_own_masterplans_only(plan, people) -> None:  # type: ignore[no-untyped-def]
    for page in PAGES:
        for name, user in people.items():
            response = _as(user, "id").get(_url(plan, page))
            if user is None:
                assert response.status_code == 302, (page, name)
                assert response["Location"].startswith("/accounts/login/")
            elif name in ("unassigned_mentor", "other_coordinator"):
                assert response.status_code == 404, (page, name)
            else:
                assert response.status_code == 200, (page, name)
                assert '<html lang="id">' in response.content.decode()
    # The workflow takes POSTs only, and from those who may see the plan.
    coordinator = _as(people["coordinator"])
    assert coordinator.get(_url(plan, "workflow")).status_code == 405
    assert (
        _as(people["other_coordinator"])
        .post(_url(plan, "workflow"), {"action": "submit"})
        .status_code
        == 404
    )
    assert _as(None).post(_url(plan, "workflow"), {"action": "submit"}).status_code == 302


def test_every_field_on_the_review_page_has_a_label(clean_plan, people) -> None:  # type: ignore[no-untyped-def]
    services.submit(people["coordinator"], clean_plan)
    services.add_comment(people["mentor"], clean_plan, "Perjelas indikator.")
    body = _as(people["mentor"]).get(_url(clean_plan, "review")).content.decode()
    ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body)
    hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', body))
    labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', body))
    assert ids and not (set(ids) - hidden - labelled)


# Comments ----------------------------------------------------------------------------------


def test_mentor_comments_on_a_program_and_the_region_replies(clean_plan, people) -> None:  # type: ignore[no-untyped-def]
    program = clean_plan.programs.get(name="Puskesmas Digital")
    mentor = _as(people["mentor"])
    form = mentor.get(_url(clean_plan, "review")).content.decode()
    assert f'<option value="{program.pk}">Puskesmas Digital</option>' in form
    response = mentor.post(
        _url(clean_plan, "review"),
        {
            "action": "comment",
            "comment-section": "programs",
            "comment-program": program.pk,
            "comment-body": "Target 2024 terlalu tinggi.",
        },
    )
    thread = ReviewComment.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#thread-{thread.pk}")
    assert (thread.program, thread.section, thread.author) == (
        program,
        f"program-{program.pk}",
        people["mentor"],
    )
    coordinator = _as(people["coordinator"])
    page = _text(coordinator.get(_url(clean_plan, "review")))
    assert "Target 2024 terlalu tinggi." in page
    assert f'href="/masterplans/{clean_plan.pk}/programs/{program.pk}/">Puskesmas Digital' in page

    coordinator.post(
        _url(clean_plan, "review"),
        {"action": "reply", "thread": thread.pk, f"reply-{thread.pk}-body": "Sudah diturunkan."},
    )
    assert thread.replies.get().body == "Sudah diturunkan."
    coordinator.post(_url(clean_plan, "review"), {"action": "resolve", "thread": thread.pk})
    thread.refresh_from_db()
    assert thread.resolved_at is not None and thread.resolved_by == people["coordinator"]
    assert "Resolved" in _text(mentor.get(_url(clean_plan, "review")))
    mentor.post(_url(clean_plan, "review"), {"action": "reopen", "thread": thread.pk})
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_an_empty_comment_or_reply_is_refused_and_saves_nothing(plan, people) -> None:  # type: ignore[no-untyped-def]
    mentor = _as(people["mentor"])
    response = mentor.post(
        _url(plan, "review"),
        {"action": "comment", "comment-section": "profile", "comment-body": "   "},
    )
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert 'value="profile" selected' in response.content.decode()  # the choice is kept
    thread = services.add_comment(people["mentor"], plan, "Lengkapi sumber data.")
    response = mentor.post(
        _url(plan, "review"),
        {"action": "reply", "thread": thread.pk, f"reply-{thread.pk}-body": ""},
    )
    assert response.status_code == 200 and ReviewComment.objects.count() == 1
    # Unknown sections and threads are told, never a crash.
    odd = mentor.post(
        _url(plan, "review"),
        {"action": "comment", "comment-section": "nowhere", "comment-body": "x"},
    )
    assert odd.status_code == 200 and ReviewComment.objects.count() == 1
    assert (
        mentor.post(_url(plan, "review"), {"action": "resolve", "thread": "x"}).status_code == 404
    )


def test_who_may_comment(plan, people) -> None:  # type: ignore[no-untyped-def]
    data = {"action": "comment", "comment-section": "general", "comment-body": "Catatan"}
    assert _as(people["unassigned_mentor"]).post(_url(plan, "review"), data).status_code == 404
    assert _as(people["officer"]).post(_url(plan, "review"), data).status_code == 302
    assert ReviewComment.objects.get().author == people["officer"]


# The workflow ------------------------------------------------------------------------------


def test_a_submission_with_checker_errors_is_refused_with_the_messages(plan, people) -> None:  # type: ignore[no-untyped-def]
    response = _as(people["coordinator"]).post(
        _url(plan, "workflow"), {"action": "submit"}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/masterplans/{plan.pk}/"
    shown = _messages(response)
    assert shown[0].startswith("The checker still finds")
    # Every empty chapter is named, in the order of the document, up to the page's cap.
    assert any("The smart-city vision is empty" in m for m in shown)
    assert any("more: see the checker's list" in m for m in shown)
    assert "The checker still finds" in _text(response)
    plan.refresh_from_db()
    assert plan.status == MasterplanStatus.DRAFT and not MasterplanVersion.objects.exists()


def test_submit_request_changes_resubmit_and_approve_through_the_page(
    clean_plan, people, dinkes
) -> None:  # type: ignore[no-untyped-def]
    coordinator, mentor = _as(people["coordinator"]), _as(people["mentor"])
    assert "Submit for review" in _text(coordinator.get(_url(clean_plan, "review")))
    response = coordinator.post(_url(clean_plan, "workflow"), {"action": "submit"})
    assert response["Location"] == _url(clean_plan, "review")
    clean_plan.refresh_from_db()
    assert clean_plan.status == MasterplanStatus.SUBMITTED
    assert "Submit for review" not in _text(coordinator.get(_url(clean_plan, "review")))
    # Only reviewers see the reviewers' buttons; the region may not take their step.
    assert (
        _as(people["officer"]).post(_url(clean_plan, "workflow"), {"action": "approve"}).status_code
        == 403
    )

    page = _text(mentor.get(_url(clean_plan, "review")))
    assert "Send back for changes" in page and "have not reviewed" in page
    refused = mentor.post(
        _url(clean_plan, "workflow"), {"action": "request_changes", "changes-comment": ""}
    )
    assert refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    clean_plan.refresh_from_db()
    assert clean_plan.status == MasterplanStatus.SUBMITTED
    mentor.post(
        _url(clean_plan, "workflow"),
        {"action": "request_changes", "changes-comment": "Tambahkan program sampah."},
    )
    clean_plan.refresh_from_db()
    assert clean_plan.status == MasterplanStatus.CHANGES_REQUESTED
    # The region sees on the overview what to change, and where to answer.
    overview = coordinator.get(f"/masterplans/{clean_plan.pk}/").content.decode()
    requested = overview.split('data-testid="requested-changes"')[1].split("</section>")[0]
    assert "Tambahkan program sampah." in requested and _url(clean_plan, "review") in requested

    services.save_program(
        people["coordinator"],
        clean_plan,
        program_data(dinkes, "environment", name="Bank Sampah Digital"),
    )
    coordinator.post(_url(clean_plan, "workflow"), {"action": "submit"})
    since = _text(mentor.get(_url(clean_plan, "review")))
    assert "Compared with version 1" in since and "Bank Sampah Digital" in since
    assert "Programs added" in since

    mentor.post(_url(clean_plan, "workflow"), {"action": "approve", "approve-comment": "Bagus."})
    clean_plan.refresh_from_db()
    assert clean_plan.status == MasterplanStatus.APPROVED
    assert ReviewComment.objects.filter(body="Bagus.").exists()
    # A second click is told, not applied twice.
    again = mentor.post(_url(clean_plan, "workflow"), {"action": "approve"}, follow=True)
    assert any("cannot be approved" in m for m in _messages(again))
    history = _text(mentor.get(_url(clean_plan, "review")))
    assert history.count("Submitted for review</td>") == 2 and "Approved by mentor</td>" in history


def test_an_unknown_action_is_told(plan, people) -> None:  # type: ignore[no-untyped-def]
    response = _as(people["coordinator"]).post(
        _url(plan, "workflow"), {"action": "publish"}, follow=True
    )
    assert any("Unknown action" in m for m in _messages(response))


def test_legalise_takes_number_date_and_a_real_pdf(clean_plan, people) -> None:  # type: ignore[no-untyped-def]
    services.submit(people["coordinator"], clean_plan)
    services.approve(people["mentor"], clean_plan)
    coordinator = _as(people["coordinator"])
    assert (
        'enctype="multipart/form-data"'
        in coordinator.get(_url(clean_plan, "review")).content.decode()
    )
    data = {"action": "legalise", "legal-number": "12 Tahun 2025", "legal-date": "2025-03-01"}
    fake = coordinator.post(
        _url(clean_plan, "workflow"),
        {**data, "legal-document": SimpleUploadedFile("perbup.pdf", PNG)},
    )
    assert fake.status_code == 200 and "as a PDF file" in _text(fake)
    assert 'value="12 Tahun 2025"' in _text(fake)  # the number typed is kept
    missing = coordinator.post(_url(clean_plan, "workflow"), data)
    assert missing.status_code == 200 and 'aria-invalid="true"' in missing.content.decode()
    clean_plan.refresh_from_db()
    assert clean_plan.status == MasterplanStatus.APPROVED and not clean_plan.legal_number

    coordinator.post(
        _url(clean_plan, "workflow"),
        {**data, "legal-document": SimpleUploadedFile("perbup.pdf", tiny_pdf())},
    )
    clean_plan.refresh_from_db()
    assert clean_plan.status == MasterplanStatus.LEGALISED
    assert (clean_plan.legal_number, clean_plan.legal_date) == (
        "12 Tahun 2025",
        datetime.date(2025, 3, 1),
    )
    assert "Legalised by Perbup/Perwali 12 Tahun 2025" in _text(
        _as(people["mentor"]).get(_url(clean_plan, "review"))
    )
    # Whoever sees the plan downloads the signed regulation; outsiders get 404.
    signed = _as(people["mentor"]).get(f"/masterplans/{clean_plan.pk}/perbup.pdf")
    assert signed.status_code == 200 and b"".join(signed.streaming_content).startswith(b"%PDF")
    outsider = _as(people["other_coordinator"]).get(f"/masterplans/{clean_plan.pk}/perbup.pdf")
    assert outsider.status_code == 404


# Versions ----------------------------------------------------------------------------------


def test_compare_shows_an_added_program_with_its_budget(clean_plan, people, dinkes) -> None:  # type: ignore[no-untyped-def]
    coordinator = people["coordinator"]
    services.submit(coordinator, clean_plan)
    services.request_changes(people["mentor"], clean_plan, "Tambah program.")
    services.save_program(
        coordinator,
        clean_plan,
        program_data(
            dinkes,
            "economy",
            name="Pasar Digital",
            budget=[(2024, "apbd", 1_500_000)],
            end_year=2024,
            horizon="short",
        ),
    )
    services.submit(coordinator, clean_plan)
    client = _as(people["office"])
    listing = _text(client.get(_url(clean_plan, "versions")))
    assert "Compare with version 1" in listing and "coord" in listing
    page = _text(client.get(_url(clean_plan, "versions/compare", "?a=1&b=2")))
    assert "From version 1 to version 2" in page
    added = page.split("Programs added", 1)[1]
    assert "Pasar Digital" in added.split("</ul>", 1)[0]
    assert "Rp1.500.000" in added
    # With no choice, the latest two are compared.
    assert "Pasar Digital" in _text(client.get(_url(clean_plan, "versions/compare")))
    # The other way round the program was removed.
    back = _text(client.get(_url(clean_plan, "versions/compare", "?a=2&b=1")))
    assert "Programs removed" in back and "<del>Pasar Digital</del>" in back


def test_unknown_versions_give_a_clear_message(clean_plan, people) -> None:  # type: ignore[no-untyped-def]
    client = _as(people["mentor"])
    none_yet = client.get(_url(clean_plan, "versions/compare", "?a=1&b=2"))
    assert none_yet.status_code == 200 and "No version yet" in _text(none_yet)
    services.submit(people["coordinator"], clean_plan)
    for query, shown in [
        ("?a=1&b=9", "no version 9"),
        ("?a=x&b=1", "no version x"),
        ("?a=1", "required"),
    ]:
        response = client.get(_url(clean_plan, "versions/compare", query))
        assert response.status_code == 200, query
        assert shown in _text(response), query
    assert "nothing to compare" in _text(client.get(_url(clean_plan, "versions/compare")))


# Query counts ------------------------------------------------------------------------------


def test_review_and_version_pages_have_bounded_queries(clean_plan, people) -> None:  # type: ignore[no-untyped-def]
    coordinator, mentor = people["coordinator"], people["mentor"]
    services.submit(coordinator, clean_plan)
    services.request_changes(mentor, clean_plan, "Perbaiki.")
    for program in clean_plan.programs.all():
        thread = services.add_comment(mentor, clean_plan, f"Soal {program.name}", program=program)
        for n in range(3):
            services.add_comment(coordinator, clean_plan, f"Balasan {n}", parent=thread)
    for n in range(15):
        services.add_comment(mentor, clean_plan, f"Catatan {n}", section="profile")
    services.submit(coordinator, clean_plan)
    for user, page, name in [
        (mentor, "review", "page masterplan:review (30 threads, mentor)"),
        (coordinator, "review", "page masterplan:review (30 threads, coordinator)"),
        (mentor, "versions", "page masterplan:versions (mentor)"),
        (mentor, "versions/compare", "page masterplan:compare (mentor)"),
    ]:
        client = _as(user)
        with assert_queries(name):
            assert client.get(_url(clean_plan, page)).status_code == 200, page
