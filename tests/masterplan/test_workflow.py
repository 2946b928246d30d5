"""The masterplan's way from draft to law: submit, request changes, resubmit, approve,
legalise; permissions, wrong steps and bad uploads; and the same over the API."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from kotacerdas.masterplan import services, versions
from kotacerdas.masterplan.models import Masterplan, MasterplanVersion, Program, ReviewMark
from kotacerdas.program.uploads import MAX_UPLOAD_BYTES
from tests.masterplan import conftest_workflow
from tests.masterplan.conftest_workflow import PNG, indicator, program_data, tiny_pdf
from tests.openapi import assert_matches_schema

# Shared fixtures (pytest finds fixtures by module attribute).
clean_plan = conftest_workflow.clean_plan
dinkes = conftest_workflow.dinkes
outsider_mentor = conftest_workflow.outsider_mentor

TODAY = datetime.date(2025, 3, 1)


def _pdf(name: str = "perbup.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, tiny_pdf() if content is None else content)


def _approved(users, plan) -> Masterplan:  # type: ignore[no-untyped-def]
    services.submit(users["coordinator"], plan)
    services.approve(users["mentor"], plan)
    return plan


def _edit_living(users, plan, **changes: object) -> Program:  # type: ignore[no-untyped-def]
    program = Program.objects.get(masterplan=plan, element__code="health")
    data = program_data(
        program.lead_opd_id,
        "living",
        name=program.name,
        horizon="quick_win",
        quick_win_reason=program.quick_win_reason,
        **changes,
    )
    return services.save_program(
        users["coordinator"], plan, data, program=program, expected_version=program.version
    )


def test_a_plan_with_checker_errors_is_not_submitted_and_says_what_to_fix(
    users, plan, dinkes
) -> None:  # type: ignore[no-untyped-def]
    services.save_program(users["coordinator"], plan, program_data(dinkes, "living"))
    with pytest.raises(ValidationError) as error:
        services.submit(users["coordinator"], plan)
    messages = error.value.messages
    assert messages[0].startswith("The checker still finds")
    assert "Dimension Smart Governance has no program yet: add one." in messages
    assert any("no quick win" in m for m in messages)
    plan.refresh_from_db()
    assert plan.status == "draft" and not plan.versions.exists()


def test_review_cycle_freezes_versions_and_shows_what_changed(users, clean_plan) -> None:  # type: ignore[no-untyped-def]
    plan, coordinator, mentor = clean_plan, users["coordinator"], users["mentor"]
    first = services.submit(coordinator, plan)
    assert first.number == 1 and plan.status == "submitted"
    assert len(first.snapshot["programs"]) == 6

    # While submitted the region cannot edit; the mentor sends it back with a note.
    with pytest.raises(ValidationError, match="cannot be edited"):
        _edit_living(users, plan)
    note = services.request_changes(mentor, plan, "Naikkan target puskesmas dan anggaran DAK.")
    assert note.author == mentor and Masterplan.objects.get(pk=plan.pk).status == (
        "changes_requested"
    )
    assert ReviewMark.objects.get(masterplan=plan, reviewer=mentor).version == first

    _edit_living(
        users,
        plan,
        budget=[(2024, "apbd", 250_000_000), (2024, "dak", 150_000_000)],
        indicators=[indicator("Capaian living", range(2024, 2025), start=60)],
    )
    second = services.submit(coordinator, plan)
    assert second.number == 2

    changes = versions.changes_since_last_review(mentor, plan)
    assert changes is not None and not changes.programs_added and not changes.programs_removed
    (changed,) = changes.programs_changed
    assert changed.name == "Puskesmas Digital"
    assert [(b.year, b.source, b.old, b.new) for b in changed.budget] == [
        (2024, "dak", 0, 150_000_000)
    ]
    (target_change,) = changed.indicators
    assert [(t.year, t.old, t.new) for t in target_change.targets] == [(2024, "40", "60")]
    # Five programs of 3 x Rp100 juta and the Rp250 juta quick win, then DAK on top.
    assert (changes.totals.budget_before, changes.totals.budget_after) == (
        1_750_000_000,
        1_900_000_000,
    )
    assert [(t.source, t.old, t.new) for t in changes.totals.by_source] == [("dak", 0, 150_000_000)]

    approved = services.approve(mentor, plan, "Sudah baik.")
    assert approved.status == "approved"
    assert versions.changes_since_last_review(mentor, plan) is None  # reviewed the latest
    assert plan.comments.filter(author=mentor).count() == 2

    services.legalise(coordinator, plan, number="12 Tahun 2025", date=TODAY, document=_pdf())
    stored = Masterplan.objects.get(pk=plan.pk)
    assert stored.status == "legalised" and stored.legal_number == "12 Tahun 2025"
    assert stored.legal_date == TODAY
    assert stored.legal_file.read().startswith(b"%PDF-")

    history = services.status_history(plan)
    assert [(step.status, step.actor) for step in history] == [
        ("draft", coordinator),
        ("submitted", coordinator),
        ("changes_requested", mentor),
        ("submitted", coordinator),
        ("approved", mentor),
        ("legalised", coordinator),
    ]
    assert history[2].previous == "submitted" and history[-1].label == "Legalised"


@pytest.mark.parametrize(
    ("upload", "number", "date", "field"),
    [
        (SimpleUploadedFile("perbup.pdf", PNG), "12 Tahun 2025", TODAY, "document"),
        (None, "12 Tahun 2025", TODAY, "document"),
        ("too big", "12 Tahun 2025", TODAY, "document"),
        ("pdf", "  ", TODAY, "number"),
        ("pdf", "12 Tahun 2025", None, "date"),
        ("pdf", "12", timezone.localdate() + datetime.timedelta(days=1), "date"),
    ],
)
def test_bad_legalisation_is_refused_and_saves_nothing(
    users, clean_plan, settings, upload, number, date, field
) -> None:  # type: ignore[no-untyped-def]
    plan = _approved(users, clean_plan)
    document = upload
    if upload == "pdf":
        document = _pdf()
    elif upload == "too big":
        document = _pdf(content=b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError) as error:
        services.legalise(users["coordinator"], plan, number=number, date=date, document=document)
    assert field in error.value.message_dict
    stored = Masterplan.objects.get(pk=plan.pk)
    assert stored.status == "approved" and stored.legal_number == "" and not stored.legal_file
    folder = settings.MEDIA_ROOT / "masterplans"
    assert not folder.exists() or not any(folder.iterdir())  # no file left behind


def test_a_png_named_pdf_gets_a_message_about_pdfs(users, clean_plan) -> None:  # type: ignore[no-untyped-def]
    plan = _approved(users, clean_plan)
    with pytest.raises(ValidationError) as error:
        services.legalise(
            users["coordinator"],
            plan,
            number="12",
            date=TODAY,
            document=SimpleUploadedFile("perbup.pdf", PNG),
        )
    assert error.value.message_dict["document"] == ["Upload the scan as a PDF file."]


def test_wrong_steps_name_the_status_and_what_is_possible(users, clean_plan) -> None:  # type: ignore[no-untyped-def]
    plan, coordinator, mentor = clean_plan, users["coordinator"], users["mentor"]
    with pytest.raises(ValidationError) as error:
        services.approve(mentor, plan)
    assert error.value.message_dict["status"] == [
        "The masterplan's status is “Draft”, so it cannot be approved. "
        "From here it can only be submitted for review."
    ]
    with pytest.raises(ValidationError, match="“Draft”, so it cannot be legalised"):
        services.legalise(coordinator, plan, number="1", date=TODAY, document=_pdf())
    services.submit(coordinator, plan)
    with pytest.raises(ValidationError) as error:
        services.submit(coordinator, plan)
    assert error.value.message_dict["status"] == [
        "The masterplan's status is “Submitted for review”, so it cannot be submitted for "
        "review. From here it can only be sent back with changes requested or approved."
    ]
    assert plan.versions.count() == 1  # the second click froze nothing
    services.approve(mentor, plan)
    with pytest.raises(ValidationError, match="From here it can only be legalised"):
        services.request_changes(mentor, plan, "Terlambat")
    services.legalise(coordinator, plan, number="1", date=TODAY, document=_pdf())
    with pytest.raises(ValidationError, match="“Legalised”: it is final and cannot be submitted"):
        services.submit(coordinator, plan)


def test_only_the_right_people_move_the_plan(users, clean_plan, outsider_mentor) -> None:  # type: ignore[no-untyped-def]
    plan = clean_plan
    for person in ("opd_officer", "mentor", "other_coordinator", "assessor"):
        with pytest.raises(PermissionDenied):
            services.submit(users[person], plan)
    services.submit(users["coordinator"], plan)
    for person in (users["coordinator"], users["opd_officer"], users["assessor"], outsider_mentor):
        with pytest.raises(PermissionDenied):
            services.approve(person, plan)
        with pytest.raises(PermissionDenied):
            services.request_changes(person, plan, "Tolong perbaiki")
    with pytest.raises(ValidationError) as error:
        services.request_changes(users["mentor"], plan, "   ")
    assert "comment" in error.value.message_dict
    assert Masterplan.objects.get(pk=plan.pk).status == "submitted"
    services.approve(users["program_office"], plan)  # the office reviews too
    with pytest.raises(PermissionDenied):
        services.legalise(users["mentor"], plan, number="1", date=TODAY, document=_pdf())


def test_actions_for_tell_pages_which_buttons_to_show(users, clean_plan) -> None:  # type: ignore[no-untyped-def]
    plan = clean_plan
    assert services.actions_for(users["coordinator"], plan) == ["submit"]
    assert services.actions_for(users["mentor"], plan) == []
    services.submit(users["coordinator"], plan)
    assert services.actions_for(users["mentor"], plan) == ["request_changes", "approve"]
    assert services.actions_for(users["opd_officer"], plan) == []


# Over the API -----------------------------------------------------------------------------

JSON = "application/json"


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_submit_over_api(users, plan, dinkes, outsider_mentor) -> None:  # type: ignore[no-untyped-def]
    url = f"/api/v1/masterplans/{plan.pk}/submit"
    services.save_program(users["coordinator"], plan, program_data(dinkes, "living"))
    refused = _as(users["coordinator"]).post(url, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 422
    assert_matches_schema(refused)
    assert "Dimension Smart Governance has no program yet" in refused.json()["error"]["message"]
    assert _as(users["opd_officer"]).post(url).status_code == 403
    assert _as(users["other_coordinator"]).post(url).status_code == 404
    assert _as(outsider_mentor).post(url).status_code == 404
    assert Client().post(url).status_code == 401
    assert _as(users["coordinator"]).post("/api/v1/masterplans/999999/submit").status_code == 404


def test_the_review_cycle_over_api(users, clean_plan, outsider_mentor) -> None:  # type: ignore[no-untyped-def]
    plan = clean_plan
    base = f"/api/v1/masterplans/{plan.pk}"
    coordinator, mentor = _as(users["coordinator"]), _as(users["mentor"])

    state = coordinator.get(f"{base}/workflow")
    assert state.status_code == 200 and state.json()["actions"] == ["submit"]
    assert_matches_schema(state)
    submitted = coordinator.post(f"{base}/submit")
    assert submitted.status_code == 200, submitted.content
    assert_matches_schema(submitted)
    assert submitted.json()["status"] == "submitted" and submitted.json()["latest_version"] == 1

    blank = mentor.post(f"{base}/request-changes", {"comment": " "}, content_type=JSON)
    assert blank.status_code == 422
    assert blank.json()["error"]["fields"][0]["field"] == "comment"
    assert (
        _as(outsider_mentor)
        .post(f"{base}/request-changes", {"comment": "x"}, content_type=JSON)
        .status_code
        == 404
    )
    assert (
        coordinator.post(f"{base}/request-changes", {"comment": "x"}, content_type=JSON).status_code
        == 403
    )
    sent_back = mentor.post(
        f"{base}/request-changes", {"comment": "Tambah anggaran DAK"}, content_type=JSON
    )
    assert sent_back.status_code == 200 and sent_back.json()["status"] == "changes_requested"

    _edit_living(users, plan, budget=[(2024, "apbd", 300_000_000)])
    assert coordinator.post(f"{base}/submit").status_code == 200

    listed = mentor.get(f"{base}/versions")
    assert listed.status_code == 200
    assert_matches_schema(listed)
    assert [v["number"] for v in listed.json()] == [2, 1]
    assert listed.json()[0]["created_by"] == "coord"

    since = mentor.get(f"{base}/changes-since-my-review")
    assert since.status_code == 200
    assert_matches_schema(since)
    body = since.json()
    assert (body["reviewed_version"], body["latest_version"]) == (1, 2)
    budget = body["changes"]["programs_changed"][0]["budget"]
    assert budget == [{"year": 2024, "source": "apbd", "old": 250_000_000, "new": 300_000_000}]
    nothing = coordinator.get(f"{base}/changes-since-my-review").json()
    assert nothing["reviewed_version"] is None and nothing["changes"] is None

    compared = coordinator.get(f"{base}/versions/compare?a=1&b=2")
    assert compared.status_code == 200
    assert_matches_schema(compared)
    assert compared.json()["changes"]["totals"]["budget_after"] == (
        compared.json()["changes"]["totals"]["budget_before"] + 50_000_000
    )
    unknown = coordinator.get(f"{base}/versions/compare?a=1&b=9")
    assert unknown.status_code == 422 and unknown.json()["error"]["fields"][0]["field"] == "b"
    assert coordinator.get(f"{base}/versions/compare?a=1").status_code == 422
    other = _as(users["other_coordinator"])
    assert other.get(f"{base}/versions").status_code == 404
    assert other.get(f"{base}/versions/compare?a=1&b=2").status_code == 404
    assert other.get(f"{base}/changes-since-my-review").status_code == 404

    approved = mentor.post(f"{base}/approve", {"comment": "Disetujui"}, content_type=JSON)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    again = mentor.post(f"{base}/approve", {}, content_type=JSON, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 422 and "Approved by mentor" in again.json()["error"]["message"]

    png = coordinator.post(
        f"{base}/legalise",
        {"number": "12 Tahun 2025", "date": "2025-03-01", "file": SimpleUploadedFile("p.pdf", PNG)},
    )
    assert png.status_code == 422 and png.json()["error"]["fields"][0]["field"] == "file"
    assert not Masterplan.objects.get(pk=plan.pk).legal_number
    missing = coordinator.post(f"{base}/legalise", {"number": "12", "date": "2025-03-01"})
    assert missing.status_code == 422
    assert (
        mentor.post(
            f"{base}/legalise", {"number": "12", "date": "2025-03-01", "file": _pdf()}
        ).status_code
        == 403
    )
    done = coordinator.post(
        f"{base}/legalise", {"number": "12 Tahun 2025", "date": "2025-03-01", "file": _pdf()}
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "legalised" and done.json()["legal_file"].endswith(".pdf")
    assert done.json()["actions"] == []
    # (a multipart request cannot be re-read by the schema validator; the GET can)
    final = coordinator.get(f"{base}/workflow")
    assert_matches_schema(final)
    assert final.json()["legal_number"] == "12 Tahun 2025"


def test_version_snapshot_survives_later_edits(users, clean_plan) -> None:  # type: ignore[no-untyped-def]
    """A frozen version keeps what was submitted even when the plan changes after."""
    plan = clean_plan
    services.submit(users["coordinator"], plan)
    services.request_changes(users["mentor"], plan, "Ubah nama")
    _edit_living(users, plan, budget=[(2024, "apbd", 1)])
    frozen = MasterplanVersion.objects.get(masterplan=plan, number=1).snapshot
    living = next(p for p in frozen["programs"] if p["element"] == "health")
    assert living["budget"] == [{"year": 2024, "source": "apbd", "amount": 250_000_000}]
    assert Decimal(living["indicators"][0]["baseline_value"]) == 20
