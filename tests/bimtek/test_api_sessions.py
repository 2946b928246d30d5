"""Visits and sessions over the API: lists and filters, moves checked at once (a holiday
refused with its name), times in the region's zone either way they are sent, attendance
and the stage's sign-off, unknown and foreign ids."""

from typing import Any

from kotacerdas.bimtek.models import Attendance, GuidanceSession, GuidanceVisit
from tests.bimtek import test_api_setup as setup
from tests.bimtek.test_api_setup import JSON, client_for

media_root = setup.media_root
people = setup.people
shared_world = setup.shared_world
guidance_world = setup.guidance_world
world = setup.world

B = "/api/v1/bimtek"


def _errors(response: Any) -> dict[str, str]:
    body = response.json()["error"]
    return {field["field"]: field["message"] for field in body["fields"]} | {"": body["message"]}


def test_visits_list_filters_and_detail(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    listed = office.get(f"{B}/visits", {"cohort": world["year"], "region": world["code"]})
    assert listed.status_code == 200
    body = listed.json()
    assert body["count"] == 4 and {v["stage"] for v in body["items"]} == {1, 2, 3, 4}
    by_mentor = office.get(f"{B}/visits", {"mentor": world["mentor_id"]}).json()
    assert [v["id"] for v in by_mentor["items"]] == [world["visit"]]
    assert office.get(f"{B}/visits", {"stage": 2}).json()["items"][0]["stage"] == 2
    assert office.get(f"{B}/visits", {"stage": 9}).status_code == 422
    detail = office.get(f"{B}/visits/{world['visit']}").json()
    assert detail["starts_on"] == "2023-09-04" and detail["timezone"] == "Asia/Jakarta"
    assert [m["username"] for m in detail["mentors"]] == ["mentor"]
    assert detail["sessions"] and detail["sessions"][0]["kind"] == "plenary"
    assert detail["sessions"][0]["starts_at"].endswith("+07:00")


def test_what_each_role_finds_in_the_lists(people, world) -> None:  # type: ignore[no-untyped-def]
    def count(role: str, url: str) -> int:
        return int(client_for(people[role]).get(url).json()["count"])

    for role in ("program_office", "coordinator", "opd_officer", "mentor"):
        assert count(role, f"{B}/visits") == 4, role
        assert count(role, f"{B}/sessions") > 0, role
    for role in ("other_coordinator", "assessor", "unassigned_mentor", "no_role"):
        assert count(role, f"{B}/visits") == 0, role
        assert count(role, f"{B}/sessions") == 0, role


def test_unknown_and_foreign_ids_are_404(people, world) -> None:  # type: ignore[no-untyped-def]
    office, outsider = client_for(people["program_office"]), client_for(people["other_coordinator"])
    for url in (f"{B}/visits/999999", f"{B}/sessions/999999"):
        response = office.get(url)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert outsider.get(f"{B}/visits/{world['visit']}").status_code == 404
    assert outsider.get(f"{B}/sessions/{world['session']}").status_code == 404
    moved = outsider.post(
        f"{B}/sessions/{world['session']}/move",
        {"local_date": "2023-09-05", "local_time": "09:00"},
        content_type=JSON,
    )
    assert moved.status_code == 404


def test_sessions_filtered_by_days_in_the_regions_zone(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    first_day = office.get(f"{B}/sessions", {"from": "2023-09-04", "to": "2023-09-04"}).json()
    assert first_day["count"] >= 1
    assert all(s["starts_at"].startswith("2023-09-04") for s in first_day["items"])
    assert office.get(f"{B}/sessions", {"from": "2023-09-07"}).json()["count"] == 0
    mine = office.get(f"{B}/sessions", {"mentor": world["mentor_id"], "cohort": 2023}).json()
    assert (
        mine["count"]
        == first_day["count"]
        + office.get(f"{B}/sessions", {"from": "2023-09-05", "to": "2023-09-06"}).json()["count"]
    )
    assert office.get(f"{B}/sessions", {"from": "4 Sept"}).status_code == 422


def test_a_move_onto_a_holiday_is_refused_with_the_reason(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    # 16-18 August 2027: the 17th is Independence Day (lokal-id knows 2026 and 2027).
    refused = office.post(
        f"{B}/visits/{world['visit']}/move", {"starts_on": "2027-08-16"}, content_type=JSON
    )
    assert refused.status_code == 422, refused.content
    message = _errors(refused)["starts_on"]
    assert "17 August 2027 is a public holiday" in message, message
    assert GuidanceVisit.objects.get(pk=world["visit"]).starts_on.isoformat() == "2023-09-04"
    # Onto the region's blackout days (16-17 October, Pilkades).
    blackout = office.post(
        f"{B}/visits/{world['visit']}/move", {"starts_on": "2023-10-16"}, content_type=JSON
    )
    assert blackout.status_code == 422 and "Pilkades" in _errors(blackout)["starts_on"]
    # A team that is not a mentor, under the body's own field name.
    stranger = office.post(
        f"{B}/visits/{world['visit']}/move",
        {"starts_on": "2023-09-11", "mentor_ids": [people["coordinator"].pk]},
        content_type=JSON,
    )
    assert stranger.status_code == 422 and "mentor_ids" in _errors(stranger)


def test_moving_a_visit_moves_its_sessions_and_pins_it(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    moved = office.post(
        f"{B}/visits/{world['visit']}/move",
        {"starts_on": "2023-09-11", "mentor_ids": [world["mentor_id"]]},
        content_type=JSON,
    )
    assert moved.status_code == 200, moved.content
    body = moved.json()
    assert body["starts_on"] == "2023-09-11" and body["pinned"] is True
    days = {s["starts_at"][:10] for s in body["sessions"] if s["starts_at"]}
    assert days and min(days) == "2023-09-11"
    unpinned = office.post(f"{B}/visits/{world['visit']}/pin", {"pinned": False}, content_type=JSON)
    assert unpinned.status_code == 200 and unpinned.json()["pinned"] is False
    coordinator = client_for(people["coordinator"])
    refused = coordinator.post(
        f"{B}/visits/{world['visit']}/move", {"starts_on": "2023-09-11"}, content_type=JSON
    )
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"


def test_a_session_moves_by_offset_or_by_the_regions_local_time(people, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = client_for(people["coordinator"])
    url = f"{B}/sessions/{world['session']}/move"
    local = coordinator.post(
        url, {"local_date": "2023-09-06", "local_time": "15:00"}, content_type=JSON
    )
    assert local.status_code == 200, local.content
    assert local.json()["starts_at"] == "2023-09-06T15:00:00+07:00"
    assert local.json()["pinned"] is True
    # 09:00 in Makassar's zone is 08:00 in Batang's.
    offset = coordinator.post(url, {"starts_at": "2023-09-06T09:00:00+08:00"}, content_type=JSON)
    assert offset.status_code == 200, offset.content
    assert offset.json()["starts_at"] == "2023-09-06T08:00:00+07:00"
    session = GuidanceSession.objects.get(pk=world["session"])
    assert session.sequence >= 2


def test_a_session_time_must_say_its_zone_one_way(people, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = client_for(people["coordinator"])
    url = f"{B}/sessions/{world['session']}/move"
    naive = coordinator.post(url, {"starts_at": "2023-09-06T09:00:00"}, content_type=JSON)
    assert naive.status_code == 422 and "starts_at" in _errors(naive)
    both = coordinator.post(
        url,
        {"starts_at": "2023-09-06T09:00:00+07:00", "local_date": "2023-09-06"},
        content_type=JSON,
    )
    assert both.status_code == 422 and "starts_at" in _errors(both)
    half = coordinator.post(url, {"local_date": "2023-09-06"}, content_type=JSON)
    assert half.status_code == 422 and "local_time" in _errors(half)
    neither = coordinator.post(url, {}, content_type=JSON)
    assert neither.status_code == 422 and "starts_at" in _errors(neither)
    # Outside the visit's days: the service's reason, on the field.
    outside = coordinator.post(
        url, {"local_date": "2023-09-20", "local_time": "09:00"}, content_type=JSON
    )
    assert outside.status_code == 422 and "starts_at" in _errors(outside)


def test_marking_held_needs_attendance_from_the_regions_opds(people, world) -> None:  # type: ignore[no-untyped-def]
    mentor = client_for(people["mentor"])
    url = f"{B}/sessions/{world['session']}/held"
    empty = mentor.post(url, {"attendees": []}, content_type=JSON)
    assert empty.status_code == 422 and "attendees" in _errors(empty)
    foreign = mentor.post(
        url,
        {"attendees": [{"name": "Tamu", "opd_id": 999999}]},
        content_type=JSON,
    )
    assert foreign.status_code == 422 and "attendees.0.opd_id" in _errors(foreign)
    held = mentor.post(
        url,
        {
            "attendees": [
                {"name": "dr. Rina", "opd_id": world["opd"], "position": "Kepala Dinas"},
                {"name": "Budi"},
            ],
            "record": "Layanan kesehatan digital dibahas.",
        },
        content_type=JSON,
    )
    assert held.status_code == 200, held.content
    body = held.json()
    assert body["status"] == "held" and body["record"].startswith("Layanan")
    assert {a["name"] for a in body["attendance"]} == {"dr. Rina", "Budi"}
    assert (
        client_for(people["coordinator"])
        .post(url, {"attendees": [{"name": "X"}]}, content_type=JSON)
        .status_code
        == 403
    )


def test_a_stage_is_not_signed_off_without_attendance(people, world) -> None:  # type: ignore[no-untyped-def]
    mentor = client_for(people["mentor"])
    url = f"{B}/visits/{world['visit']}/complete"
    open_ones = mentor.post(url, {}, content_type=JSON)
    assert open_ones.status_code == 422 and "Not held yet" in _errors(open_ones)[""]
    sessions = list(GuidanceSession.objects.filter(visit_id=world["visit"]))
    GuidanceSession.objects.filter(visit_id=world["visit"]).update(status="held")
    unattended = mentor.post(url, {}, content_type=JSON)
    assert unattended.status_code == 422
    assert "No attendance recorded" in _errors(unattended)[""]
    for session in sessions:
        Attendance.objects.create(session=session, name="Hadir")
    done = mentor.post(url, {"notes": "Tahap I selesai."}, content_type=JSON)
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "complete" and done.json()["completed_by"] == "mentor"


def test_the_coordinator_confirms_the_visits_sessions(people, world) -> None:  # type: ignore[no-untyped-def]
    confirmed = client_for(people["coordinator"]).post(f"{B}/visits/{world['visit']}/confirm")
    assert confirmed.status_code == 200, confirmed.content
    body = confirmed.json()
    assert body["confirmed"] > 0
    assert all(s["confirmed_at"] for s in body["visit"]["sessions"] if s["starts_at"])
    officer = client_for(people["opd_officer"]).post(f"{B}/visits/{world['visit']}/confirm")
    assert officer.status_code == 403


def test_errors_speak_the_requests_language(people, world) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(people["coordinator"])
    both = client.post(
        f"{B}/sessions/{world['session']}/move",
        {"starts_at": "2023-09-06T09:00:00+07:00", "local_time": "09:00"},
        content_type=JSON,
    )
    assert both.status_code == 422
    assert "jangan keduanya" in _errors(both)["starts_at"]
    missing = client_for(people["program_office"])
    missing.defaults["HTTP_ACCEPT_LANGUAGE"] = "id"
    profile = missing.get(f"{B}/mentors/{people['coordinator'].pk}/profile")
    assert profile.status_code == 404


def test_days_far_out_are_refused_not_overflowed(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    far = office.get(f"{B}/sessions", {"to": "9999-12-31"})
    assert far.status_code == 422 and far.json()["error"]["fields"][0]["field"] == "to"
    moved = office.post(
        f"{B}/sessions/{world['session']}/move",
        {"local_date": "0001-01-01", "local_time": "09:00"},
        content_type=JSON,
    )
    assert moved.status_code == 422 and "local_date" in _errors(moved)
