from auditlog.models import LogEntry
from django.test import Client

from kotacerdas.accounts.services import create_token
from kotacerdas.regions import services
from kotacerdas.regions.models import OPD
from tests.queries import assert_queries


def test_api_writes_record_who_what_and_old_new_values(users, batang) -> None:  # type: ignore[no-untyped-def]
    coordinator = users["coordinator"]
    _token, raw = create_token(coordinator, "audit")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    created = client.post(
        "/api/v1/regions/33.25/opds",
        {"name": "Dinas Perikanan", "kind": "dinas"},
        content_type="application/json",
    )
    opd_id = created.json()["id"]
    client.patch(
        f"/api/v1/opds/{opd_id}", {"head_name": "Budi Santoso"}, content_type="application/json"
    )
    client.delete(f"/api/v1/opds/{opd_id}")
    entries = (
        LogEntry.objects.get_for_model(OPD)
        .filter(object_pk=str(opd_id))
        .order_by("timestamp", "pk")
    )
    assert [entry.action for entry in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert all(entry.actor == coordinator for entry in entries)
    assert entries[1].changes_dict["head_name"] == ["", "Budi Santoso"]


def test_audit_is_visible_on_the_workspace_to_those_who_see_the_region(users, batang) -> None:  # type: ignore[no-untyped-def]
    opd = services.create_opd(
        users["program_office"], batang, {"name": "Dinas Sosial", "kind": "dinas"}
    )
    services.update_opd(users["program_office"], opd, {"head_name": "Dra. Siti Aminah"})
    # Called outside any request (as a command or job would), the actor is still named.
    assert {entry.actor for entry in LogEntry.objects.get_for_object(opd)} == {
        users["program_office"]
    }
    client = Client()
    client.force_login(users["mentor"])
    page = client.get("/regions/33.25/workspace/").content.decode()
    assert "Dra. Siti Aminah" in page
    api = client.get("/api/v1/regions/33.25/audit").json()
    assert any(
        item["changes"].get("head_name") == ["", "Dra. Siti Aminah"] for item in api["items"]
    )
    outsider = Client()
    outsider.force_login(users["other_coordinator"])
    assert outsider.get("/api/v1/regions/33.25/audit").status_code == 403


def test_workspace_query_count_is_bounded(users, batang, make_opd) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(users["coordinator"])
    for index in range(30):
        services.create_opd(
            users["coordinator"], batang, {"name": f"Kecamatan {index}", "kind": "kecamatan"}
        )
    with assert_queries("page regions:workspace (31 OPDs, coordinator)"):
        assert client.get("/regions/33.25/workspace/").status_code == 200


def test_failed_write_saves_nothing_and_logs_nothing(users, batang) -> None:  # type: ignore[no-untyped-def]
    import pytest
    from django.core.exceptions import ValidationError

    before = LogEntry.objects.count()
    with pytest.raises(ValidationError):
        services.create_opd(users["coordinator"], batang, {"name": "", "kind": "dinas"})
    assert LogEntry.objects.count() == before
    assert not OPD.objects.filter(region=batang, name="").exists()


def test_opd_page_shows_its_own_history(users, batang) -> None:  # type: ignore[no-untyped-def]
    opd = services.create_opd(
        users["coordinator"], batang, {"name": "Dinas Sosial", "kind": "dinas"}
    )
    services.update_opd(users["coordinator"], opd, {"abbreviation": "Dinsos"})
    client = Client()
    client.force_login(users["coordinator"])
    page = client.get(f"/regions/opds/{opd.pk}/edit/").content.decode()
    assert "Dinsos" in page and "coord" in page


def test_changes_read_as_words_with_related_objects_by_name(users, batang, batanghari) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    from kotacerdas.core import audit

    mentor = users["mentor"]
    mentor.region = batanghari  # a foreign key: shown by the region's name, not its code
    mentor.save()
    mentor.assigned_regions.add(batanghari)  # many-to-many: the operation and the objects
    with translation.override("en"):
        rows = audit.readable(LogEntry.objects.get_for_object(mentor).order_by("pk"))
    changes = [change for row in rows for change in row.changes]
    assert audit.Change("Region", "—", str(batanghari)) in changes
    assert audit.Change("Assigned regions", "add", str(batanghari)) in changes
    assert all(change.field != "ID" and "None" not in change.new for change in changes)
