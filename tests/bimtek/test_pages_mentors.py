"""Mentors: the office's list with profiles and unavailable days, a mentor's own page
(profile, unavailable periods added, refused when upside down, removed), and nobody
else's."""

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from kotacerdas.bimtek.models import MentorUnavailability
from kotacerdas.regions.models import Dimension
from tests.bimtek.factories import guidance_world


@pytest.fixture
def gw(users):  # type: ignore[no-untyped-def]
    return guidance_world(
        office=users["program_office"],
        coordinator=users["coordinator"],
        mentor=users["mentor"],
        officer=users["opd_officer"],
        plan=False,
    )


def _as(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _text(response: Any) -> str:
    return response.content.decode()


def test_the_office_lists_mentors_with_their_profiles(gw, users, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("mentor-baru", "mentor")
    soon = timezone.localdate() + timedelta(days=10)
    MentorUnavailability.objects.create(
        mentor=gw.mentors[1], starts_on=soon, ends_on=soon + timedelta(days=2)
    )
    page = _text(_as(users["program_office"]).get("/bimtek/mentors/"))
    assert "Jakarta Pusat" in page
    for mentor in gw.mentors:
        assert f'href="/bimtek/mentors/{mentor.pk}/"' in page
    assert "No profile: not planned." in page  # the new mentor
    assert soon.strftime("%d/%m/%Y") in page or str(soon.day) in page


def test_a_mentor_is_taken_to_their_own_page_and_sees_no_other(gw, users) -> None:  # type: ignore[no-untyped-def]
    client = _as(users["mentor"])
    assert client.get("/bimtek/mentors/")["Location"] == f"/bimtek/mentors/{users['mentor'].pk}/"
    assert client.get(f"/bimtek/mentors/{gw.mentors[1].pk}/").status_code == 404
    assert _as(users["coordinator"]).get("/bimtek/mentors/").status_code == 403


def test_a_mentor_keeps_their_profile(gw, users) -> None:  # type: ignore[no-untyped-def]
    mentor = users["mentor"]
    client = _as(mentor)
    url = f"/bimtek/mentors/{mentor.pk}/"
    economy = Dimension.objects.get(code="economy")
    response = client.post(
        url,
        {
            "action": "profile",
            "home_region": "33.74",
            "expertise": [economy.pk],
            "max_regions": 4,
            "max_travel_days_per_month": 10,
        },
    )
    assert response.status_code == 302
    mentor.mentor_profile.refresh_from_db()
    profile = mentor.mentor_profile
    assert (profile.home_region_id, profile.max_regions) == ("33.74", 4)
    assert list(profile.expertise.all()) == [economy]
    bad = client.post(
        url,
        {
            "action": "profile",
            "home_region": "33.74",
            "max_regions": 0,
            "max_travel_days_per_month": 40,
        },
    )
    page = _text(bad)
    assert bad.status_code == 200
    assert "greater than or equal to 1" in page and "less than or equal to 31" in page


def test_unavailable_days_are_added_refused_when_upside_down_and_removed(gw, users) -> None:  # type: ignore[no-untyped-def]
    mentor = users["mentor"]
    client = _as(mentor)
    url = f"/bimtek/mentors/{mentor.pk}/"
    first = timezone.localdate() + timedelta(days=30)
    bad = client.post(
        url,
        {
            "action": "unavailable-add",
            "starts_on": first.isoformat(),
            "ends_on": (first - timedelta(days=3)).isoformat(),
            "reason": "Sakit",
        },
    )
    page = _text(bad)
    assert bad.status_code == 200 and "The last day comes before the first." in page
    assert 'value="Sakit"' in page
    response = client.post(
        url,
        {
            "action": "unavailable-add",
            "starts_on": first.isoformat(),
            "ends_on": (first + timedelta(days=4)).isoformat(),
            "reason": "Sakit",
        },
    )
    assert response.status_code == 302
    period = MentorUnavailability.objects.get(mentor=mentor, reason="Sakit")
    assert "Sakit" in _text(client.get(url))
    client.post(url, {"action": "unavailable-remove", "period": period.pk})
    assert not MentorUnavailability.objects.filter(pk=period.pk).exists()


def test_the_mentor_list_costs_the_same_for_more_mentors(gw, users, make_user) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _as(users["program_office"])
    client.get("/bimtek/mentors/")
    with CaptureQueriesContext(connection) as small:
        client.get("/bimtek/mentors/")
    for index in range(5):
        make_user(f"mentor-tambahan-{index}", "mentor")
    with CaptureQueriesContext(connection) as large:
        client.get("/bimtek/mentors/")
    assert len(large) == len(small)
