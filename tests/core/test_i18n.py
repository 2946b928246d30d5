from django.test import Client


def test_pages_open_in_indonesian_even_for_english_browsers(db) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = page.content.decode()
    assert '<html lang="id">' in body
    assert "Wilayah" in body


def test_language_switch_sticks_and_switches_back(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/regions/"})
    assert switched.status_code == 302 and switched["Location"] == "/regions/"
    english = client.get("/regions/").content.decode()
    assert '<html lang="en">' in english and "Regencies and cities" in english
    assert '<html lang="en">' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "id", "next": "/"})
    assert '<html lang="id">' in client.get("/regions/").content.decode()


def test_unknown_language_falls_back_to_indonesian(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.cookies["django_language"] = "xx"
    assert '<html lang="id">' in client.get("/").content.decode()


def test_api_errors_follow_accept_language(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    english = client.get("/api/v1/regions/99.99", HTTP_ACCEPT_LANGUAGE="en").json()
    indonesian = client.get("/api/v1/regions/99.99", HTTP_ACCEPT_LANGUAGE="id").json()
    assert english["error"]["message"] == "No region has the code 99.99."
    assert indonesian["error"]["message"] != english["error"]["message"]
    assert "99.99" in indonesian["error"]["message"]


def test_every_form_field_has_a_label(users) -> None:  # type: ignore[no-untyped-def]
    import re

    client = Client()
    client.force_login(users["coordinator"])
    for url in ["/regions/", "/accounts/tokens/", "/regions/33.25/opds/new/"]:
        body = client.get(url).content.decode()
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body)
        labelled = set(re.findall(r'<label[^>]*for="([^"]+)"', body))
        hidden = set(re.findall(r'<input[^>]*type="hidden"[^>]*id="([^"]+)"', body))
        assert ids, url
        assert set(ids) - hidden <= labelled, (url, set(ids) - hidden - labelled)
    login = Client().get("/accounts/login/").content.decode()
    assert 'for="id_username"' in login and 'for="id_password"' in login


def test_api_field_errors_and_parsing_errors_speak_the_requests_language(token_client) -> None:  # type: ignore[no-untyped-def]
    def error(language: str, body: str) -> dict:  # type: ignore[type-arg]
        return token_client.post(
            "/api/v1/regions/33.25/opds",
            body,
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE=language,
        ).json()["error"]

    wrong = '{"name": "D", "kind": "ministry", "colour": "red"}'
    english = {f["field"]: f["message"] for f in error("en", wrong)["fields"]}
    indonesian = {f["field"]: f["message"] for f in error("id", wrong)["fields"]}
    assert english["kind"].startswith("Choose one of: 'dinas'")
    assert english["colour"] == "This field is not known here; check its name."
    assert english["name"].startswith("Write at least")
    assert indonesian["kind"].startswith("Pilih salah satu: 'dinas'")
    assert all(indonesian[field] != english[field] for field in english)
    assert error("en", "{not json")["message"] == "The request body is not valid JSON."
    assert error("id", "{not json")["message"] == "Isi permintaan bukan JSON yang sah."


def test_api_not_found_does_not_name_a_class(token_client) -> None:  # type: ignore[no-untyped-def]
    english = token_client.get("/api/v1/masterplans/999999", HTTP_ACCEPT_LANGUAGE="en").json()
    indonesian = token_client.get("/api/v1/masterplans/999999", HTTP_ACCEPT_LANGUAGE="id").json()
    assert english["error"]["message"] == "Not found: it does not exist, or you may not see it."
    assert indonesian["error"]["message"].startswith("Tidak ditemukan")


def test_dates_read_the_same_way_on_every_page() -> None:
    import datetime

    from django.utils import formats, translation

    moment = datetime.datetime(2026, 8, 17, 9, 5)
    expected = {
        "id": ("17 Agustus 2026", "17 Agustus 2026, 09.05", "17 Agu 2026"),
        "en": ("17 August 2026", "17 August 2026, 09:05", "17 Aug 2026"),
    }
    for language, (date, date_time, short) in expected.items():
        with translation.override(language):
            assert formats.date_format(moment, "DATE_FORMAT") == date
            assert formats.date_format(moment, "DATETIME_FORMAT") == date_time
            assert formats.date_format(moment, "SHORT_DATE_FORMAT") == short
