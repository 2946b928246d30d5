import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from kotacerdas.program import queries, services
from kotacerdas.regions.imports import import_opds
from kotacerdas.regions.models import OPD
from tests import files
from tests.queries import assert_queries

COUNCIL = [
    services.MemberInput("M. Fadia Arafiq", "Bupati", "Pemkab Batang", "Pelindung"),
    services.MemberInput("Kepala Bappeda", "Kepala Badan", "Bappeda", "Anggota"),
]


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("opd.xlsx", buffer.getvalue())


def test_council_with_decree_and_members(users, batang) -> None:  # type: ignore[no-untyped-def]
    body = services.save_body(
        users["coordinator"],
        batang,
        kind="council",
        decree_number="555.6/2019",
        decree_date=date(2019, 3, 4),
        members=COUNCIL,
        decree_file=SimpleUploadedFile("sk.pdf", files.PDF),
    )
    assert body.is_formed and body.members.count() == 2
    with pytest.raises(ValidationError, match="both"):
        services.save_body(users["coordinator"], batang, kind="team", decree_number="1/2020")
    with pytest.raises(PermissionDenied):
        services.save_body(users["opd_officer"], batang, kind="team")
    with pytest.raises(ValidationError) as error:
        services.save_body(
            users["coordinator"],
            batang,
            kind="team",
            members=[services.MemberInput("", "x", "y", "z")],
        )
    assert "members.0.name" in error.value.message_dict


def test_opd_import_from_xlsx_and_csv(users, batang) -> None:  # type: ignore[no-untyped-def]
    rows = [
        ["Nama", "Singkatan", "Jenis", "Kepala", "Tupoksi"],
        ["Dinas Perikanan", "Diskan", "dinas", "Ir. Budi", "Perikanan tangkap"],
        ["Kecamatan Warungasem", "", "Kecamatan", "", ""],
        ["Dinas Kesehatan Batang", "Dinkes", "dinas", "dr. Sri", ""],
    ]
    report = import_opds(users["coordinator"], batang, _xlsx(rows))
    assert (report.created, report.updated) == (2, 1)  # Dinkes existed: updated
    assert OPD.objects.get(region=batang, name="Dinas Kesehatan Batang").head_name == "dr. Sri"
    csv_file = SimpleUploadedFile("opd.csv", b"nama;jenis\nBadan Pendapatan Daerah;badan\n")
    assert import_opds(users["coordinator"], batang, csv_file).created == 1


def test_bad_opd_rows_are_numbered_and_nothing_is_imported(users, batang) -> None:  # type: ignore[no-untyped-def]
    before = OPD.objects.filter(region=batang).count()
    rows = [["nama", "jenis"], ["Dinas A", "dinas"], ["", "badan"], ["Dinas A", "kementerian"]]
    with pytest.raises(ValidationError) as error:
        import_opds(users["coordinator"], batang, _xlsx(rows))
    messages = error.value.messages
    assert any(m.startswith("Row 3") for m in messages)
    assert any("Row 4" in m and "row 2" in m for m in messages)
    assert any("Row 4" in m and "kementerian" in m for m in messages)
    assert OPD.objects.filter(region=batang).count() == before
    with pytest.raises(ValidationError, match="XLSX"):
        import_opds(users["coordinator"], batang, SimpleUploadedFile("x.xlsx", b"PK\x03\x04broken"))


def test_import_over_api_reports_row_errors(users, batang) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(users["coordinator"])
    bad = client.post(
        "/api/v1/regions/33.25/opds/import",
        {"file": SimpleUploadedFile("o.csv", b"nama,jenis\nDinas X,planet\n")},
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"][0]["message"].startswith("Baris 2")
    good = client.post(
        "/api/v1/regions/33.25/opds/import",
        {"file": SimpleUploadedFile("o.csv", b"nama,jenis\nDinas X,dinas\n")},
    )
    assert good.json() == {"created": 1, "updated": 0}


def test_commitments_and_share(users, batang) -> None:  # type: ignore[no-untyped-def]
    opd = users["opd_officer"].opd
    assert services.commitment_share(batang) == (0, 1)
    with pytest.raises(ValidationError, match="future"):
        services.record_commitment(
            users["coordinator"], opd, signed_by="Kepala Dinkes", signed_on=date(2999, 1, 1)
        )
    services.record_commitment(
        users["coordinator"], opd, signed_by="Kepala Dinkes", signed_on=date(2023, 6, 1)
    )
    assert services.commitment_share(batang) == (1, 1)


def test_funnel_counts_each_stage(users, cohort, batang) -> None:  # type: ignore[no-untyped-def]
    from tests.program.conftest import submitted

    submitted(users["coordinator"], cohort, batang)
    services.save_body(
        users["coordinator"],
        batang,
        kind="council",
        decree_number="555.6/2019",
        decree_date=date(2019, 3, 4),
        members=COUNCIL,
    )
    services.record_commitment(
        users["coordinator"],
        users["opd_officer"].opd,
        signed_by="Kepala",
        signed_on=date(2023, 6, 1),
    )
    with assert_queries("service program.queries.funnel"):
        result = queries.funnel(cohort)
    assert result.total.counts == {
        "applied": 1,
        "assessed": 0,
        "selected": 0,
        "agreement_signed": 0,
        "council_formed": 1,
        "all_committed": 1,
    }
    assert [row.key for row in result.by_province] == ["33"]
    assert result.by_island_group[0].key == "jawa"
    office = Client()
    office.force_login(users["program_office"])
    csv_body = office.get(f"/api/v1/cohorts/{cohort.year}/funnel?format=csv").content.decode(
        "utf-8-sig"
    )
    assert "Jawa Tengah" in csv_body.splitlines()[-1]
    xlsx = office.get(f"/api/v1/cohorts/{cohort.year}/funnel?format=xlsx")
    assert xlsx.content[:2] == b"PK"
    coordinator = Client()
    coordinator.force_login(users["coordinator"])
    assert coordinator.get(f"/api/v1/cohorts/{cohort.year}/funnel").status_code == 403
