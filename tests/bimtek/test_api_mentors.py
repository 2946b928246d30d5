"""Mentors over the API: the office sees them all, a mentor themself; profiles with a
home base and expertise by code; unavailable dates."""

from typing import Any

from tests.bimtek import test_api_setup as setup
from tests.bimtek.test_api_setup import JSON, client_for

media_root = setup.media_root
people = setup.people
shared_world = setup.shared_world
guidance_world = setup.guidance_world
world = setup.world

B = "/api/v1/bimtek"


def _fields(response: Any) -> dict[str, str]:
    return {f["field"]: f["message"] for f in response.json()["error"]["fields"]}


def test_who_sees_which_mentors(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"]).get(f"{B}/mentors").json()
    assert [m["username"] for m in office["items"]] == ["mentor", "mentor-lain"]
    first = office["items"][0]
    assert first["has_profile"] and first["home_region_code"] == "31.71"
    assert first["max_travel_days_per_month"] == 12
    own = client_for(people["mentor"]).get(f"{B}/mentors").json()
    assert [m["username"] for m in own["items"]] == ["mentor"]
    assert client_for(people["coordinator"]).get(f"{B}/mentors").status_code == 403


def test_a_profile_is_read_and_saved_by_the_office_or_the_mentor(people, world) -> None:  # type: ignore[no-untyped-def]
    mentor = client_for(people["mentor"])
    url = f"{B}/mentors/{world['mentor_id']}/profile"
    read = mentor.get(url)
    assert read.status_code == 200 and read.json()["mentor"]["username"] == "mentor"
    saved = mentor.put(
        url,
        {
            "home_region": world["code"],
            "expertise": [world["dimension"]],
            "max_regions": 3,
            "max_travel_days_per_month": 8,
        },
        content_type=JSON,
    )
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["home_region_code"] == world["code"] and body["max_regions"] == 3
    assert [d["code"] for d in body["expertise"]] == [world["dimension"]]
    # Another mentor's profile does not exist for this one.
    other = f"{B}/mentors/{world['other_mentor_id']}/profile"
    assert mentor.get(other).status_code == 404
    assert mentor.put(other, {"home_region": world["code"]}, content_type=JSON).status_code == 404
    # Not a mentor at all: 404 for the office too.
    coordinator_id = people["coordinator"].pk
    office = client_for(people["program_office"])
    assert office.get(f"{B}/mentors/{coordinator_id}/profile").status_code == 404


def test_bad_profiles_name_their_fields(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    url = f"{B}/mentors/{world['mentor_id']}/profile"
    unknown = office.put(url, {"home_region": "99.99", "expertise": ["no-such"]}, content_type=JSON)
    assert unknown.status_code == 422
    assert "home_region" in _fields(unknown) or "expertise" in _fields(unknown)
    limits = office.put(
        url, {"home_region": world["code"], "max_travel_days_per_month": 40}, content_type=JSON
    )
    assert limits.status_code == 422 and "max_travel_days_per_month" in _fields(limits)


def test_a_profile_not_saved_yet_is_404_until_put(people, world) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.bimtek.models import MentorProfile

    MentorProfile.objects.filter(user_id=world["other_mentor_id"]).delete()
    office = client_for(people["program_office"])
    url = f"{B}/mentors/{world['other_mentor_id']}/profile"
    missing = office.get(url)
    assert (
        missing.status_code == 404 and "no guidance profile" in missing.json()["error"]["message"]
    )
    listed = office.get(f"{B}/mentors").json()["items"]
    assert [m["has_profile"] for m in listed] == [True, False]
    created = office.put(url, {"home_region": world["code"]}, content_type=JSON)
    assert created.status_code == 200 and created.json()["max_regions"] == 6


def test_unavailable_dates(people, world) -> None:  # type: ignore[no-untyped-def]
    mentor = client_for(people["mentor"])
    url = f"{B}/mentors/{world['mentor_id']}/unavailability"
    assert [p["reason"] for p in mentor.get(url).json()["items"]] == ["Cuti"]
    backwards = mentor.post(
        url, {"starts_on": "2023-12-08", "ends_on": "2023-12-04"}, content_type=JSON
    )
    assert backwards.status_code == 422
    added = mentor.post(
        url,
        {"starts_on": "2023-12-04", "ends_on": "2023-12-08", "reason": "Sakit"},
        content_type=JSON,
    )
    assert added.status_code == 201 and added.json()["mentor_id"] == world["mentor_id"]
    other = client_for(people["unassigned_mentor"])
    assert other.get(url).status_code == 404
    assert other.delete(f"{B}/unavailability/{added.json()['id']}").status_code == 404
    assert mentor.delete(f"{B}/unavailability/{added.json()['id']}").status_code == 204
    assert mentor.get(url).json()["count"] == 1
