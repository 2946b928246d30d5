"""A region's guidance as its people, its mentor and the office use it: sessions in the
region's own time, priorities and blocked days, OPD groups, moving a visit (refused on a
holiday, with the holiday's name), confirming sessions, holding a session with its
attendance and output, moving a session, and signing a stage off (refused without
attendance, with the reasons)."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.bimtek import workdays
from kotacerdas.bimtek.models import GuidanceSession, OPDGroup, RegionBlackout
from tests.bimtek.factories import guidance_world
from tests.world import PDF


@pytest.fixture
def gw(users):  # type: ignore[no-untyped-def]
    return guidance_world(
        office=users["program_office"],
        coordinator=users["coordinator"],
        mentor=users["mentor"],
        officer=users["opd_officer"],
    )


def _as(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _text(response: Any) -> str:
    return response.content.decode()


def _region_url(gw: Any, code: str | None = None) -> str:
    return f"/bimtek/{gw.cohort.year}/regions/{code or gw.code}/"


# The region's page --------------------------------------------------------------------------


def test_sessions_show_in_the_regions_own_time(gw, users) -> None:  # type: ignore[no-untyped-def]
    office = _as(users["program_office"])
    batang = _text(office.get(_region_url(gw)))
    assert "08:00" in batang and "WIB" in batang  # the plenary opens the day at 08:00
    makassar = _text(office.get(_region_url(gw, "73.71")))
    assert "08:00" in makassar and "WITA" in makassar
    assert f'href="/bimtek/calendar/regions/{gw.code}/"' in batang
    assert f'href="/bimtek/{gw.cohort.year}/regions/{gw.code}/groups/"' in batang


def test_the_coordinator_organises_and_the_officer_reads(gw, users) -> None:  # type: ignore[no-untyped-def]
    page = _text(_as(users["coordinator"]).get(_region_url(gw)))
    assert 'value="priorities"' in page and 'value="blackout-add"' in page
    officer = _as(users["opd_officer"])
    page = _text(officer.get(_region_url(gw)))
    assert 'value="priorities"' not in page and 'value="blackout-add"' not in page
    response = officer.post(_region_url(gw), {"action": "blackout-add"})
    assert response.status_code == 403


def test_blocked_days_are_added_refused_when_upside_down_and_removed(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    first = gw.starts[4] + timedelta(days=20)
    bad = client.post(
        _region_url(gw),
        {
            "action": "blackout-add",
            "starts_on": first.isoformat(),
            "ends_on": (first - timedelta(days=2)).isoformat(),
            "reason": "Pilkada",
        },
    )
    page = _text(bad)
    assert bad.status_code == 200 and "The last day comes before the first." in page
    assert 'value="Pilkada"' in page
    client.post(
        _region_url(gw),
        {
            "action": "blackout-add",
            "starts_on": first.isoformat(),
            "ends_on": first.isoformat(),
            "reason": "Pilkada",
        },
    )
    blackout = RegionBlackout.objects.get(region_id=gw.code, reason="Pilkada")
    assert "Pilkada" in _text(client.get(_region_url(gw)))
    client.post(_region_url(gw), {"action": "blackout-remove", "blackout": blackout.pk})
    assert not RegionBlackout.objects.filter(pk=blackout.pk).exists()


def test_the_coordinator_sets_the_priorities(gw, users) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.regions.models import Dimension

    economy, living = Dimension.objects.get(code="economy"), Dimension.objects.get(code="living")
    client = _as(users["coordinator"])
    response = client.post(
        _region_url(gw), {"action": "priorities", "dimensions": [economy.pk, living.pk]}
    )
    assert response.status_code == 302
    assert set(gw.guidance[gw.code].priority_dimensions.all()) == {economy, living}


# OPD groups ---------------------------------------------------------------------------------


def test_the_coordinator_forms_a_group_of_its_own_opds(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["coordinator"])
    url = _region_url(gw) + "groups/"
    own = gw.opds[gw.code]
    response = client.post(
        url,
        {
            "action": "save",
            "name": "Perencanaan",
            "opds": [own[1].pk, own[2].pk],
            "session_minutes": 90,
        },
    )
    assert response.status_code == 302
    group = OPDGroup.objects.get(guidance=gw.guidance[gw.code], name="Perencanaan")
    assert set(group.opds.all()) == {own[1], own[2]}
    assert "Perencanaan" in _text(_as(users["opd_officer"]).get(url))
    # An OPD of another region is not one to choose; the name typed is kept.
    foreign = gw.opds["73.71"][0]
    response = client.post(
        url, {"action": "save", "name": "Campuran", "opds": [foreign.pk], "session_minutes": 90}
    )
    page = _text(response)
    assert response.status_code == 200 and "Select a valid choice" in page
    assert 'value="Campuran"' in page
    client.post(url, {"action": "delete", "group": group.pk})
    assert not OPDGroup.objects.filter(pk=group.pk).exists()


def test_only_the_organisers_change_groups(gw, users) -> None:  # type: ignore[no-untyped-def]
    url = _region_url(gw) + "groups/"
    for role in ("opd_officer", "mentor"):
        response = _as(users[role]).post(url, {"action": "save", "name": "X", "opds": []})
        assert response.status_code == 403
    assert _as(users["other_coordinator"]).get(url).status_code == 404


# Visits -------------------------------------------------------------------------------------


def _holiday_between(first: Any, last: Any) -> Any:
    day = first
    while day <= last:
        if day.weekday() < 5 and workdays.holiday_name(day):
            return day
        day += timedelta(days=1)
    return None


def test_a_visit_moved_onto_a_holiday_is_refused_with_the_holidays_name(  # type: ignore[no-untyped-def]
    gw, users, monkeypatch
) -> None:
    holiday = _holiday_between(gw.starts[2], gw.deadline)
    if holiday is None:
        # A year lokal-id does not know yet: declare a weekday of the window a holiday.
        holiday = workdays.next_working_day(gw.starts[3] + timedelta(days=1))
        known = {holiday: ("Hari libur uji", workdays.PUBLIC_HOLIDAY)}
        monkeypatch.setattr(workdays, "_holidays", lambda year: known)
    visit = gw.visit(stage=3)
    client = _as(users["program_office"])
    response = client.post(
        f"/bimtek/visits/{visit.pk}/move/",
        {"starts_on": holiday.isoformat(), "mentors": [gw.mentors[0].pk]},
    )
    page = _text(response)
    assert response.status_code == 200
    assert workdays.holiday_name(holiday) in page.replace("&#x27;", "'")
    assert f'value="{holiday.isoformat()}"' in page  # what was typed is kept
    visit.refresh_from_db()
    assert visit.starts_on != holiday


def test_the_office_moves_a_visit_and_it_is_pinned(gw, users) -> None:  # type: ignore[no-untyped-def]
    visit = gw.visit(stage=4)
    length = (visit.ends_on - visit.starts_on).days + 1
    target = workdays.working_run(visit.starts_on + timedelta(days=7), length)
    client = _as(users["program_office"])
    response = client.post(
        f"/bimtek/visits/{visit.pk}/move/",
        {"starts_on": target.isoformat(), "mentors": [gw.mentors[0].pk]},
    )
    assert response.status_code == 302, _text(response)[-3000:]
    visit.refresh_from_db()
    assert visit.starts_on == target and visit.pinned
    client.post(f"/bimtek/visits/{visit.pk}/", {"action": "unpin"})
    visit.refresh_from_db()
    assert not visit.pinned


def test_only_the_office_moves_or_pins_a_visit(gw, users) -> None:  # type: ignore[no-untyped-def]
    visit = gw.visit(stage=3)
    for role in ("coordinator", "mentor"):
        client = _as(users[role])
        assert (
            client.post(f"/bimtek/visits/{visit.pk}/move/", {"starts_on": "2030-01-07"}).status_code
            == 403
        )
        assert client.post(f"/bimtek/visits/{visit.pk}/", {"action": "pin"}).status_code == 403
    assert _as(users["other_coordinator"]).get(f"/bimtek/visits/{visit.pk}/").status_code == 404


def test_the_coordinator_confirms_the_sessions(gw, users) -> None:  # type: ignore[no-untyped-def]
    visit = gw.visit(stage=2)
    client = _as(users["coordinator"])
    page = _text(client.get(f"/bimtek/visits/{visit.pk}/"))
    assert 'data-testid="confirm"' in page
    response = client.post(f"/bimtek/visits/{visit.pk}/", {"action": "confirm"}, follow=True)
    assert "sessions are confirmed" in _text(response)
    assert not GuidanceSession.objects.filter(visit=visit, confirmed_at__isnull=True).exists()
    assert (
        _as(users["mentor"]).post(f"/bimtek/visits/{visit.pk}/", {"action": "confirm"}).status_code
        == 403
    )


def test_a_stage_without_attendance_cannot_be_signed_off(gw, users) -> None:  # type: ignore[no-untyped-def]
    visit = gw.visit(stage=1)
    client = _as(users["mentor"])
    response = client.post(f"/bimtek/visits/{visit.pk}/complete/", {"notes": "Sudah selesai"})
    page = _text(response)
    assert response.status_code == 200
    assert 'role="alert"' in page and "Sudah selesai" in page
    assert "Not held yet:" in page and "No session of this stage was held" in page
    # Sessions held without anyone recorded as attending are named.
    first = gw.sessions(stage=1)[0]
    GuidanceSession.objects.filter(visit=visit).update(status="held")
    page = _text(client.post(f"/bimtek/visits/{visit.pk}/complete/", {"notes": ""}))
    assert "No attendance recorded for:" in page and first.title in page
    visit.refresh_from_db()
    assert visit.status == "planned"
    # Another mentor or the region cannot sign it off at all.
    assert _as(users["coordinator"]).post(f"/bimtek/visits/{visit.pk}/complete/").status_code == 403


# Sessions -----------------------------------------------------------------------------------


def test_the_mentor_marks_a_session_held_with_attendance_and_output(gw, users) -> None:  # type: ignore[no-untyped-def]
    session = gw.sessions(stage=1)[0]
    client = _as(users["mentor"])
    url = f"/bimtek/sessions/{session.pk}/"
    response = client.post(
        url,
        {
            "attendees": "Budi Santoso; Dinkes; Kepala Seksi\nSiti Aminah; Bappeda Batang\nTamu Undangan",
            "record": "Analisis kesiapan dibahas.",
            "output_file": SimpleUploadedFile("hasil.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302, _text(response)[-2000:]
    session.refresh_from_db()
    assert session.status == "held"
    rows = {
        (a.name, a.opd.name if a.opd else "", a.position)
        for a in session.attendance.select_related("opd")
    }
    assert ("Budi Santoso", users["opd_officer"].opd.name, "Kepala Seksi") in rows
    assert ("Tamu Undangan", "", "") in rows
    page = _text(_as(users["opd_officer"]).get(url))
    assert "Budi Santoso" in page and "Analisis kesiapan" in page
    download = _as(users["coordinator"]).get(url + "output")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert _as(users["other_coordinator"]).get(url + "output").status_code == 404


def test_attendance_with_an_unknown_opd_or_nobody_is_refused_and_kept(gw, users) -> None:  # type: ignore[no-untyped-def]
    session = gw.sessions(stage=1)[0]
    client = _as(users["mentor"])
    url = f"/bimtek/sessions/{session.pk}/"
    response = client.post(
        url, {"attendees": "Budi; Dinkes\nAni; Dinas Antah Berantah", "record": "Catatan"}
    )
    page = _text(response)
    assert response.status_code == 200
    assert "Line 2: the region has no OPD called “Dinas Antah Berantah”." in page
    assert "Dinas Antah Berantah" in page and "Catatan" in page
    response = client.post(url, {"attendees": "  \n ", "record": "Catatan"})
    assert "List at least one person who came." in _text(response)
    session.refresh_from_db()
    assert session.status == "planned"
    # In Indonesian too.
    page = _text(_as(users["mentor"], "id").post(url, {"attendees": "", "record": ""}))
    assert "Tuliskan setidaknya satu orang yang hadir." in page


def test_only_the_team_holds_a_session(gw, users) -> None:  # type: ignore[no-untyped-def]
    session = gw.sessions(stage=1)[0]
    url = f"/bimtek/sessions/{session.pk}/"
    assert _as(users["coordinator"]).post(url, {"attendees": "Budi"}).status_code == 403
    assert _as(users["opd_officer"]).post(url, {"attendees": "Budi"}).status_code == 403


def test_the_coordinator_moves_a_session_in_region_time(gw, users) -> None:  # type: ignore[no-untyped-def]
    visit = gw.visit(stage=2)
    session = gw.sessions(stage=2)[-1]
    client = _as(users["coordinator"])
    day = visit.ends_on
    response = client.post(
        f"/bimtek/sessions/{session.pk}/move/", {"day": day.isoformat(), "time": "15:30"}
    )
    assert response.status_code == 302, _text(response)[-2000:]
    page = _text(client.get(f"/bimtek/sessions/{session.pk}/"))
    assert "15:30" in page and "WIB" in page
    # A weekend day is refused with the reason, the typed values kept.
    saturday = visit.starts_on + timedelta(days=(5 - visit.starts_on.weekday()) % 7)
    response = client.post(
        f"/bimtek/sessions/{session.pk}/move/", {"day": saturday.isoformat(), "time": "09:00"}
    )
    page = _text(response)
    assert response.status_code == 200 and "weekend" in page
    assert f'value="{saturday.isoformat()}"' in page


def test_a_stage_is_signed_off_once_every_session_is_held(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["mentor"])
    for session in gw.sessions(stage=1):
        response = client.post(f"/bimtek/sessions/{session.pk}/", {"attendees": "Budi; Dinkes"})
        assert response.status_code == 302, _text(response)[-2000:]
    visit = gw.visit(stage=1)
    response = client.post(
        f"/bimtek/visits/{visit.pk}/complete/", {"notes": "Tahap I selesai."}, follow=True
    )
    assert "The stage is complete" in _text(response)
    visit.refresh_from_db()
    assert visit.status == "complete" and visit.completion_notes == "Tahap I selesai."


def test_the_visit_page_costs_the_same_for_more_sessions(gw, users) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    visit = gw.visit(stage=2)
    client = _as(users["program_office"])
    url = f"/bimtek/visits/{visit.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    GuidanceSession.objects.filter(visit=visit, kind="group").exclude(
        pk=gw.sessions(stage=2)[-1].pk
    ).delete()
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    assert len(large) == len(small)


def test_blocking_days_of_a_planned_visit_names_the_visit(gw, users) -> None:  # type: ignore[no-untyped-def]
    """The coordinator learns at once that a planned visit falls on the blocked days."""
    client = _as(users["coordinator"])
    visit = gw.visit(gw.code, 3)
    response = client.post(
        _region_url(gw),
        {
            "action": "blackout-add",
            "starts_on": visit.starts_on.isoformat(),
            "ends_on": visit.starts_on.isoformat(),
            "reason": "Rapat paripurna",
        },
        follow=True,
    )
    page = _text(response)
    assert "Visits already planned on these days" in page
    assert str(visit) in page
