"""Importing OPDs: any file gets a clear answer (never a 500), big files and zip bombs
are refused, and reading stops at the row limit instead of reading the whole file."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from kotacerdas.regions import imports
from kotacerdas.regions.imports import import_opds
from kotacerdas.regions.models import OPD

API = "/api/v1/regions/33.25/opds/import"
PAGE = "/program/regions/33.25/opds/import/"


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet(xml: bytes) -> bytes:
    """A valid workbook whose first sheet is replaced by `xml`."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["nama", "jenis"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = xml if member.filename == "xl/worksheets/sheet1.xml" else source.read(member)
            target.writestr(member.filename, data)
    return out.getvalue()


def _long_sheet(rows: int, dimension: bool) -> bytes:
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    if dimension:
        head += f'<dimension ref="A1:B{rows}"/>'.encode()
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Dinas</t></is></c>'
        b'<c r="B%d" t="inlineStr"><is><t>dinas</t></is></c></row>' % (n, n, n)
        for n in range(2, rows + 1)
    )
    first = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>nama</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>jenis</t></is></c></row>'
    )
    return _with_sheet(head + b"<sheetData>" + first + body + b"</sheetData></worksheet>")


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "content",
    [
        b'a\nb,c;d\tx\n"\n',  # was 500: "Could not determine delimiter"
        b"nama,jenis\nDinas A,dinas,extra,more\nDinas B\n",  # ragged rows
        b"\x00\x01\x02binary",
        b"%PDF-1.4 not a spreadsheet \xff\xfe",
        b"",
        b"PK\x03\x04broken",
        b"nama,jenis\n" + b'"' + b"x" * 200_000 + b'",dinas\n',  # a field past csv's limit
    ],
)
def test_any_file_gets_a_422_with_the_reason_and_nothing_is_saved(users, content) -> None:  # type: ignore[no-untyped-def]
    before = OPD.objects.count()
    response = _client(users["coordinator"]).post(
        API, {"file": SimpleUploadedFile("o.csv", content)}
    )
    assert response.status_code == 422, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "validation_error" and error["fields"][0]["message"]
    assert OPD.objects.count() == before


def test_the_page_shows_the_reason_of_an_unreadable_file(users) -> None:  # type: ignore[no-untyped-def]
    response = _client(users["coordinator"]).post(
        PAGE, {"file": SimpleUploadedFile("o.csv", b'a\nb,c;d\tx\n"\n')}
    )
    assert response.status_code == 200
    assert "Baris 1 harus berisi nama kolom" in response.content.decode()


def test_a_semicolon_or_tab_file_is_read_by_its_header(users, batang) -> None:  # type: ignore[no-untyped-def]
    tabbed = SimpleUploadedFile(
        "o.tsv", b"nama\tjenis\tsingkatan\nDinas Sosial; PPPA\tdinas\tDinsos\n"
    )
    assert import_opds(users["coordinator"], batang, tabbed).created == 1
    assert OPD.objects.get(region=batang, abbreviation="Dinsos").name == "Dinas Sosial; PPPA"


def test_the_upload_has_a_size_limit(users, batang, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 1024 * 1024)
    big = SimpleUploadedFile("o.csv", b"nama,jenis\n" + b"Dinas X,dinas\n" * 80_000)
    with pytest.raises(ValidationError) as error:
        import_opds(users["coordinator"], batang, big)
    assert error.value.message_dict == {"file": ["The file is 1.1 MB; the limit is 1 MB."]}


def test_a_zip_bomb_is_refused_before_it_is_unpacked(users, batang) -> None:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["nama", "jenis"], ["Dinas X", "dinas"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))
        target.writestr("xl/media/padding.bin", b"\0" * (imports.MAX_UNPACKED_BYTES + 1))
    assert len(out.getvalue()) < 200_000  # small on disk
    upload = SimpleUploadedFile("bomb.xlsx", out.getvalue())
    with pytest.raises(ValidationError, match="unpacks to more than 50 MB"):
        import_opds(users["coordinator"], batang, upload)


@pytest.mark.parametrize("dimension", [True, False])
def test_reading_stops_at_the_row_limit(users, batang, dimension, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 200,000-row sheet is refused after reading past the limit, not the whole file
    (which held a worker for 15 s)."""
    content = _long_sheet(200_000, dimension)
    assert len(content) < imports.MAX_UPLOAD_BYTES
    read = 0
    limited = imports._limited

    def counting(rows):  # type: ignore[no-untyped-def]
        def counted():  # type: ignore[no-untyped-def]
            nonlocal read
            for row in rows:
                read += 1
                yield row

        return limited(counted())

    monkeypatch.setattr(imports, "_limited", counting)
    with pytest.raises(ValidationError) as error:
        import_opds(users["coordinator"], batang, SimpleUploadedFile("long.xlsx", content))
    assert error.value.messages == ["At most 500 rows per file."]
    # None at all when the sheet declares its size; else a few more than the limit.
    assert read <= imports.MAX_SCANNED_ROWS + 1


def test_five_hundred_opds_are_still_accepted(users, batang) -> None:  # type: ignore[no-untyped-def]
    rows: list[list[object]] = [["nama", "jenis"]]
    rows += [[f"Kecamatan {n}", "kecamatan"] for n in range(500)]
    rows += [[None, None]] * 10  # empty rows do not count
    report = import_opds(users["coordinator"], batang, SimpleUploadedFile("o.xlsx", _xlsx(rows)))
    assert report.created == 500
    rows.append(["Kecamatan 501", "kecamatan"])
    with pytest.raises(ValidationError, match="At most 500"):
        import_opds(users["coordinator"], batang, SimpleUploadedFile("o.xlsx", _xlsx(rows)))


def test_line_breaks_in_names_are_refused_by_row(users, batang) -> None:  # type: ignore[no-untyped-def]
    content = b'nama,jenis,kepala\n"Dinas\r\nSosial",dinas,\nDinas Pangan,dinas,"dr. A\nB"\n'
    with pytest.raises(ValidationError) as error:
        import_opds(users["coordinator"], batang, SimpleUploadedFile("o.csv", content))
    assert error.value.messages == [
        "Row 2: name: Write this on one line: line breaks are not allowed in a name.",
        "Row 3: head_name: Write this on one line: line breaks are not allowed in a name.",
    ]
