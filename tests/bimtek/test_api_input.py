"""Bad input to the guidance API answers 422 in words, naming the field: ids past the
database's range in bodies (alone and in lists), lists and names past their limits,
refusals that name no field (no `__all__`), an empty team."""

from typing import Any

import pytest

from kotacerdas.bimtek.models import GuidanceSession, GuidanceVisit, OPDGroup
from tests.bimtek import test_api_setup as setup
from tests.bimtek.test_api_setup import JSON, client_for

media_root = setup.media_root
people = setup.people
shared_world = setup.shared_world
guidance_world = setup.guidance_world
world = setup.world

B = "/api/v1/bimtek"
TOO_LARGE = "The number is too large."


def _fields(response: Any) -> dict[str, str]:
    return {f["field"]: f["message"] for f in response.json()["error"]["fields"]}


def _refused_without_field(response: Any, words: str) -> None:
    """A 422 whose message is the service's sentence: no field, no `__all__`."""
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["fields"] == [], error
    assert "__all__" not in error["message"] and words in error["message"], error


@pytest.mark.parametrize("huge", [10**20, 1e20, 2**63])
def test_huge_ids_in_a_body_are_too_large_not_a_crash(people, world, huge) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    moved = office.post(
        f"{B}/visits/{world['visit']}/move",
        {"starts_on": "2023-10-16", "mentor_ids": [huge]},
        content_type=JSON,
    )
    assert moved.status_code == 422, moved.content
    assert _fields(moved) == {"mentor_ids.0": TOO_LARGE}
    grouped = client_for(people["coordinator"]).post(
        f"{B}/guidance/{world['guidance']}/groups",
        {"name": "Z", "opd_ids": [huge]},
        content_type=JSON,
    )
    assert grouped.status_code == 422, grouped.content
    assert _fields(grouped) == {"opd_ids.0": TOO_LARGE}
    changed = client_for(people["coordinator"]).put(
        f"{B}/groups/{world['group']}",
        {"name": "Z", "opd_ids": [people["opd_officer"].opd_id, huge]},
        content_type=JSON,
    )
    assert changed.status_code == 422 and _fields(changed) == {"opd_ids.1": TOO_LARGE}
    held = client_for(people["mentor"]).post(
        f"{B}/sessions/{world['session']}/held",
        {"attendees": [{"name": "Rina", "opd_id": huge}]},
        content_type=JSON,
    )
    assert held.status_code == 422, held.content
    assert _fields(held) == {"attendees.0.opd_id": TOO_LARGE}
    assert OPDGroup.objects.filter(name="Z").count() == 0


def test_lists_and_names_past_their_limits_are_said_in_words(people, world) -> None:  # type: ignore[no-untyped-def]
    mentor = client_for(people["mentor"])
    url = f"{B}/sessions/{world['session']}/held"
    crowd = mentor.post(url, {"attendees": [{"name": "X"}] * 501}, content_type=JSON)
    assert crowd.status_code == 422, crowd.content
    assert _fields(crowd) == {"attendees": "Send at most 500 items."}
    nameless = mentor.post(url, {"attendees": [{"name": " "}]}, content_type=JSON)
    assert _fields(nameless) == {"attendees.0.name": "This field is required."}
    coordinator = client_for(people["coordinator"])
    groups = f"{B}/guidance/{world['guidance']}/groups"
    empty = coordinator.post(groups, {"name": "", "opd_ids": []}, content_type=JSON)
    assert empty.status_code == 422, empty.content
    assert _fields(empty) == {
        "name": "This field is required.",
        "opd_ids": "Send at least 1 item.",
    }
    team = client_for(people["program_office"]).post(
        f"{B}/visits/{world['visit']}/move",
        {"starts_on": "2023-10-02", "mentor_ids": list(range(1, 12))},
        content_type=JSON,
    )
    assert _fields(team) == {"mentor_ids": "Send at most 10 items."}
    priorities = coordinator.put(
        f"{B}/guidance/{world['guidance']}/priorities",
        {"dimensions": ["x" * 41]},
        content_type=JSON,
    )
    assert _fields(priorities) == {"dimensions.0": "Write at most 40 characters."}
    # 500 people is the page's limit too: the API takes them.
    many = mentor.post(url, {"attendees": [{"name": "Hadir"}] * 500}, content_type=JSON)
    assert many.status_code == 200, many.content
    assert len(many.json()["attendance"]) == 500


def test_limits_speak_the_requests_language(people, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = client_for(people["coordinator"])
    coordinator.defaults["HTTP_ACCEPT_LANGUAGE"] = "id"
    empty = coordinator.post(
        f"{B}/guidance/{world['guidance']}/groups",
        {"name": "", "opd_ids": [], "session_minutes": 2**64},
        content_type=JSON,
    )
    fields = _fields(empty)
    assert fields["opd_ids"] == "Kirim paling sedikit 1 butir.", fields
    assert fields["name"] == "Bidang ini tidak boleh kosong.", fields
    assert fields["session_minutes"] == "Harus 360 atau kurang.", fields


def test_refusals_without_a_field_are_a_message_alone(people, world) -> None:  # type: ignore[no-untyped-def]
    mentor = client_for(people["mentor"])
    office = client_for(people["program_office"])
    # Signing a stage off with sessions still open.
    _refused_without_field(
        mentor.post(f"{B}/visits/{world['visit']}/complete", {}, content_type=JSON),
        "Not held yet",
    )
    # Holding a session of a later stage while stage I is open.
    later = GuidanceSession.objects.filter(visit_id=world["later_visit"]).first()
    assert later is not None
    GuidanceVisit.objects.filter(pk=world["later_visit"]).update(
        starts_on="2023-10-02", ends_on="2023-10-04"
    )
    GuidanceSession.objects.filter(pk=later.pk).update(starts_at="2023-10-02T02:00:00Z")
    _refused_without_field(
        office.post(
            f"{B}/sessions/{later.pk}/held", {"attendees": [{"name": "X"}]}, content_type=JSON
        ),
        "is not complete yet",
    )
    # Moving a visit that was held.
    GuidanceSession.objects.filter(pk=world["session"]).update(status="held")
    _refused_without_field(
        office.post(
            f"{B}/visits/{world['visit']}/move", {"starts_on": "2023-09-11"}, content_type=JSON
        ),
        "was held",
    )
    # Applying a run twice.
    url = f"{B}/runs/{world['run']}/apply"
    assert office.post(url).status_code == 200
    _refused_without_field(office.post(url), "applied")


def test_a_move_to_no_team_is_refused_on_mentor_ids(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    emptied = office.post(
        f"{B}/visits/{world['visit']}/move",
        {"starts_on": "2023-09-11", "mentor_ids": []},
        content_type=JSON,
    )
    assert emptied.status_code == 422, emptied.content
    assert list(_fields(emptied)) == ["mentor_ids"]
    assert "at least one mentor" in _fields(emptied)["mentor_ids"]
    visit = GuidanceVisit.objects.get(pk=world["visit"])
    assert [m.pk for m in visit.mentors.all()] == [world["mentor_id"]]
    assert visit.starts_on.isoformat() == "2023-09-04"


def test_huge_ids_in_filters_are_too_large(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    for path in ("visits", "sessions"):
        found = office.get(f"{B}/{path}", {"mentor": str(10**20)})
        assert found.status_code == 422, found.content
        assert _fields(found) == {"mentor": TOO_LARGE}
