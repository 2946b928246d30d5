"""Agreements and bodies: signing day over the API, plausible dates, and the
region's signatory named once."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kotacerdas.program import services
from kotacerdas.program.models import Agreement
from kotacerdas.regions.models import Region
from tests.openapi import assert_matches_schema
from tests.program.conftest import submitted

JSON = "application/json"
MINISTRY = services.SignatoryInput("Semuel A. Pangerapan", "Direktur Jenderal Aptika", "ministry")


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def agreements(users, cohort, batanghari):  # type: ignore[no-untyped-def]
    """Draft agreements of a kabupaten (Batanghari) and a kota (Jambi)."""
    office = users["program_office"]
    jambi = Region.objects.get(name="Kota Jambi")
    return [
        Agreement.objects.create(application=submitted(office, cohort, region))
        for region in (batanghari, jambi)
    ]


def test_signing_day_over_the_api(users, agreements) -> None:  # type: ignore[no-untyped-def]
    response = _as(users["program_office"]).post(
        "/api/v1/agreements/sign",
        {
            "agreement_ids": [a.pk for a in agreements],
            "signed_on": str(timezone.localdate()),
            "mode": "virtual",
            "number_pattern": "{n}/KOMINFO/HK.03.02/07/2023",
            "ministry_signatory": {
                "name": "Semuel",
                "position": "Dirjen Aptika",
                "side": "ministry",
            },
        },
        content_type=JSON,
    )
    assert response.status_code == 200, response.content
    assert_matches_schema(response)
    assert sorted(a["number"] for a in response.json()) == [
        "1/KOMINFO/HK.03.02/07/2023",
        "2/KOMINFO/HK.03.02/07/2023",
    ]
    refused = _as(users["coordinator"]).post(
        "/api/v1/agreements/sign",
        {
            "agreement_ids": [a.pk for a in agreements],
            "signed_on": "2023-07-06",
            "number_pattern": "{n}/X/2023",
            "ministry_signatory": {"name": "Semuel", "position": "Dirjen", "side": "ministry"},
        },
        content_type=JSON,
    )
    assert refused.status_code == 403 and refused.json()["error"]["status"] == 403


def test_region_signatory_is_the_heads_title_once(users, agreements) -> None:  # type: ignore[no-untyped-def]
    services.sign_in_bulk(
        users["program_office"],
        agreements,
        signed_on=date(2023, 7, 6),
        mode="virtual",
        number_pattern="{n}/KOMINFO/HK.03.02/07/2023",
        ministry_signatory=MINISTRY,
    )
    office = _as(users["program_office"])
    office.cookies["django_language"] = "id"
    regent = office.get(f"/program/agreements/{agreements[0].pk}/").content.decode()
    assert "Bupati Batanghari (Wilayah)" in regent
    assert "Kabupaten Batanghari," not in regent and "Bupati Batanghari, Bupati" not in regent
    mayor = office.get(f"/program/agreements/{agreements[1].pk}/").content.decode()
    assert "Wali Kota Jambi (Wilayah)" in mayor


def test_signing_form_offers_the_heads_title(users, agreements) -> None:  # type: ignore[no-untyped-def]
    office = _as(users["program_office"])
    office.cookies["django_language"] = "id"
    page = office.get(f"/program/agreements/{agreements[0].pk}/").content.decode()
    assert 'name="region_position" value="Bupati Batanghari"' in page


# Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(9999, 12, 31), date(2014, 12, 31)])
def test_implausible_dates_are_refused_with_the_range(users, agreements, batang, day) -> None:  # type: ignore[no-untyped-def]
    office, coordinator = users["program_office"], users["coordinator"]
    with pytest.raises(ValidationError) as error:
        services.save_body(
            coordinator, batang, kind="council", decree_number="1/2020", decree_date=day
        )
    assert "1 January 2015" in error.value.message_dict["decree_date"][0] or day > date.today()
    with pytest.raises(ValidationError) as error:
        services.record_commitment(
            coordinator, users["opd_officer"].opd, signed_by="Kepala Dinkes", signed_on=day
        )
    assert list(error.value.message_dict) == ["signed_on"]
    with pytest.raises(ValidationError) as error:
        services.sign(
            office,
            agreements[0],
            number="1/X/2023",
            signed_on=day,
            mode="virtual",
            signatories=[MINISTRY, services.SignatoryInput("A", "Bupati", "region")],
        )
    assert list(error.value.message_dict) == ["signed_on"]


def test_shipping_dates_are_in_range(users, agreements) -> None:  # type: ignore[no-untyped-def]
    office = users["program_office"]
    agreement = agreements[0]
    signed_on = timezone.localdate() - timedelta(days=10)
    services.sign(
        office,
        agreement,
        number="1/X/2023",
        signed_on=signed_on,
        mode="virtual",
        signatories=[MINISTRY, services.SignatoryInput("A", "Bupati", "region")],
    )
    with pytest.raises(ValidationError) as error:
        services.send_originals(
            office, agreement, courier="Pos", tracking_number="P1", sent_on=date(9999, 1, 1)
        )
    assert "future" in error.value.message_dict["sent_on"][0]
    services.send_originals(
        office, agreement, courier="Pos", tracking_number="P1", sent_on=signed_on
    )
    with pytest.raises(ValidationError) as error:
        services.receive_originals(office, agreement, received_on=date(9999, 1, 1))
    assert list(error.value.message_dict) == ["received_on"]


def test_api_refuses_implausible_dates_naming_the_field(users, agreements) -> None:  # type: ignore[no-untyped-def]
    coordinator = _as(users["coordinator"])
    body = coordinator.put(
        "/api/v1/regions/33.25/bodies/council",
        {"decree_number": "1/2020", "decree_date": "1900-01-01", "members": []},
        content_type=JSON,
    )
    assert body.status_code == 422
    assert [f["field"] for f in body.json()["error"]["fields"]] == ["decree_date"]
    opd = users["opd_officer"].opd
    commitment = coordinator.put(
        f"/api/v1/opds/{opd.pk}/commitment",
        {"signed_by": "Kepala Dinkes", "signed_on": "9999-12-31"},
        content_type=JSON,
    )
    assert commitment.status_code == 422
    assert [f["field"] for f in commitment.json()["error"]["fields"]] == ["signed_on"]
    office = _as(users["program_office"])
    signed = office.post(
        f"/api/v1/agreements/{agreements[0].pk}/sign",
        {
            "number": "1/X/2023",
            "signed_on": "1900-01-01",
            "mode": "virtual",
            "signatories": [
                {"name": "Semuel", "position": "Dirjen Aptika", "side": "ministry"},
                {"name": "Fadhil Arief", "position": "Bupati Batanghari", "side": "region"},
            ],
        },
        content_type=JSON,
    )
    assert signed.status_code == 422
    assert [f["field"] for f in signed.json()["error"]["fields"]] == ["signed_on"]


def test_body_page_refuses_a_decree_from_1900(users) -> None:  # type: ignore[no-untyped-def]
    coordinator = _as(users["coordinator"])
    coordinator.cookies["django_language"] = "en"
    page = coordinator.post(
        "/program/regions/33.25/bodies/council/",
        {"decree_number": "1/2020", "decree_date": "1900-01-01"},
        follow=True,
    )
    assert "is too early; enter a date from 1 January 2015 to today" in page.content.decode()
