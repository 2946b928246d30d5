"""Inviting from a CSV or XLSX list: all or nothing, with each row's errors."""

import io
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kotacerdas.accounts.models import Invitation
from kotacerdas.accounts.services.invite_import import import_invitations


def csv_file(text: str, name: str = "people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list[Any]]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("people.xlsx", buffer.getvalue())


def test_the_office_invites_a_list_of_staff_and_coordinators(
    users: dict[str, Any], batang: Any, batanghari: Any, django_capture_on_commit_callbacks: Any
) -> None:
    text = (
        "email,first_name,last_name,role,opd,regions,home_province\n"
        "rina@example.org,Rina,K,mentor,,33.25 15.04,\n"
        "budi@example.org,Budi,S,asesor,,15.04,Jawa Tengah\n"
        "kb@example.org,Kepala,Baru,coordinator,,35.78,\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = import_invitations(users["program_office"], csv_file(text))
    assert report.created == 3 and len(mail.outbox) == 3
    rina = Invitation.objects.get(email="rina@example.org")
    assert set(rina.assigned_regions.values_list("pk", flat=True)) == {"33.25", "15.04"}
    assert Invitation.objects.get(email="budi@example.org").home_province_id == "33"
    assert Invitation.objects.get(email="kb@example.org").region_id == "35.78"


def test_a_coordinator_invites_officers_by_opd_abbreviation_from_xlsx(
    users: dict[str, Any],
) -> None:
    rows = [
        ["Email", "Nama depan", "Peran", "OPD"],
        ["siti@example.org", "Siti", "petugas opd", "dinkes"],
        ["wakil@example.org", "Wakil", "deputy", ""],
        [None, None, None, None],
    ]
    report = import_invitations(users["coordinator"], xlsx_file(rows))
    assert report.created == 2
    siti = Invitation.objects.get(email="siti@example.org")
    assert siti.opd == users["opd_officer"].opd and siti.region_id == "33.25"
    assert Invitation.objects.get(email="wakil@example.org").deputy


def test_bad_rows_invite_nobody_and_each_is_named(
    users: dict[str, Any], make_opd: Any, batanghari: Any
) -> None:
    make_opd(batanghari, "Dinas Pendidikan Batanghari", abbreviation="Disdik")
    text = (
        "email,first_name,role,opd,regions\n"
        "ok@example.org,Ok,opd_officer,Dinkes,\n"  # fine alone
        "officer@example.org,Dup,opd_officer,Dinkes,\n"  # has an account
        "ok@example.org,Twice,opd_officer,Dinkes,\n"  # twice in the file
        "x@example.org,X,mentor,,\n"  # above a coordinator's reach
        "y@example.org,Y,opd_officer,Disdik,\n"  # another region's OPD
        "z@example.org,Z,opd_officer,Dinkes,15.04\n"  # another region
        "w@example.org,W,boss,,\n"  # no such role
        "not-an-email,N,opd_officer,Dinkes,\n"
        "v@example.org,V,program_office,,\n"
    )
    with pytest.raises(ValidationError) as refusal:
        import_invitations(users["coordinator"], csv_file(text))
    errors = refusal.value.messages
    for row in range(3, 11):
        assert any(error.startswith(f"Row {row}:") for error in errors), (row, errors)
    assert not any(error.startswith("Row 2:") for error in errors)
    assert not Invitation.objects.exists() and not mail.outbox


def test_files_that_cannot_be_read(users: dict[str, Any]) -> None:
    office = users["program_office"]
    for upload, expected in [
        (csv_file(""), "empty"),
        (csv_file("name,kind\nA,b\n"), "at least email and role"),
        (csv_file("email,role\n"), "no rows"),
        (SimpleUploadedFile("x.xlsx", b"PK\x03\x04broken"), "XLSX"),
        (SimpleUploadedFile("x.csv", b"\xff\xfe\x00bad"), "UTF-8"),
    ]:
        with pytest.raises(ValidationError) as refusal:
            import_invitations(office, upload)
        assert expected in " ".join(refusal.value.messages), refusal.value.messages
    many = "email,role\n" + "".join(f"p{n}@example.org,mentor\n" for n in range(501))
    with pytest.raises(ValidationError):
        import_invitations(office, csv_file(many))
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["opd_officer", "mentor", "no_role"])
def test_only_inviters_import(users: dict[str, Any], who: str) -> None:
    with pytest.raises(PermissionDenied):
        import_invitations(users[who], csv_file("email,role\na@example.org,opd_officer\n"))


def test_the_import_page_shows_row_errors_and_offers_a_sample(users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["coordinator"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sample = client.get("/accounts/people/import/?sample=1")
    assert sample["Content-Type"] == "text/csv" and b"email,first_name" in sample.content
    response = client.post(
        "/accounts/people/import/",
        {"file": csv_file("email,role,opd\nsiti@example.org,mentor,\n")},
    )
    assert response.status_code == 200 and "Row 2" in response.content.decode()
    response = client.post(
        "/accounts/people/import/",
        {"file": csv_file("email,role,opd\nsiti@example.org,opd_officer,Dinkes\n")},
    )
    assert response.status_code == 302 and Invitation.objects.count() == 1
