"""Regions in guidance over the API: the cohort's regions with priorities, team and
visits; enrolment; priorities; blackout days (a foreign region is 404); OPD groups."""

from typing import Any

from kotacerdas.bimtek.models import GuidanceRegion, OPDGroup
from kotacerdas.regions.models import OPD, OPDKind, Region
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


def test_the_cohorts_regions_with_team_priorities_and_visits(people, world) -> None:  # type: ignore[no-untyped-def]
    listed = client_for(people["coordinator"]).get(f"{B}/cohorts/{world['year']}/regions")
    assert listed.status_code == 200
    (batang,) = listed.json()["items"]
    assert batang["region_code"] == world["code"] and batang["timezone"] == "Asia/Jakarta"
    assert [m["username"] for m in batang["team"]] == ["mentor"]
    assert [v["stage"] for v in batang["visits"]] == [1, 2, 3, 4]
    assert batang["visits"][0]["starts_on"] == "2023-09-04"
    for role in ("other_coordinator", "assessor", "unassigned_mentor"):
        answer = client_for(people[role]).get(f"{B}/cohorts/{world['year']}/regions")
        assert answer.json()["count"] == 0, role
    assert client_for(people["coordinator"]).get(f"{B}/cohorts/1999/regions").status_code == 404


def test_enrolment_is_the_offices_and_idempotent(people, world) -> None:  # type: ignore[no-untyped-def]
    office = client_for(people["program_office"])
    again = office.post(f"{B}/cohorts/{world['year']}/regions/enrol")
    assert again.status_code == 200, again.content
    assert [g["id"] for g in again.json()] == [world["guidance"]]
    assert GuidanceRegion.objects.filter(cohort__year=world["year"]).count() == 1
    refused = client_for(people["coordinator"]).post(f"{B}/cohorts/{world['year']}/regions/enrol")
    assert refused.status_code == 403


def test_priorities_by_dimension_code(people, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = client_for(people["coordinator"])
    url = f"{B}/guidance/{world['guidance']}/priorities"
    saved = coordinator.put(url, {"dimensions": [world["dimension"]]}, content_type=JSON)
    assert saved.status_code == 200, saved.content
    assert [d["code"] for d in saved.json()["priorities"]] == [world["dimension"]]
    unknown = coordinator.put(url, {"dimensions": ["no-such"]}, content_type=JSON)
    assert unknown.status_code == 422 and "no-such" in _fields(unknown)["dimensions"]
    typo = coordinator.put(url, {"dimension": []}, content_type=JSON)
    assert typo.status_code == 422 and "dimension" in _fields(typo)
    assert (
        client_for(people["mentor"]).put(url, {"dimensions": []}, content_type=JSON).status_code
        == 403
    )
    outsider = client_for(people["other_coordinator"]).put(
        url, {"dimensions": []}, content_type=JSON
    )
    assert outsider.status_code == 404


def test_blackouts_of_a_foreign_region_are_not_found(people, world) -> None:  # type: ignore[no-untyped-def]
    outsider = client_for(people["other_coordinator"])
    for url in (f"{B}/regions/{world['code']}/blackouts", f"{B}/regions/99.99/blackouts"):
        answer = outsider.get(url)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert outsider.delete(f"{B}/blackouts/{world['blackout']}").status_code == 404
    # Batanghari's own coordinator manages its blackouts before it is enrolled.
    own = outsider.get(f"{B}/regions/{world['other_code']}/blackouts")
    assert own.status_code == 200 and own.json()["count"] == 0


def test_blackout_days_are_added_checked_and_removed(people, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = client_for(people["coordinator"])
    url = f"{B}/regions/{world['code']}/blackouts"
    listed = coordinator.get(url).json()
    assert [b["reason"] for b in listed["items"]] == ["Pilkades"]
    backwards = coordinator.post(
        url, {"starts_on": "2023-12-26", "ends_on": "2023-12-25"}, content_type=JSON
    )
    assert backwards.status_code == 422 and backwards.json()["error"]["fields"]
    added = coordinator.post(
        url,
        {"starts_on": "2023-12-25", "ends_on": "2023-12-26", "reason": "Hari jadi"},
        content_type=JSON,
    )
    assert added.status_code == 201 and added.json()["region_code"] == world["code"]
    officer = client_for(people["opd_officer"])
    assert officer.get(url).json()["count"] == 2
    assert officer.delete(f"{B}/blackouts/{added.json()['id']}").status_code == 403
    assert coordinator.delete(f"{B}/blackouts/{added.json()['id']}").status_code == 204
    assert coordinator.delete(f"{B}/blackouts/{added.json()['id']}").status_code == 404


def test_opd_groups_of_the_regions_own_opds(people, world) -> None:  # type: ignore[no-untyped-def]
    coordinator = client_for(people["coordinator"])
    url = f"{B}/guidance/{world['guidance']}/groups"
    (health,) = coordinator.get(url).json()["items"]
    assert health["name"] == "Kesehatan" and [o["id"] for o in health["opds"]] == [world["opd"]]
    foreign = OPD.objects.create(
        region=Region.objects.get(pk=world["other_code"]), name="Dinas X", kind=OPDKind.DINAS
    )
    refused = coordinator.post(url, {"name": "Campur", "opd_ids": [foreign.pk]}, content_type=JSON)
    assert refused.status_code == 422 and str(foreign.pk) in _fields(refused)["opd_ids"]
    taken = coordinator.post(url, {"name": "Lagi", "opd_ids": [world["opd"]]}, content_type=JSON)
    assert taken.status_code == 422 and "one group only" in _fields(taken)["opd_ids"]
    created = coordinator.post(
        url,
        {"name": "Arsip", "opd_ids": [world["spare_opd"]], "session_minutes": 90},
        content_type=JSON,
    )
    assert created.status_code == 201, created.content
    group = created.json()
    assert group["session_minutes"] == 90 and group["guidance_id"] == world["guidance"]
    renamed = coordinator.put(
        f"{B}/groups/{group['id']}",
        {"name": "Arsip dan Perpustakaan", "opd_ids": [world["spare_opd"]]},
        content_type=JSON,
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Arsip dan Perpustakaan"
    mentor = client_for(people["mentor"])
    assert mentor.delete(f"{B}/groups/{group['id']}").status_code == 403
    assert coordinator.delete(f"{B}/groups/{group['id']}").status_code == 204
    assert not OPDGroup.objects.filter(pk=group["id"]).exists()
    assert (
        coordinator.put(
            f"{B}/groups/999999", {"name": "X", "opd_ids": [world["opd"]]}, content_type=JSON
        ).status_code
        == 404
    )
    short = coordinator.post(
        url, {"name": "Y", "opd_ids": [world["spare_opd"]], "session_minutes": 5}, content_type=JSON
    )
    assert short.status_code == 422 and "session_minutes" in _fields(short)
